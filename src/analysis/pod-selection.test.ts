import { describe, expect, it } from 'vitest';
import { Snapshot } from '../inventory/snapshot.js';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { pod, workload } from '../../test/helpers/fixtures.js';
import { podSourcesIn, podSourcesSelected } from './pod-selection.js';

const objects = yamlObjects(
  [
    pod({ name: 'web-1' }).replace('metadata: {', 'metadata: {labels: {app: web, tier: front}, '),
    workload('Deployment', 'containers: [{name: app, image: x:1}]', { name: 'api', templateMetadata: '{labels: {app: api}}' }),
    workload('CronJob', 'restartPolicy: Never\ncontainers: [{name: app, image: x:1}]', { name: 'job', templateMetadata: '{labels: {app: job}}' }),
    workload('Deployment', 'containers: [{name: app, image: x:1}]', { name: 'other-ns', namespace: 'b', templateMetadata: '{labels: {app: web}}' }),
  ].join('---\n'),
);
const snapshot = new Snapshot({ objects, source: 'test', mode: 'offline' });
const names = (sel: Parameters<typeof podSourcesSelected>[2], ns = 'a') => podSourcesSelected(snapshot, ns, sel).map((s) => s.object.metadata.name).sort();

describe('pod selection', () => {
  it('matches Pods by their labels and templates by the template labels, in one namespace', () => {
    expect(names({ matchLabels: { app: 'web' } })).toEqual(['web-1']);
    expect(names({ matchLabels: { app: 'web' } }, 'b')).toEqual(['other-ns']);
    expect(names({ matchLabels: { app: 'job' } })).toEqual(['job']);
  });
  it('applies every matchLabels pair and matchExpressions', () => {
    expect(names({ matchLabels: { app: 'web', tier: 'back' } })).toEqual([]);
    expect(names({ matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] })).toEqual(['api', 'web-1']);
  });
  it('an empty selector selects everything in the namespace; a missing one nothing', () => {
    expect(names({})).toEqual(['api', 'job', 'web-1']);
    expect(names(undefined)).toEqual([]);
    expect(podSourcesIn(snapshot, 'c')).toEqual([]);
  });
});

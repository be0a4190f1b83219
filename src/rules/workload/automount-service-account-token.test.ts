import { describe, expect, it } from 'vitest';
import { MIRROR_POD, pod as podWith, serviceAccount as sa, workload } from '../../../test/helpers/fixtures.js';
import { testRule, yamlObjects } from '../../../test/helpers/rule-tester.js';
import { defaultConfig } from '../../config/types.js';
import { evaluate } from '../../engine/runner.js';
import { Snapshot } from '../../inventory/snapshot.js';
import rule from './automount-service-account-token.js';

const pod = (spec: string) => podWith({ spec });

testRule(rule, {
  valid: [
    { name: 'a static (mirror) pod cannot use a ServiceAccount', status: 'not-applicable', objects: MIRROR_POD },
    { name: 'pod false', objects: pod('automountServiceAccountToken: false') },
    { name: 'pod false overrides SA true', objects: pod('automountServiceAccountToken: false\nserviceAccountName: app') + sa('app', true) },
    { name: 'SA false, pod unset', objects: pod('serviceAccountName: app') + sa('app', false) },
    { name: 'default SA false', objects: pod('') + sa('default', false) },
    { name: 'deprecated serviceAccount field resolves the SA', objects: pod('serviceAccount: legacy') + sa('legacy', false) },
  ],
  invalid: [
    { name: 'pod true overrides SA false', objects: pod('automountServiceAccountToken: true\nserviceAccountName: app') + sa('app', false), messages: ['pod'], paths: ['spec.automountServiceAccountToken'] },
    {
      name: 'SA without the field',
      objects: pod('serviceAccountName: app') + sa('app'),
      messages: ['serviceAccount'],
      paths: ['spec.automountServiceAccountToken'],
      messageIncludes: '"app" does not set',
    },
    { name: 'SA not in the snapshot', objects: pod(''), messages: ['serviceAccount'], messageIncludes: 'not in the scanned objects' },
    {
      name: 'Deployment template with SA true',
      objects: workload('Deployment', 'serviceAccountName: app\ncontainers: [{name: app, image: x:1}]') + sa('app', true),
      messages: ['serviceAccount'],
      paths: ['spec.template.spec.automountServiceAccountToken'],
    },
  ],
});

describe('workload/automount-service-account-token with unreadable ServiceAccounts', () => {
  const withGap = (yaml: string) => {
    const objects = yamlObjects(yaml);
    const target = objects[0];
    if (!target) throw new Error('no pod');
    const snapshot = new Snapshot({ objects, source: 'test', mode: 'live', gaps: [{ kind: 'ServiceAccount', reason: 'forbidden', code: 'forbidden' }] });
    return evaluate(rule, rule.meta.severity, target, snapshot, defaultConfig(), new Date('2026-06-01T00:00:00Z'));
  };
  it('is unknown when the pod defers to a ServiceAccount that could not be listed', () => {
    const r = withGap(pod(''));
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('forbidden');
  });
  it('decides from the pod field alone when the pod sets it', () => {
    expect(withGap(pod('automountServiceAccountToken: false')).status).toBe('pass');
    expect(withGap(pod('automountServiceAccountToken: true')).status).toBe('fail');
  });
});

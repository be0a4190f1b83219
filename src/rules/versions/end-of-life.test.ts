import { APISERVER } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import type { ReleaseData } from '../../analysis/kubernetes-releases.js';
import rule from './end-of-life.js';

const node = (kubelet: string) => `apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {nodeInfo: {kubeletVersion: ${kubelet}}}\n`;
const cluster = (extra = '') => `apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: cluster}\n---\n${extra}`;
const OLD_DATA: ReleaseData = { date: '2024-01-01', source: 'old.json', minors: [{ minor: '1.29', released: '2023-12-13', endOfLife: '2025-02-28', latestPatch: '1.29.0' }] };

testRule(rule, {
  valid: [
    { name: 'a supported control plane (live /version)', objects: cluster(), cluster: { version: 'v1.36.3' } },
    { name: 'a supported kubelet', objects: node('v1.35.1') },
    { name: 'a manifest set is not a cluster', objects: cluster('apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n'), status: 'not-applicable' },
    { name: 'release data over a year old: unknown', objects: node('v1.29.0'), releaseData: OLD_DATA, status: 'unknown' },
    { name: 'a minor newer than the data: unknown', objects: node('v1.40.0'), status: 'unknown' },
    { name: 'live without /version: unknown', objects: cluster(), mode: 'live', status: 'unknown' },
  ],
  invalid: [
    { name: 'kubelet on an end-of-life minor', objects: node('v1.32.4'), messages: ['eol'], paths: ['Node/n1 status.nodeInfo.kubeletVersion'], messageIncludes: '1.32 reached end of life on 2026-02-28 (release data of 2026-12-02 (embedded in Palisade))' },
    {
      name: 'control plane from the static pod image',
      objects: cluster(APISERVER.pod('--authorization-mode=Node,RBAC').replace(/kube-apiserver:v1\.36\.3/, 'kube-apiserver:v1.31.2')),
      messages: ['eol'],
      messageIncludes: 'The control plane runs Kubernetes v1.31.2',
    },
    { name: 'older than anything in the data', objects: node('v1.19.16'), messages: ['unknownMinor'], messageIncludes: 'past end of life' },
    {
      name: '--release-data replaces the table',
      objects: node('v1.35.1'),
      releaseData: { date: '2026-05-01', source: 'mine.json', minors: [{ minor: '1.35', released: '2025-12-17', endOfLife: '2026-05-15', latestPatch: '1.35.9' }] },
      messages: ['eol'],
      messageIncludes: 'release data of 2026-05-01 (mine.json)',
    },
  ],
});

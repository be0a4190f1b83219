import { describe, expect, it } from 'vitest';
import { Snapshot } from '../inventory/snapshot.js';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { APISERVER } from '../../test/helpers/fixtures.js';
import { kubernetesVersions, parseMinor, parseVersion } from './kubernetes-versions.js';
import { EMBEDDED_RELEASE_DATA, parseReleaseData, staleReason } from './kubernetes-releases.js';
import { apiStatusAt, lifecycleOf } from './api-lifecycle.js';

const node = (name: string, v: string) => `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\nstatus: {nodeInfo: {kubeletVersion: ${v}}}\n---\n`;
const kubeadm = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kubeadm-config, namespace: kube-system}\ndata:\n  ClusterConfiguration: |\n    apiVersion: kubeadm.k8s.io/v1beta4\n    kind: ClusterConfiguration\n    kubernetesVersion: v1.35.2\n`;
const snap = (yaml: string, cluster = {}) => new Snapshot({ objects: yamlObjects(yaml), source: 't', mode: 'offline', cluster });

describe('kubernetesVersions', () => {
  it('live: /version and each kubelet, sorted by node', () => {
    expect(kubernetesVersions(snap(node('w2', 'v1.35.1') + node('w1', 'v1.36.3'), { version: 'v1.36.3', targetVersion: 'v1.37' }))).toEqual({
      controlPlane: { version: 'v1.36.3', source: 'the API server (/version)' },
      kubelets: [
        { node: 'w1', version: 'v1.36.3', source: 'Node/w1 status.nodeInfo.kubeletVersion' },
        { node: 'w2', version: 'v1.35.1', source: 'Node/w2 status.nodeInfo.kubeletVersion' },
      ],
      target: 'v1.37',
    });
  });
  it('offline: the kube-apiserver image tag, else kubeadm ClusterConfiguration, else nothing', () => {
    expect(kubernetesVersions(snap(APISERVER.pod() + '---\n' + kubeadm)).controlPlane?.version).toBe('v1.36.3');
    expect(kubernetesVersions(snap(kubeadm)).controlPlane).toEqual({ version: 'v1.35.2', source: 'ConfigMap/kube-system/kubeadm-config ClusterConfiguration.kubernetesVersion' });
    expect(kubernetesVersions(snap('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n'))).toEqual({ kubelets: [] });
  });
  it('parses versions with distribution suffixes', () => {
    expect(parseVersion('v1.36.3-eks-4f4795d')).toEqual({ major: 1, minor: 36, patch: 3 });
    expect(parseVersion('v1.36')).toBeUndefined();
    expect(parseMinor('v1.36')).toEqual({ major: 1, minor: 36 });
  });
});

describe('release data', () => {
  it('the embedded table is ordered, dated and consistent', () => {
    const minors = EMBEDDED_RELEASE_DATA.minors.map((m) => Number(m.minor.split('.')[1]));
    expect(minors).toEqual([...minors].sort((a, b) => a - b));
    for (const m of EMBEDDED_RELEASE_DATA.minors) {
      expect(m.latestPatch.startsWith(`${m.minor}.`)).toBe(true);
      expect(m.endOfLife > m.released).toBe(true);
    }
    expect(parseReleaseData(JSON.stringify(EMBEDDED_RELEASE_DATA), 'x.json').minors).toEqual(EMBEDDED_RELEASE_DATA.minors);
  });
  it('rejects malformed files naming the field', () => {
    expect(() => parseReleaseData('{', 'r.json')).toThrow(/release data r.json: not JSON/);
    expect(() => parseReleaseData('{"date":"2026-01-01","minors":[{"minor":"1.35","released":"2025-12-17","endOfLife":"2027-02-28","latestPatch":"1.34.1"}]}', 'r.json')).toThrow(/not a patch of 1.35/);
    expect(() => parseReleaseData('{"date":"yesterday","minors":[]}', 'r.json')).toThrow(/date must be YYYY-MM-DD/);
  });
  it('is stale after a year', () => {
    expect(staleReason(EMBEDDED_RELEASE_DATA, new Date('2027-06-01T00:00:00Z'))).toBeUndefined();
    expect(staleReason(EMBEDDED_RELEASE_DATA, new Date('2027-12-03T00:00:00Z'))).toMatch(/366 days old/);
  });
});

describe('API lifecycle table', () => {
  it('knows removals and their replacements', () => {
    const ing = lifecycleOf('extensions/v1beta1', 'Ingress');
    expect(ing).toEqual({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', deprecated: '1.14', removed: '1.22', replacement: 'networking.k8s.io/v1' });
    expect(apiStatusAt(ing!, 'v1.21.4')).toBe('deprecated');
    expect(apiStatusAt(ing!, '1.22')).toBe('removed');
    expect(apiStatusAt(ing!, 'v1.13.0')).toBe('served');
    expect(lifecycleOf('networking.k8s.io/v1', 'Ingress')).toBeUndefined();
    expect(lifecycleOf('autoscaling/v2beta2', 'HorizontalPodAutoscaler')?.removed).toBe('1.26');
  });
});

/**
 * CIS rules on a live scan of the real control plane. The test kube-apiserver runs in-process
 * (not as a kube-system pod) and there is no kubelet: control-plane/etcd flag rules are
 * not-applicable, kubelet rules unknown with the reason, and no rule errors. A Node object whose
 * kubelet does not answer drives the real /configz fetch path to a KubeletConfiguration gap.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { buildFrameworkReport } from '../../src/frameworks/report.js';
import { CIS_1_12 } from '../../src/frameworks/cis-1.12.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import type { K8sObject } from '../../src/model/k8s.js';
import type { ScanResult } from '../../src/report/model.js';
import { RULES } from '../../src/rules/index.js';
import { clusterFor, type TestCluster } from '../helpers/cluster.ts';

const info = inject('cluster');
const FAMILIES = ['control-plane', 'etcd', 'kubelet', 'rbac', 'service-accounts', 'network', 'admission', 'secrets'];
const mine = (r: { rule: string }): boolean => FAMILIES.includes(r.rule.split('/')[0]!);

async function scan(): Promise<ScanResult> {
  const snapshot = await liveSnapshot({ kubeconfig: info!.kubeconfig });
  return scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES, now: new Date('2026-11-22T00:00:00Z') }).result;
}

const NODE: K8sObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'cis-live-node' },
  // 127.0.0.2:10250: loopback, nothing listens there, so the kubelet fetch fails fast.
  status: { addresses: [{ type: 'InternalIP', address: '127.0.0.2' }], daemonEndpoints: { kubeletEndpoint: { Port: 10250 } } },
} as K8sObject;

describe.skipIf(!info)('CIS rules on a live scan of the real control plane', () => {
  let k: TestCluster;
  let result: ScanResult;

  beforeAll(async () => {
    k = clusterFor(info!);
    result = await scan();
  });

  afterAll(async () => {
    await k?.delete(NODE).catch(() => undefined);
  });

  it('no CIS rule errors on missing data', () => {
    expect(result.results.filter((r) => mine(r) && r.status === 'error').map((r) => r.message)).toEqual([]);
  });

  it('control-plane and etcd flag rules are not-applicable: the API server is not a kube-system pod', () => {
    const flagResults = result.results.filter((r) => r.rule.startsWith('control-plane/') && r.rule !== 'control-plane/kube-proxy-metrics-bind-address' || r.rule.startsWith('etcd/'));
    expect(flagResults.length).toBeGreaterThanOrEqual(40);
    for (const r of flagResults) {
      expect(r.status, `${r.rule}: ${r.message}`).toBe('not-applicable');
      expect(r.message).toMatch(/is not visible through the API/);
    }
  });

  it('kubelet rules are unknown: there is no Node, hence no kubelet', () => {
    const kubelet = result.results.filter((r) => r.rule.startsWith('kubelet/'));
    expect(kubelet).toHaveLength(13);
    for (const r of kubelet) {
      expect(r.status).toBe('unknown');
      expect(r.message).toContain('no Node objects');
    }
  });

  it('the framework report lists all 131 controls; 4.2.x unknown, 1.2.x not-applicable', () => {
    const fw = buildFrameworkReport(CIS_1_12, result.rules, result.results);
    expect(fw.controls).toHaveLength(131);
    const byId = new Map(fw.controls.map((c) => [c.id, c]));
    expect(byId.get('4.2.1')?.status).toBe('unknown');
    expect(byId.get('1.2.6')?.status).toBe('not-applicable');
    expect(byId.get('1.1.1')?.status).toBe('manual');
  });

  it('a Node whose kubelet does not answer: KubeletConfiguration gap, kubelet rules unknown with the reason', async () => {
    const res = await k.call('POST', '/api/v1/nodes', NODE);
    expect([201, 409]).toContain(res.status);
    // status is ignored on create: set addresses through the status subresource.
    const put = await k.call('PATCH', `/api/v1/nodes/${NODE.metadata.name}/status`, { status: NODE['status'] }, undefined, 'application/merge-patch+json');
    expect(put.status).toBe(200);
    const withNode = await scan();
    const gap = withNode.gaps.find((g) => g.kind === 'KubeletConfiguration');
    expect(gap?.reason).toMatch(/not read from any of 1 node\(s\): kubelet unreachable/);
    const kubelet = withNode.results.filter((r) => r.rule.startsWith('kubelet/'));
    expect(kubelet.length).toBeGreaterThanOrEqual(13);
    for (const r of kubelet) {
      expect(r.status).toBe('unknown');
      expect(r.message).toContain('KubeletConfiguration');
    }
    expect(withNode.incomplete).toBe(true);
  });

  it('--allow-nodes-proxy goes through the API server proxy, with a warning', async () => {
    const lines: string[] = [];
    const snapshot = await liveSnapshot({ kubeconfig: info!.kubeconfig, allowNodesProxy: true, onProgress: (l) => lines.push(l), retry: { attempts: 1 } });
    expect(lines.join('\n')).toContain('effectively exec on every node');
    // The node's kubelet does not exist, so the proxy answers with an error: still a gap, never a crash.
    expect(snapshot.gapFor('KubeletConfiguration')?.reason).toMatch(/not read from any of 1 node\(s\)/);
  });
});

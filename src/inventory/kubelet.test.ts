import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../model/k8s.js';
import { kubeletConfigObject, kubeletEndpoint, readKubeletConfigs, type FetchResult } from './kubelet.js';

const node = (name: string, addresses: { type: string; address: string }[] = [{ type: 'InternalIP', address: '10.0.0.1' }], port?: number): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { addresses, ...(port ? { daemonEndpoints: { kubeletEndpoint: { Port: port } } } : {}) },
});

describe('kubelet configuration', () => {
  it('finds the kubelet endpoint: InternalIP first, daemonEndpoints port, 10250 by default', () => {
    expect(kubeletEndpoint(node('a', [{ type: 'Hostname', address: 'a' }, { type: 'InternalIP', address: '10.1.1.1' }], 11250))).toEqual({ host: '10.1.1.1', port: 11250 });
    expect(kubeletEndpoint(node('b', [{ type: 'Hostname', address: 'b.local' }]))).toEqual({ host: 'b.local', port: 10250 });
    expect(kubeletEndpoint(node('c', []))).toBeUndefined();
  });

  it('turns a /configz body into a KubeletConfiguration object named after the node', () => {
    const obj = kubeletConfigObject('n1', JSON.stringify({ kubeletconfig: { readOnlyPort: 0, authentication: { anonymous: { enabled: false } } } }));
    expect(obj).toEqual({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', metadata: { name: 'n1' }, readOnlyPort: 0, authentication: { anonymous: { enabled: false } } });
    expect(kubeletConfigObject('n1', 'not json')).toBeUndefined();
    expect(kubeletConfigObject('n1', '{"other": 1}')).toBeUndefined();
  });

  it('reads the nodes that answer; a gap with the reason when none does', async () => {
    const answers: Record<string, FetchResult> = {
      ok: { status: 200, body: JSON.stringify({ kubeletconfig: { podPidsLimit: 4096 } }) },
      denied: { status: 403, body: 'Forbidden' },
      down: { error: 'connect ECONNREFUSED 10.0.0.1:10250' },
    };
    const fetch = async (n: K8sObject): Promise<FetchResult> => answers[n.metadata.name]!;
    const some = await readKubeletConfigs([node('ok'), node('denied'), node('down')], fetch);
    expect(some.objects.map((o) => o.metadata.name)).toEqual(['ok']);
    expect(some.gap).toBeUndefined();
    expect(some.errors.map((e) => e.reason).sort()).toEqual(['error', 'forbidden']);

    const none = await readKubeletConfigs([node('denied')], fetch);
    expect(none.gap).toMatchObject({ kind: 'KubeletConfiguration', code: 'forbidden' });
    expect(none.gap?.reason).toContain('nodes/configz');

    expect(await readKubeletConfigs([], fetch)).toEqual({ objects: [], errors: [] });
  });
});

import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../model/k8s.js';
import { kubeletConfigObject, kubeletEndpoint, kubeletTlsOf, nodeLabel, readKubeletConfigs, type FetchResult } from './kubelet.js';

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

  it('annotates each configuration with how it was read, and the snapshot-level record is the weakest', async () => {
    const obj = kubeletConfigObject('n1', JSON.stringify({ kubeletconfig: {} }), 'not-verified');
    expect(obj?.metadata).toEqual({ name: 'n1', annotations: { 'palisade.dev/kubelet-tls': 'not-verified' } });
    const ok = async (): Promise<FetchResult> => ({ status: 200, body: JSON.stringify({ kubeletconfig: {} }) });
    const read = await readKubeletConfigs([node('a')], ok, { via: 'kubelet-ca', caFile: '/ca.pem' });
    expect(read.objects[0]?.metadata.annotations).toEqual({ 'palisade.dev/kubelet-tls': 'kubelet-ca' });

    const tagged = (name: string, via?: string): K8sObject => ({ apiVersion: 'v1', kind: 'KubeletConfiguration', metadata: { name, ...(via ? { annotations: { 'palisade.dev/kubelet-tls': via } } : {}) } });
    expect(kubeletTlsOf([tagged('a', 'cluster-ca'), tagged('b', 'not-verified')])).toBe('not-verified');
    expect(kubeletTlsOf([tagged('a', 'cluster-ca')])).toBe('cluster-ca');
    expect(kubeletTlsOf([tagged('a')])).toBeUndefined(); // offline documents say nothing
    expect(kubeletTlsOf([])).toBeUndefined();
  });

  it('a self-signed kubelet certificate: a tls gap that names the node, says why and what to do', async () => {
    const selfSigned = async (): Promise<FetchResult> => ({ error: 'self-signed certificate in certificate chain', code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const r = await readKubeletConfigs([node('kind-worker')], selfSigned);
    expect(r.gap?.code).toBe('tls');
    expect(r.gap?.reason).toMatch(/^kubelet configuration not read from any of 1 node\(s\): node kind-worker: the kubelet serving certificate is not signed by the cluster CA \(SELF_SIGNED_CERT_IN_CHAIN; self-signed\?/);
    for (const fix of ['serverTLSBootstrap: true', '--kubelet-ca FILE', 'kubelet.caFile', '--kubelet-insecure-tls', 'kubelet.insecureSkipTLSVerify']) expect(r.gap?.reason).toContain(fix);
    expect(r.errors).toEqual([{ source: 'Node/kind-worker /configz', message: expect.stringContaining('not signed by the cluster CA'), reason: 'tls' }]);

    // With a kubelet CA configured, the reason names that file instead of the cluster CA.
    const withCa = await readKubeletConfigs([node('w1')], async () => ({ error: 'unable to verify the first certificate', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), { via: 'kubelet-ca', caFile: '/etc/palisade/kubelet-ca.pem' });
    expect(withCa.gap?.reason).toContain('not signed by the kubelet CA /etc/palisade/kubelet-ca.pem (UNABLE_TO_VERIFY_LEAF_SIGNATURE)');
    expect(withCa.gap?.reason).not.toContain('cluster CA (');

    const expired = await readKubeletConfigs([node('w2')], async () => ({ error: 'certificate has expired', code: 'CERT_HAS_EXPIRED' }));
    expect(expired.gap).toMatchObject({ code: 'tls', reason: expect.stringContaining('not valid now (CERT_HAS_EXPIRED') });
    const refused = await readKubeletConfigs([node('w3')], async () => ({ error: 'connect ECONNREFUSED 10.0.0.1:10250', code: 'ECONNREFUSED' }));
    expect(refused.gap).toMatchObject({ code: 'error', reason: expect.stringContaining('node w3: kubelet unreachable: connect ECONNREFUSED') });
  });

  it('one reason for many nodes is said once, with the nodes it concerns; the commonest code names the gap', async () => {
    const names = ['n5', 'n1', 'n4', 'n2', 'n3'];
    const fetch = async (n: K8sObject): Promise<FetchResult> =>
      n.metadata.name === 'n5' ? { status: 403, body: 'Forbidden' } : { error: 'self-signed certificate', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' };
    const r = await readKubeletConfigs(names.map((n) => node(n)), fetch);
    expect(r.gap?.code).toBe('tls');
    expect(r.gap?.reason.match(/not signed by the cluster CA/g)).toHaveLength(1);
    expect(r.gap?.reason).toContain('nodes n1, n2, n3 and 1 more: the kubelet serving certificate is not signed');
    expect(r.gap?.reason).toContain('node n5: forbidden (403)');
    expect(r.errors.map((e) => e.source)).toEqual(['Node/n1 /configz', 'Node/n2 /configz', 'Node/n3 /configz', 'Node/n4 /configz', 'Node/n5 /configz']);
    expect(nodeLabel(['b', 'a'])).toBe('nodes a, b');
    expect(nodeLabel(['a'])).toBe('node a');
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfigText } from './load.js';
import { defaultConfig } from './types.js';

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, 'palisade.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return expect.fail('expected a ConfigError');
}

describe('config: kubelet TLS', () => {
  it('defaults to verifying against the cluster CA', () => {
    expect(defaultConfig().kubelet).toEqual({ insecureSkipTLSVerify: false });
    expect(parseConfigText('clusterName: x\n', 'c.yaml').kubelet).toEqual({ insecureSkipTLSVerify: false });
  });

  it('reads kubelet.caFile and kubelet.insecureSkipTLSVerify, merged key by key over the defaults', () => {
    expect(parseConfigText('kubelet:\n  caFile: /etc/palisade/kubelet-ca.pem\n', 'c.yaml').kubelet).toEqual({ caFile: '/etc/palisade/kubelet-ca.pem', insecureSkipTLSVerify: false });
    expect(parseConfigText('kubelet:\n  insecureSkipTLSVerify: true\n', 'c.yaml').kubelet).toEqual({ insecureSkipTLSVerify: true });
  });

  it('rejects both at once, unknown keys (with a suggestion) and wrong types, naming the line', () => {
    expect(problemsOf('kubelet:\n  caFile: /ca.pem\n  insecureSkipTLSVerify: true\n')).toEqual([
      'palisade.yaml:2: kubelet: give caFile (verify kubelets against that CA) or insecureSkipTLSVerify: true (do not verify), not both',
    ]);
    expect(problemsOf('kubelet:\n  insecureSkipTlsVerify: true\n')).toEqual(["palisade.yaml:2: unknown key 'insecureSkipTlsVerify' at kubelet: did you mean 'insecureSkipTLSVerify'?"]);
    expect(problemsOf('kubelet:\n  insecureSkipTLSVerify: "yes"\n')).toEqual(['palisade.yaml:2: kubelet.insecureSkipTLSVerify: must be a boolean (got string "yes")']);
    expect(problemsOf('kubelets: {}\n')).toEqual(["palisade.yaml:1: unknown key 'kubelets' at (top level): did you mean 'kubelet'?"]);
    // insecureSkipTLSVerify: false beside a CA is not a contradiction.
    expect(parseConfigText('kubelet: {caFile: /ca.pem, insecureSkipTLSVerify: false}\n', 'c.yaml').kubelet.caFile).toBe('/ca.pem');
  });

  it('a relative caFile is relative to the config file, like a kubeconfig certificate-authority', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-config-'));
    await writeFile(join(dir, 'palisade.yaml'), 'kubelet:\n  caFile: pki/kubelet-ca.pem\n');
    expect((await loadConfigFile(join(dir, 'palisade.yaml'))).kubelet.caFile).toBe(join(dir, 'pki/kubelet-ca.pem'));
    await writeFile(join(dir, 'abs.yaml'), 'kubelet:\n  caFile: /etc/ca.pem\n');
    expect((await loadConfigFile(join(dir, 'abs.yaml'))).kubelet.caFile).toBe('/etc/ca.pem');
  });
});

describe('config: tenant isolation profiles and images', () => {
  it('reads isolation, sandboxHandlers and images; untrusted: true with isolation: soft is a contradiction', () => {
    const c = parseConfigText('tenancy:\n  tenants:\n    - {name: a, namespaces: [a1], isolation: hard}\n  sandboxHandlers: [runsc]\nimages: {allowedRegistries: [registry.example.com], requireDigest: true}\n', 'c.yaml');
    expect(c.tenancy.tenants[0]!.isolation).toBe('hard');
    expect(c.tenancy.sandboxHandlers).toEqual(['runsc']);
    expect(c.images).toEqual({ allowedRegistries: ['registry.example.com'], requireDigest: true });
    expect(parseConfigText('clusterName: x\n', 'c.yaml').tenancy.sandboxHandlers).toEqual(['runsc', 'runsc-*', 'gvisor', 'kata', 'kata-*']);
    expect(problemsOf('tenancy:\n  tenants:\n    - name: a\n      untrusted: true\n      isolation: soft\n')).toEqual([
      'palisade.yaml:3: tenancy.tenants[0] (a): untrusted: true means isolation: hard; drop one of them',
    ]);
    expect(problemsOf('tenancy:\n  tenants:\n    - {name: a, isolation: strict}\n')[0]).toContain('tenancy.tenants[0].isolation');
  });
});

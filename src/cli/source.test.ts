import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from './io.js';
import { kubeletTlsSource, missingCredentials, readKubeletCa } from './source.js';
import { runCli } from '../../test/helpers/cli.js';



const DEFAULTS = { insecureSkipTLSVerify: false };
const LIVE = { live: true };

describe('kubelet TLS options', () => {
  it('default: nothing to pass, the inventory verifies against the cluster CA', () => {
    expect(kubeletTlsSource({}, DEFAULTS, LIVE)).toEqual({});
  });

  it('the config section applies to live scans; the flags replace it', () => {
    expect(kubeletTlsSource({}, { caFile: '/ca.pem', insecureSkipTLSVerify: false }, LIVE)).toEqual({ kubeletCaFile: '/ca.pem' });
    expect(kubeletTlsSource({}, { insecureSkipTLSVerify: true }, LIVE)).toEqual({ kubeletInsecureTls: true });
    expect(kubeletTlsSource({ 'kubelet-ca': '/flag.pem' }, { insecureSkipTLSVerify: true }, LIVE)).toEqual({ kubeletCaFile: '/flag.pem' });
    expect(kubeletTlsSource({ 'kubelet-insecure-tls': true }, { caFile: '/ca.pem', insecureSkipTLSVerify: false }, LIVE)).toEqual({ kubeletInsecureTls: true });
    // Offline, the config section is unused (one palisade.yaml serves every mode).
    expect(kubeletTlsSource({}, { insecureSkipTLSVerify: true }, { live: false })).toEqual({});
  });

  it('usage errors: both flags, flags on offline sources, TLS options with --allow-nodes-proxy', () => {
    expect(() => kubeletTlsSource({ 'kubelet-ca': '/a', 'kubelet-insecure-tls': true }, DEFAULTS, LIVE)).toThrow(UsageError);
    expect(() => kubeletTlsSource({ 'kubelet-insecure-tls': true }, DEFAULTS, { live: false })).toThrow(/apply to live scans only/);
    expect(() => kubeletTlsSource({ 'kubelet-ca': '/a' }, DEFAULTS, { live: true, allowNodesProxy: true })).toThrow(/drop --kubelet-ca/);
    expect(() => kubeletTlsSource({}, { insecureSkipTLSVerify: true }, { live: true, allowNodesProxy: true })).toThrow(/drop the kubelet section/);
    expect(kubeletTlsSource({}, DEFAULTS, { live: true, allowNodesProxy: true })).toEqual({});
  });

  it('the CA file must exist and hold a PEM certificate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-kubelet-ca-'));
    await writeFile(join(dir, 'ok.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    await writeFile(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
    await expect(readKubeletCa(join(dir, 'ok.pem'))).resolves.toContain('BEGIN CERTIFICATE');
    await expect(readKubeletCa(join(dir, 'key.pem'))).rejects.toThrow(/no PEM certificate/);
    await expect(readKubeletCa(join(dir, 'missing.pem'))).rejects.toThrow(InputError);
  });

  it('the commands take the flags and reject them where they cannot apply (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-kubelet-cli-'));
    await writeFile(join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    const offline = await runCli(['scan', '--from', dir, '--kubelet-insecure-tls']);
    expect(offline.code).toBe(2);
    expect(offline.stderr).toContain('apply to live scans only');
    const both = await runCli(['snapshot', '--output', join(dir, 's.json'), '--kubelet-ca', 'x.pem', '--kubelet-insecure-tls']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
    const proxy = await runCli(['scan', '--allow-nodes-proxy', '--kubelet-insecure-tls']);
    expect(proxy.code).toBe(2);
    expect(proxy.stderr).toContain('drop --kubelet-insecure-tls');
    // A missing CA file stops a live scan before anything is read.
    const missing = await runCli(['scan', '--kubelet-ca', join(dir, 'missing.pem'), '--kubeconfig', join(dir, 'no-kubeconfig')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`kubelet CA ${join(dir, 'missing.pem')}: no such file`);
    // serve checks it at start instead of failing every scheduled scan.
    const serve = await runCli(['serve', '--kubelet-ca', join(dir, 'missing.pem'), '--listen', '127.0.0.1:0']);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain('no such file');
    // A config with both settings is a config error.
    await writeFile(join(dir, 'both.yaml'), 'kubelet: {caFile: /ca.pem, insecureSkipTLSVerify: true}\n');
    const config = await runCli(['scan', '--config', join(dir, 'both.yaml')]);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('give caFile');
  });

  it('every command that reads kubelets lists the options in its help', async () => {
    for (const command of ['scan', 'serve', 'snapshot']) {
      const help = await runCli([command, '--help']);
      expect(help.stdout, command).toContain('--kubelet-ca FILE');
      expect(help.stdout, command).toContain('--kubelet-insecure-tls');
    }
  });
});

describe('--target-version and --release-data', () => {
  it('judges deprecated APIs against the target and reads release data, with usage and input errors (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-versions-cli-'));
    await writeFile(join(dir, 'pdb.yaml'), 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: a}\nspec: {minAvailable: 1}\n');
    const removed = async (...flags: string[]) => {
      const r = await runCli(['scan', '--from', dir, '--format', 'json', ...flags]);
      const results = (JSON.parse(r.stdout) as { results: { rule: string; status: string; message: string }[] }).results;
      return results.find((x) => x.rule === 'versions/removed-api' && x.status === 'fail');
    };
    expect((await removed())?.message).toContain('judged against 1.36 from config kubernetesVersion');
    expect(await removed('--target-version', 'v1.22')).toBeUndefined();
    expect((await removed('--target-version', '1.25'))?.message).toContain('judged against v1.25 from --target-version');
    const bad = await runCli(['scan', '--from', dir, '--target-version', 'latest']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--target-version latest: expected v1.N');
    const missing = await runCli(['scan', '--from', dir, '--release-data', join(dir, 'none.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    await writeFile(join(dir, 'bad.json'), '{"date":"2026-01-01","minors":[]}');
    const invalid = await runCli(['scan', '--from', dir, '--release-data', join(dir, 'bad.json')]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('minors must be a non-empty list');
  });
});

describe('no cluster credentials', () => {
  const none = (): boolean => false;
  it('says what was tried, in client-node\'s order, when nothing is there to load', () => {
    expect(missingCredentials(undefined, { HOME: '/home/u' }, none)).toBe(
      'no cluster credentials: tried in-cluster (KUBERNETES_SERVICE_HOST unset), $KUBECONFIG (unset), ~/.kube/config (/home/u/.kube/config: not found); give --kubeconfig FILE, or scan manifests with --from PATH',
    );
    expect(missingCredentials(undefined, { HOME: '/h', KUBECONFIG: '/a:/b', KUBERNETES_SERVICE_HOST: '10.0.0.1' }, none)).toMatch(
      /^no cluster credentials: tried in-cluster \(no token at \/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/token\), \$KUBECONFIG \(\/a:\/b: not found\)/,
    );
  });

  it('anything loadable is left to client-node: --kubeconfig, a $KUBECONFIG file, ~/.kube/config', () => {
    expect(missingCredentials('/x', {}, none)).toBeUndefined();
    expect(missingCredentials(undefined, { KUBECONFIG: '/a:/b' }, (p) => p === '/b')).toBeUndefined();
    expect(missingCredentials(undefined, { HOME: '/h' }, (p) => p === '/h/.kube/config')).toBeUndefined();
  });

  it('palisade scan with no credentials at all: that one line, exit 2', async () => {
    const home = await mkdtemp(join(tmpdir(), 'palisade-nohome-'));
    const r = await runCli(['scan'], { env: { HOME: home } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `palisade scan: no cluster credentials: tried in-cluster (KUBERNETES_SERVICE_HOST unset), $KUBECONFIG (unset), ~/.kube/config (${home}/.kube/config: not found); give --kubeconfig FILE, or scan manifests with --from PATH\n`,
    );
  });
});

/**
 * End-to-end on a kind cluster (needs Docker, kind and kubectl; not part of `npm test`):
 *   npm run e2e:kind            # create cluster, build+load image, install, scan, check, clean up
 *   npm run e2e:kind -- --keep  # leave the cluster running afterwards
 * Where Docker, kind or kubectl is missing it says which and exits 1.
 *
 * kind kubelets sign their own serving certificate (no serverTLSBootstrap), so the cluster CA cannot
 * verify them: the script turns on kubelet.insecureSkipTLSVerify in the installed ConfigMap's
 * palisade.yaml (docs/install.md, "On kind and kubeadm clusters") and checks that the scan warns
 * about it and reads the kubelets.
 */
import { execa, type Options } from 'execa';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const CLUSTER = process.env['PALISADE_E2E_CLUSTER'] ?? 'palisade-e2e';
const IMAGE = 'palisade:e2e';
const NS = 'palisade';
const keep = process.argv.includes('--keep');
const root = new URL('../../', import.meta.url).pathname;
const localKind = `${root}.cache/bin/kind`;

function log(msg: string): void {
  process.stderr.write(`[e2e:kind] ${msg}\n`);
}

async function has(cmd: string, args: string[]): Promise<boolean> {
  try {
    await execa(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function prerequisites(): Promise<{ kind: string }> {
  const missing: string[] = [];
  const docker = await has('docker', ['info']);
  if (!docker) missing.push('a running Docker engine (`docker info` failed)');
  let kind = 'kind';
  if (!(await has('kind', ['version']))) {
    // Build kind only when it could be used: without Docker it is of no help.
    if (docker && !existsSync(localKind) && (await has('go', ['version']))) {
      log('building kind from the Go module proxy (test/tools)');
      await execa('go', ['build', '-o', localKind, 'sigs.k8s.io/kind'], { cwd: `${root}test/tools`, stdio: 'inherit' });
    }
    if (existsSync(localKind)) kind = localKind;
    else missing.push(docker ? 'kind (not on PATH, and Go is not available to build it)' : 'kind (not on PATH; once Docker runs, this script builds it with Go)');
  }
  if (!(await has('kubectl', ['version', '--client']))) missing.push('kubectl');
  if (missing.length > 0) {
    throw new Error(`cannot run the kind end-to-end test; missing:\n  - ${missing.join('\n  - ')}`);
  }
  return { kind };
}

const kubectl = (args: string[], opts: Options = {}) =>
  execa('kubectl', ['--context', `kind-${CLUSTER}`, ...args], { ...opts });

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    await sleep(2000);
  }
  throw new Error(`timed out after ${seconds}s waiting for ${what}`);
}

/**
 * kind's kubelets serve a self-signed certificate: add `kubelet.insecureSkipTLSVerify: true` to the
 * installed palisade.yaml (a throw-away test cluster; see docs/install.md for real ones) and restart
 * the exporter, which reads its config at start.
 */
async function allowSelfSignedKubelets(): Promise<void> {
  log('kind kubelets are self-signed: setting kubelet.insecureSkipTLSVerify in the palisade-config ConfigMap');
  const current = String((await kubectl(['-n', NS, 'get', 'configmap', 'palisade-config', '-o', 'jsonpath={.data.palisade\\.yaml}'])).stdout);
  if (/^kubelet:/m.test(current)) throw new Error(`palisade.yaml in the ConfigMap already has a kubelet section:\n${current}`);
  const config = `${current.trimEnd()}\n# kind: kubelets sign their own serving certificate (e2e only; docs/install.md)\nkubelet:\n  insecureSkipTLSVerify: true\n`;
  await kubectl(['-n', NS, 'patch', 'configmap', 'palisade-config', '--type', 'merge', '-p', JSON.stringify({ data: { 'palisade.yaml': config } })]);
  await kubectl(['-n', NS, 'rollout', 'restart', 'deployment/palisade-exporter']);
}

/** imagePullPolicy IfNotPresent on both workloads: the image was loaded into the nodes, not pushed. */
async function usePreloadedImage(): Promise<void> {
  const patch = (path: string): string => JSON.stringify([{ op: 'replace', path: `${path}/containers/0/imagePullPolicy`, value: 'IfNotPresent' }]);
  await kubectl(['-n', NS, 'patch', 'cronjob/palisade', '--type', 'json', '-p', patch('/spec/jobTemplate/spec/template/spec')]);
  await kubectl(['-n', NS, 'patch', 'deployment/palisade-exporter', '--type', 'json', '-p', patch('/spec/template/spec')]);
}

async function main(): Promise<void> {
  const { kind } = await prerequisites();
  log(`creating kind cluster ${CLUSTER}`);
  await execa(kind, ['create', 'cluster', '--name', CLUSTER, '--wait', '120s'], { stdio: 'inherit' });
  try {
    log('building and loading the image');
    await execa('docker', ['build', '-t', IMAGE, root], { stdio: 'inherit' });
    await execa(kind, ['load', 'docker-image', IMAGE, '--name', CLUSTER], { stdio: 'inherit' });

    log('installing base + exporter overlays');
    await kubectl(['apply', '-k', `${root}manifests/overlays/exporter`], { stdio: 'inherit' });
    await kubectl(['-n', NS, 'set', 'image', 'cronjob/palisade', `palisade=${IMAGE}`]);
    await kubectl(['-n', NS, 'set', 'image', 'deployment/palisade-exporter', `palisade=${IMAGE}`]);
    // The manifests pull Always (workload/image-pull-policy); the e2e image exists only on the
    // kind nodes (`kind load`), so a pull from a registry would fail with ErrImagePull.
    await usePreloadedImage();
    await allowSelfSignedKubelets();

    log('triggering the CronJob');
    await kubectl(['-n', NS, 'create', 'job', 'palisade-e2e-1', '--from=cronjob/palisade']);
    await kubectl(['-n', NS, 'wait', '--for=condition=complete', 'job/palisade-e2e-1', '--timeout=300s'], { stdio: 'inherit' });
    const logs = String((await kubectl(['-n', NS, 'logs', 'job/palisade-e2e-1'])).stdout);
    if (!/Score/.test(logs)) throw new Error(`CronJob logs have no score:\n${logs}`);
    if (!logs.includes('WARNING: kubelet TLS verification is OFF')) throw new Error(`no kubelet TLS warning in the CronJob logs:\n${logs}`);
    if (!/\[live\] kubelet configuration \(not-verified\): [1-9]\d* node\(s\) read/.test(logs)) throw new Error(`the kubelets' configuration was not read:\n${logs}`);

    log('checking the exporter /metrics');
    await kubectl(['-n', NS, 'rollout', 'status', 'deployment/palisade-exporter', '--timeout=180s'], { stdio: 'inherit' });
    // From inside the pod: the exporter's NetworkPolicy admits only the monitoring namespace, and
    // kind's kindnet enforces NetworkPolicy, so the API server's service proxy would be refused.
    const metrics = async (): Promise<string> =>
      String((await kubectl(['-n', NS, 'exec', 'deployment/palisade-exporter', '-c', 'palisade', '--', '/usr/local/bin/node', '-e',
        "fetch('http://127.0.0.1:9102/metrics').then((r) => r.text()).then((t) => process.stdout.write(t))"])).stdout);
    await waitFor('palisade_last_scan_success 1', async () => (/^palisade_last_scan_success(\{[^}]*\})? 1$/m.test(await metrics()) ? true : undefined), 180);

    log('applying a privileged workload and waiting for its finding');
    await kubectl(['create', 'namespace', 'e2e-bad']);
    await kubectl(['-n', 'e2e-bad', 'run', 'bad', '--image=busybox:1.36', '--overrides',
      JSON.stringify({ spec: { containers: [{ name: 'bad', image: 'busybox:1.36', command: ['sleep', '3600'], securityContext: { privileged: true } }] } })]);
    await kubectl(['-n', NS, 'create', 'job', 'palisade-e2e-2', '--from=cronjob/palisade']);
    await kubectl(['-n', NS, 'wait', '--for=condition=complete', 'job/palisade-e2e-2', '--timeout=300s']);
    const second = String((await kubectl(['-n', NS, 'logs', 'job/palisade-e2e-2'])).stdout);
    if (!second.includes('pss/privileged')) throw new Error(`the privileged pod was not reported:\n${second}`);
    log('OK: install, CronJob scan, exporter metrics and a new finding all verified');
  } finally {
    if (keep) log(`keeping cluster ${CLUSTER} (kind delete cluster --name ${CLUSTER})`);
    else await execa(kind, ['delete', 'cluster', '--name', CLUSTER], { stdio: 'inherit' }).catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[e2e:kind] FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

/**
 * Palisade's manifests on the real kube-apiserver: every kustomization (rendered with the pinned
 * kustomize) is server-side applied with strict field validation and accepted; the `palisade`
 * namespace's restricted Pod Security admits the CronJob's and the Deployment's pods (and rejects
 * the same pod made privileged); and the CronJob's container is run as a process, with its
 * command, args, env and the ConfigMap's config, authenticated by a TokenRequest token of the
 * `palisade` ServiceAccount: the live scan completes with full coverage, once through a kubeconfig
 * and once through in-cluster configuration (the projected files at their in-cluster path).
 *
 * Objects this file creates are deleted at the end (other files share the apiserver; e.g. the
 * probes test needs the impersonation binding absent). The Namespace stays: without a namespace
 * controller a deleted namespace would stay Terminating forever.
 */
import { spawnSync } from 'node:child_process';
import { expandResult, parseResult } from '../helpers/result-json.js';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { KubeClient, loadKubeConfig, statusMessage } from '../../src/inventory/live/client.js';
import { collectionPath } from '../../src/inventory/live/discovery.js';
import type { K8sObject } from '../../src/model/k8s.js';
import type { ScanResult } from '../../src/report/model.js';
import { REPO_ROOT } from '../cluster/build.ts';
import { clusterFor, kubeconfigWithToken, type TestCluster } from '../helpers/cluster.ts';
import { requirePrereq } from '../helpers/prereq.ts';
import { find, KUSTOMIZATIONS, kustomizeAvailable, kustomizeBuild, MANIFESTS, podTemplateOf, type KustomizationName } from '../helpers/kustomize.ts';

const info = inject('cluster');
const kustomizeOk = await kustomizeAvailable();
/** A private mount namespace (unshare, as root) stands in for the pod's projected volume. */
const canMountNamespace = requirePrereq('unshare --mount (root, util-linux)', () => {
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs tmpfs /run'], { encoding: 'utf8' });
  return r.status === 0 || `unshare --mount failed: ${r.error?.message ?? r.stderr.trim()}`;
});
const FIELD_MANAGER = 'palisade-manifests-test';

interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
  securityContext?: Record<string, unknown>;
}
interface PodSpec {
  containers: Container[];
  volumes?: { name: string; configMap?: { name: string } }[];
}

async function yamlObjects(file: string): Promise<K8sObject[]> {
  return parseAllDocuments(await readFile(join(REPO_ROOT, file), 'utf8'))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/** Server-side apply with fieldValidation=Strict: unknown or duplicate fields are errors, not warnings. */
async function strictApply(k: TestCluster, obj: K8sObject): Promise<{ status: number; message: string }> {
  const res = await k.resourceFor(obj.apiVersion, obj.kind);
  const path = `${collectionPath(res, obj.metadata.namespace)}/${encodeURIComponent(obj.metadata.name)}`;
  const r = await k.call('PATCH', path, obj, { fieldManager: FIELD_MANAGER, force: 'true', fieldValidation: 'Strict' }, 'application/apply-patch+yaml');
  return { status: r.status, message: r.status < 300 ? '' : statusMessage(r.body) };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const key = (o: K8sObject): string => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

describe.skipIf(!info || !kustomizeOk)('manifests on the real kube-apiserver', () => {
  let k: TestCluster;
  let work: string;
  const rendered = new Map<KustomizationName, K8sObject[]>();
  /** Objects this file created (absent before): deleted in afterAll. */
  const created = new Map<string, K8sObject>();

  async function applyTracked(obj: K8sObject): Promise<{ status: number; message: string }> {
    if (!created.has(key(obj)) && obj.kind !== 'Namespace' && (await k.get(obj)) === undefined) created.set(key(obj), obj);
    return strictApply(k, obj);
  }

  beforeAll(async () => {
    k = clusterFor(info!);
    work = await mkdtemp(join(tmpdir(), 'palisade-manifests-it-'));
    for (const name of KUSTOMIZATIONS) rendered.set(name, (await kustomizeBuild(join(MANIFESTS, name))).objects);
    // CRD-backed kinds are validated for real: install the CRDs first (test/fixtures/crds/README.md).
    const crds = [
      ...(await yamlObjects('test/fixtures/crds/monitoring.coreos.com_servicemonitors.yaml')),
      ...(await yamlObjects('test/fixtures/crds/monitoring.coreos.com_prometheusrules.yaml')),
    ];
    expect((await k.applyObjects(crds)).rejected).toEqual([]);
    await waitFor('monitoring.coreos.com CRDs to be served', async () => {
      k.refreshDiscovery();
      await k.resourceFor('monitoring.coreos.com/v1', 'ServiceMonitor');
      return k.resourceFor('monitoring.coreos.com/v1', 'PrometheusRule');
    });
  });

  afterAll(async () => {
    for (const obj of [...created.values()].reverse()) await k?.delete(obj).catch(() => undefined);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.each(KUSTOMIZATIONS.map((n) => [n]))('%s: every object is accepted by server-side apply (strict field validation)', async (name) => {
    const refused: string[] = [];
    for (const obj of rendered.get(name)!) {
      const r = await applyTracked(obj);
      if (r.status >= 300) refused.push(`${obj.kind}/${obj.metadata.name}: HTTP ${r.status} ${r.message}`);
    }
    expect(refused).toEqual([]);
    // Stored as written: e.g. the CronJob keeps its scheduling guards after defaulting.
    const cj = await k.get(find(rendered.get(name)!, 'CronJob', 'palisade'));
    expect(cj?.['spec']).toMatchObject({ concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 600, jobTemplate: { spec: { activeDeadlineSeconds: 1800 } } });
  });

  it('the PrometheusRule of manifests/alerts is accepted too', async () => {
    const [rule] = await yamlObjects('manifests/alerts/prometheusrule.yaml');
    const r = await applyTracked(rule!);
    expect(r.status, r.message).toBeLessThan(300);
    expect((await k.get(rule!))?.['spec']).toEqual(rule!['spec']);
  });

  it('controls: strict validation refuses a misspelt field, and the ServiceMonitor CRD refuses a bad duration', async () => {
    const sm = find(rendered.get('overlays/exporter')!, 'ServiceMonitor', 'palisade');
    const spec = sm['spec'] as { endpoints: Record<string, unknown>[] };
    const typo = { ...sm, metadata: { ...sm.metadata, name: 'palisade-typo' }, spec: { ...spec, endpoints: [{ ...spec.endpoints[0], intervall: '60s' }] } };
    const badDuration = { ...sm, metadata: { ...sm.metadata, name: 'palisade-bad-duration' }, spec: { ...spec, endpoints: [{ ...spec.endpoints[0], interval: 'every minute' }] } };
    const cj = find(rendered.get('base')!, 'CronJob', 'palisade');
    const cjTypo = { ...cj, metadata: { ...cj.metadata, name: 'palisade-typo' }, spec: { ...(cj['spec'] as object), concurrency: 'Forbid' } };
    for (const [obj, pattern] of [
      [typo, /intervall/],
      [badDuration, /interval/],
      [cjTypo, /concurrency/],
    ] as const) {
      const r = await strictApply(k, obj);
      expect(r.status, `${obj.kind}/${obj.metadata.name}`).toBeGreaterThanOrEqual(400);
      expect(r.message).toMatch(pattern);
      expect(await k.get(obj)).toBeUndefined();
    }
  });

  it("restricted Pod Security in namespace palisade admits the CronJob's and the exporter's pods, and rejects them privileged", async () => {
    const objs = rendered.get('overlays/exporter')!;
    for (const obj of objs) await applyTracked(obj);
    const ns = await k.get(find(objs, 'Namespace', 'palisade'));
    expect(ns?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const w of [find(objs, 'CronJob', 'palisade'), find(objs, 'Deployment', 'palisade-exporter')]) {
      const template = podTemplateOf(w);
      const pod: K8sObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `psa-${w.kind.toLowerCase()}`, namespace: 'palisade', labels: template.metadata?.['labels'] as Record<string, string> }, spec: template.spec };
      expect(await k.dryRunCreate(pod), `${w.kind}/${w.metadata.name}`).toEqual({ verdict: 'admitted', status: 201, message: '' });
      const spec = template.spec as unknown as PodSpec;
      const privileged: K8sObject = {
        ...pod,
        spec: { ...spec, containers: spec.containers.map((c) => ({ ...c, securityContext: { ...c.securityContext, privileged: true, allowPrivilegeEscalation: true } })) },
      };
      const denied = await k.dryRunCreate(privileged);
      expect(denied.verdict, `${w.kind}/${w.metadata.name} privileged`).toBe('policy-denied');
      expect(denied.message).toMatch(/privileged/);
    }
    // What `kubectl create job --from=cronjob/palisade` submits is accepted as well.
    const cj = find(objs, 'CronJob', 'palisade');
    const jobSpec = (cj['spec'] as { jobTemplate: { spec: Record<string, unknown> } }).jobTemplate.spec;
    const job: K8sObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'palisade-manual', namespace: 'palisade' }, spec: jobSpec };
    const r = await k.call('POST', '/apis/batch/v1/namespaces/palisade/jobs', job, { dryRun: 'All' });
    expect(r.status, statusMessage(r.body)).toBe(201);
  });

  describe("the CronJob's container run as a process with the palisade ServiceAccount's token", () => {
    let main: string;
    let kubeconfig: string;
    let container: Container;
    let configDir: string;

    beforeAll(async () => {
      const build = await execa('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, reject: false });
      expect(build.exitCode, `npm run build failed:\n${String(build.stdout)}\n${String(build.stderr)}`).toBe(0);
      main = join(REPO_ROOT, 'dist/cli/main.js');
      const base = rendered.get('base')!;
      for (const obj of base) {
        const r = await applyTracked(obj);
        expect(r.status, `${obj.kind}/${obj.metadata.name}: ${r.message}`).toBeLessThan(300);
      }
      const cj = find(base, 'CronJob', 'palisade');
      const spec = podTemplateOf(cj).spec as unknown as PodSpec;
      container = spec.containers[0]!;
      // The config volume: the rendered ConfigMap's files, written where the mount would be.
      const mount = container.volumeMounts!.find((m) => spec.volumes!.find((v) => v.name === m.name)?.configMap)!;
      const cm = find(base, 'ConfigMap', spec.volumes!.find((v) => v.name === mount.name)!.configMap!.name);
      configDir = join(work, 'etc-palisade');
      await execa('mkdir', ['-p', configDir]);
      for (const [file, text] of Object.entries(cm['data'] as Record<string, string>)) await writeFile(join(configDir, file), text);
      // The ServiceAccount's token (TokenRequest, as the projected volume gets it) in a kubeconfig.
      // Most runs get it through --kubeconfig; the in-cluster test below puts it at the fixed
      // in-cluster path instead, in a private mount namespace.
      const token = await k.tokenFor('palisade', 'palisade', 3600);
      kubeconfig = join(work, 'palisade-sa.kubeconfig');
      await writeFile(kubeconfig, await kubeconfigWithToken(info!, token, 'system-serviceaccount-palisade-palisade'));
      const sa = new KubeClient(loadKubeConfig({ kubeconfig }).kc);
      await waitFor('the ClusterRoleBinding to reach the authorizer', async () => ((await sa.request({ path: '/api/v1/pods', query: { limit: '1' } })).status === 200 ? true : undefined));
      // No kubelets here: a Node left behind by another test would make the kubelet config a gap.
      const nodes = await k.call('GET', '/api/v1/nodes');
      expect((JSON.parse(nodes.body) as { items: unknown[] }).items).toEqual([]);
    }, 300_000);

    /** The container's command/args/env with the image paths mapped onto this checkout. */
    function processArgs(extra: readonly string[], replaceFormat?: readonly string[]): { file: string; args: string[]; env: Record<string, string> } {
      const [node, script, ...rest] = [...(container.command ?? []), ...(container.args ?? [])];
      expect([node, script]).toEqual(['/usr/local/bin/node', '/app/dist/cli/main.js']);
      let args = rest.map((a) => (a.startsWith('/etc/palisade/') ? join(configDir, a.slice('/etc/palisade/'.length)) : a));
      if (replaceFormat) {
        const i = args.indexOf('--format');
        args = [...args.slice(0, i), ...replaceFormat, ...args.slice(i + 2)];
      }
      const env: Record<string, string> = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? '']));
      return { file: process.execPath, args: [main, ...args, '--kubeconfig', kubeconfig, ...extra], env };
    }

    it('the table report completes (exit 0/1, never 3) and lists the cluster', async () => {
      const p = processArgs([]);
      expect(p.env['NODE_OPTIONS']).toMatch(/^--max-old-space-size=\d+$/);
      const r = await execa(p.file, p.args, { env: { ...p.env, PATH: process.env['PATH'] ?? '' }, extendEnv: false, reject: false, cwd: work });
      expect([0, 1], String(r.stderr)).toContain(r.exitCode);
      expect(String(r.stdout)).toMatch(/live scan of https:\/\/127\.0\.0\.1:\d+/);
      expect(String(r.stdout)).toContain('SUMMARY');
      expect(String(r.stdout)).not.toMatch(/Incomplete/);
      // The built CLI parses LIST pages in its page worker; a failure there is reported (and read inline).
      expect(String(r.stderr)).toContain('pages of 500 parsed in a worker thread');
      expect(String(r.stderr)).toContain('[live] listed');
      expect(String(r.stderr)).not.toContain('page worker');
    }, 180_000);

    // In the pod, client-node finds the projected token, CA and namespace at the fixed in-cluster
    // path and the API server in KUBERNETES_SERVICE_HOST/PORT. A private mount namespace (root
    // only) puts the same three files at that path for this one process, so the credentials path
    // the CronJob really takes runs here, with no kubeconfig at all.
    it.skipIf(!canMountNamespace)('in-cluster credentials: the same command with only the projected files and KUBERNETES_SERVICE_HOST/PORT', async () => {
      const saDir = join(work, 'serviceaccount');
      await execa('mkdir', ['-p', saDir]);
      await writeFile(join(saDir, 'token'), await k.tokenFor('palisade', 'palisade', 3600));
      await writeFile(join(saDir, 'ca.crt'), await readFile(info!.ca));
      await writeFile(join(saDir, 'namespace'), 'palisade');
      const out = join(work, 'in-cluster.json');
      const p = processArgs([], ['--format', 'json', '--output', out]);
      const args = p.args.slice(0, p.args.indexOf('--kubeconfig'));
      const server = new URL(info!.server);
      const script = 'mount -t tmpfs tmpfs /run && mkdir -p /run/secrets/kubernetes.io/serviceaccount && mount --bind "$0" /run/secrets/kubernetes.io/serviceaccount && exec "$@"';
      const r = await execa('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, saDir, p.file, ...args], {
        env: { ...p.env, PATH: process.env['PATH'] ?? '', KUBERNETES_SERVICE_HOST: server.hostname, KUBERNETES_SERVICE_PORT: server.port },
        extendEnv: false,
        reject: false,
        cwd: work,
      });
      expect([0, 1], String(r.stderr)).toContain(r.exitCode);
      // The progress line names where the credentials came from.
      expect(String(r.stderr)).toContain(`${info!.server} (in-cluster`);
      expect(String(r.stderr)).not.toMatch(/kubeconfig/i);
      const result = parseResult(await readFile(out, 'utf8'));
      expect(result.source.mode).toBe('live');
      expect(result.incomplete).toBe(false);
      expect(result.gaps).toEqual([]);
      expect(result.summary.objects.byKind['CronJob']).toBeGreaterThanOrEqual(1);
      // Nothing leaked out of the private mount namespace.
      expect(existsSync('/run/secrets/kubernetes.io/serviceaccount/token')).toBe(false);
    }, 180_000);

    it("the probes overlay's CronJob arguments (--probes) run with the overlay's grant", async () => {
      const probes = podTemplateOf(find(rendered.get('overlays/probes')!, 'CronJob', 'palisade')).spec as unknown as PodSpec;
      expect(probes.containers[0]!.args).toEqual([...container.args!, '--probes']);
      // The overlay's ClusterRole and binding (SubjectAccessReviews; no tenant to impersonate as shipped).
      for (const obj of rendered.get('overlays/probes')!.filter((o) => o.kind.startsWith('ClusterRole') && o.metadata.name.startsWith('palisade-probes'))) {
        expect((await applyTracked(obj)).status).toBeLessThan(300);
      }
      // The base container's process, with the overlay's extra argument.
      const p = processArgs(['--probes'], ['--format', 'json', '--output', join(work, 'probes.json')]);
      const r = await execa(p.file, p.args, { env: { ...p.env, PATH: process.env['PATH'] ?? '' }, extendEnv: false, reject: false, cwd: work });
      expect([0, 1], String(r.stderr)).toContain(r.exitCode);
      const result = parseResult(await readFile(join(work, 'probes.json'), 'utf8'));
      expect(result.incomplete).toBe(false);
      expect(result.errors).toEqual([]);
      // The probes ran (their rules are listed); this cluster's config names no tenants to probe.
      expect(result.rules.filter((d) => d.id.startsWith('probes/')).length).toBeGreaterThan(5);
    }, 180_000);

    it('the same run as JSON: no gaps, no errors, every kind listed, the Palisade objects seen', async () => {
      const out = join(work, 'scan.json');
      const p = processArgs([], ['--format', 'json', '--output', out]);
      const r = await execa(p.file, p.args, { env: { ...p.env, PATH: process.env['PATH'] ?? '' }, extendEnv: false, reject: false, cwd: work });
      expect([0, 1], String(r.stderr)).toContain(r.exitCode);
      const result = parseResult(await readFile(out, 'utf8'));
      expect(result.source.mode).toBe('live');
      expect(result.incomplete).toBe(false);
      expect(result.gaps).toEqual([]);
      expect(result.errors).toEqual([]);
      expect(result.summary.objects.byKind['CronJob']).toBeGreaterThanOrEqual(1);
      expect(result.summary.objects.byKind['ClusterRole']).toBeGreaterThan(0);
      // The scanner's own CronJob, read live, passes the restricted checks (dog-fooding, live).
      const own = result.results.filter((x) => x.object.kind === 'CronJob' && x.object.namespace === 'palisade' && x.object.name === 'palisade');
      expect(own.filter((x) => x.status === 'fail')).toEqual([]);
      expect(own.filter((x) => x.status === 'pass').map((x) => x.rule)).toEqual(expect.arrayContaining(['pss/privileged', 'pss/run-as-non-root', 'workload/automount-service-account-token']));
    }, 180_000);
  });
});

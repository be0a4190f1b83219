/**
 * Palisade's own manifests, rendered with the pinned kustomize: what every overlay contains, the
 * restricted pod settings, sizing from the benchmark results, NetworkPolicies, the config in the
 * ConfigMap, and dog-fooding (Palisade's offline scan of its own manifests finds nothing to fix).
 * The same objects go through the real kube-apiserver in test/integration/manifests.test.ts.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { expandResult, parseResult, type ExpandedResult } from '../helpers/result-json.js';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config.js';
import { run } from '../../src/cli/run.js';
import type { K8sObject } from '../../src/model/k8s.js';
import type { ScanResult } from '../../src/report/model.js';
import { RULES } from '../../src/rules/index.js';
import { REPO_ROOT } from '../cluster/build.ts';
import { find, findKustomizations, KUSTOMIZATIONS, kustomizeAvailable, kustomizeBuild, MANIFESTS, podTemplateOf, type KustomizationName } from '../helpers/kustomize.ts';

interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Volume {
  name: string;
  configMap?: { name: string; items?: { key: string; path: string }[] };
  emptyDir?: Record<string, unknown>;
  projected?: { sources: Record<string, unknown>[] };
}
interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  securityContext?: Record<string, unknown>;
  containers: Container[];
  volumes?: Volume[];
}

const kustomizeOk = await kustomizeAvailable();
const rendered = new Map<KustomizationName, K8sObject[]>();
const renderedFile = new Map<KustomizationName, string>();
let work: string;

beforeAll(async () => {
  if (!kustomizeOk) return;
  work = await mkdtemp(join(tmpdir(), 'palisade-manifests-'));
  for (const k of KUSTOMIZATIONS) {
    const out = await kustomizeBuild(join(MANIFESTS, k));
    rendered.set(k, out.objects);
    const file = join(work, `${k.replace('/', '-')}.yaml`);
    await writeFile(file, out.yaml);
    renderedFile.set(k, file);
  }
}, 120_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const objectsOf = (k: KustomizationName): K8sObject[] => rendered.get(k)!;
const podSpec = (o: K8sObject): PodSpec => podTemplateOf(o).spec as unknown as PodSpec;
const workloads = (k: KustomizationName): K8sObject[] => objectsOf(k).filter((o) => o.kind === 'CronJob' || o.kind === 'Deployment');
const names = (objs: readonly K8sObject[]): string[] => objs.map((o) => `${o.kind}/${o.metadata.name}`).sort();

/** Kubernetes quantity → MiB (the units our manifests use). */
function mib(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Mi|Gi)$/.exec(q);
  if (!m) throw new Error(`unexpected memory quantity "${q}"`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
}

describe.skipIf(!kustomizeOk)('manifests rendered with kustomize', () => {
  it('every kustomization under manifests/ is listed (and so tested)', async () => {
    expect(await findKustomizations()).toEqual([...KUSTOMIZATIONS].sort());
  });

  it('each overlay adds exactly its objects on top of the base', () => {
    const base = names(objectsOf('base'));
    expect(base).toEqual([
      'ClusterRole/palisade-reader',
      'ClusterRoleBinding/palisade-reader',
      'ConfigMap/palisade-config',
      'CronJob/palisade',
      'Namespace/palisade',
      'NetworkPolicy/palisade',
      'ServiceAccount/palisade',
    ]);
    const added = (k: KustomizationName): string[] => names(objectsOf(k)).filter((n) => !base.includes(n));
    expect(added('overlays/exporter')).toEqual([
      'Deployment/palisade-exporter',
      'NetworkPolicy/palisade-exporter-metrics',
      'Service/palisade-exporter',
      'ServiceMonitor/palisade',
    ]);
    expect(added('overlays/pushgateway')).toEqual(['NetworkPolicy/palisade-pushgateway']);
    expect(added('overlays/policy-reports')).toEqual(['ClusterRole/palisade-policy-report-writer', 'ClusterRoleBinding/palisade-policy-report-writer']);
    expect(added('overlays/openreports')).toEqual(['ClusterRole/palisade-openreports-writer', 'ClusterRoleBinding/palisade-openreports-writer']);
    expect(added('overlays/probes')).toEqual(['ClusterRole/palisade-probes-impersonate', 'ClusterRoleBinding/palisade-probes-impersonate']);
    for (const k of KUSTOMIZATIONS) {
      for (const o of objectsOf(k)) {
        if (!['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind)) expect(o.metadata.namespace, `${k}: ${o.kind}/${o.metadata.name}`).toBe('palisade');
      }
    }
  });

  it('every Palisade pod is restricted and gets its API token only by projection', () => {
    const seen: string[] = [];
    for (const k of KUSTOMIZATIONS) {
      for (const w of workloads(k)) {
        const where = `${k}: ${w.kind}/${w.metadata.name}`;
        seen.push(where);
        const spec = podSpec(w);
        expect(spec.serviceAccountName, where).toBe('palisade');
        expect(spec.securityContext, where).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
        // No automounted token; the projected one is bound (1 h) and sits where in-cluster config looks.
        expect(spec.automountServiceAccountToken, where).toBe(false);
        const api = spec.volumes?.find((v) => v.name === 'kube-api-access');
        expect(api?.projected?.sources, where).toEqual(
          expect.arrayContaining([{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }, expect.objectContaining({ configMap: expect.objectContaining({ name: 'kube-root-ca.crt' }) })]),
        );
        for (const c of spec.containers) {
          const cw = `${where} container ${c.name}`;
          expect(c.securityContext, cw).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
          expect(c.imagePullPolicy, cw).toBe('Always');
          expect(c.image, cw).toBe('palisade:0.1.0');
          expect(c.resources?.requests, cw).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
          expect(c.resources?.limits, cw).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
          const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.mountPath, m]));
          expect(mounts.get('/var/run/secrets/kubernetes.io/serviceaccount'), cw).toMatchObject({ name: 'kube-api-access', readOnly: true });
          // The only writable place on a read-only root filesystem: a size-capped emptyDir.
          expect(mounts.get('/tmp')?.name, cw).toBe('tmp');
          expect(spec.volumes?.find((v) => v.name === 'tmp')?.emptyDir, cw).toEqual({ sizeLimit: expect.any(String) });
        }
      }
    }
    expect(seen).toContain('overlays/exporter: Deployment/palisade-exporter');
    expect(seen.filter((s) => s.endsWith('CronJob/palisade'))).toHaveLength(KUSTOMIZATIONS.length);
  });

  it('memory limit ≥ benchmark peak RSS + 50%, heap (NODE_OPTIONS) ≈ 75% of it, and the image entrypoint cannot override it', async () => {
    const dir = join(REPO_ROOT, 'benchmarks/results');
    const peaks: number[] = [];
    for (const f of (await readdir(dir)).filter((n) => n.endsWith('.json'))) {
      const r = JSON.parse(await readFile(join(dir, f), 'utf8')) as { scan?: { median?: { maxRssMiB?: number }; max?: { maxRssMiB?: number } } };
      const peak = r.scan?.max?.maxRssMiB ?? r.scan?.median?.maxRssMiB;
      if (typeof peak === 'number') peaks.push(peak);
    }
    expect(peaks.length).toBeGreaterThan(0);
    const peak = Math.max(...peaks);
    for (const w of workloads('overlays/exporter')) {
      for (const c of podSpec(w).containers) {
        const limit = mib(c.resources!.limits!['memory']!);
        expect(limit, `${w.kind}/${w.metadata.name}`).toBeGreaterThanOrEqual(peak * 1.5);
        const heap = Number(/--max-old-space-size=(\d+)/.exec(c.env?.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '')?.[1]);
        expect(heap / limit).toBeGreaterThanOrEqual(0.7);
        expect(heap / limit).toBeLessThanOrEqual(0.8);
        expect(mib(c.resources!.requests!['memory']!)).toBeLessThanOrEqual(limit);
        // The Dockerfile's ENTRYPOINT carries its own --max-old-space-size, which beats NODE_OPTIONS:
        // the manifests call node directly.
        expect(c.command).toEqual(['/usr/local/bin/node', '/app/dist/cli/main.js']);
      }
    }
  });

  it('CronJob: Forbid, deadlines, history limits, table report, config from the ConfigMap', () => {
    const cj = find(objectsOf('base'), 'CronJob', 'palisade');
    const spec = cj['spec'] as Record<string, unknown>;
    expect(spec).toMatchObject({ concurrencyPolicy: 'Forbid', startingDeadlineSeconds: expect.any(Number), successfulJobsHistoryLimit: expect.any(Number), failedJobsHistoryLimit: expect.any(Number) });
    expect((spec['jobTemplate'] as { spec: Record<string, unknown> }).spec).toMatchObject({ backoffLimit: expect.any(Number), activeDeadlineSeconds: expect.any(Number) });
    const pod = podSpec(cj);
    expect(pod.containers[0]!.args).toEqual(['scan', '--config', '/etc/palisade/palisade.yaml', '--format', 'table']);
    const mount = pod.containers[0]!.volumeMounts!.find((m) => m.mountPath === '/etc/palisade')!;
    expect(pod.volumes!.find((v) => v.name === mount.name)?.configMap?.name).toBe('palisade-config');
    expect(Object.keys((find(objectsOf('base'), 'ConfigMap', 'palisade-config')['data'] as Record<string, string>))).toEqual(['palisade.yaml']);
  });

  it("the ConfigMap's palisade.yaml is a valid config (and the validator does reject a bad one)", async () => {
    const text = (find(objectsOf('base'), 'ConfigMap', 'palisade-config')['data'] as Record<string, string>)['palisade.yaml']!;
    const file = join(work, 'palisade.yaml');
    await writeFile(file, text);
    const config = await loadConfig(file, RULES);
    expect(config.selfNamespace).toBe('palisade');
    // A default cluster name, so the `cluster` label (the dashboards' Cluster picker) is never empty.
    expect(config.clusterName).toBe('default');
    expect(config.annotationWaivers).toBe(false);
    expect(config.waivers).toEqual([]);
    // That name reaches the report, and `--cluster` wins over it.
    const scan = async (extra: string[]): Promise<string | undefined> => {
      const out = new PassThrough();
      let json = '';
      out.on('data', (d: Buffer) => (json += d.toString()));
      await run(['scan', '--from', join(MANIFESTS, 'base'), '--config', file, '--format', 'json', ...extra], { stdout: out, stderr: new PassThrough(), env: {} });
      return (JSON.parse(json) as { source: { cluster?: { name?: string } } }).source.cluster?.name;
    };
    expect(await scan([])).toBe('default');
    expect(await scan(['--cluster', 'prod-eu-1'])).toBe('prod-eu-1');
    await writeFile(file, `${text}\nrulez: {}\n`);
    await expect(loadConfig(file, RULES)).rejects.toThrow(/rulez/);
  });

  it('NetworkPolicies: base allows no ingress and egress only to the API server, kubelet configz and DNS; overlays open metrics ingress and Pushgateway egress', () => {
    const base = find(objectsOf('base'), 'NetworkPolicy', 'palisade')['spec'] as {
      podSelector: unknown;
      policyTypes: string[];
      ingress: unknown[];
      egress: { to?: unknown[]; ports: { protocol: string; port: number }[] }[];
    };
    expect(base.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'palisade' } });
    expect(base.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    expect(base.ingress).toEqual([]);
    const ports = base.egress.flatMap((e) => e.ports.map((p) => `${p.protocol}/${p.port}`)).sort();
    expect(ports).toEqual(['TCP/10250', 'TCP/443', 'TCP/53', 'TCP/6443', 'UDP/53']);
    const dns = base.egress.find((e) => e.ports.some((p) => p.port === 53));
    expect(dns?.to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }]);

    const metrics = find(objectsOf('overlays/exporter'), 'NetworkPolicy', 'palisade-exporter-metrics')['spec'];
    expect(metrics).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'palisade', 'app.kubernetes.io/component': 'exporter' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 9102 }] }],
    });
    const push = find(objectsOf('overlays/pushgateway'), 'NetworkPolicy', 'palisade-pushgateway')['spec'];
    expect(push).toMatchObject({ policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'TCP', port: 9091 }] }] });
    // Every workload's pod is selected by the base policy (so none escapes the egress limits).
    for (const k of KUSTOMIZATIONS) for (const w of workloads(k)) expect(podTemplateOf(w).metadata?.['labels']).toMatchObject({ 'app.kubernetes.io/name': 'palisade' });
  });

  it('exporter: serve on the metrics port, probes on /readyz and /healthz, Service and ServiceMonitor agree on "metrics"', () => {
    const objs = objectsOf('overlays/exporter');
    const dep = find(objs, 'Deployment', 'palisade-exporter');
    const c = podSpec(dep).containers.find((x) => x.name === 'palisade')!;
    expect(c.args?.[0]).toBe('serve');
    expect(c.ports).toEqual([{ name: 'metrics', containerPort: 9102, protocol: 'TCP' }]);
    expect(c.args?.join(' ')).toContain('--listen :9102');
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'metrics' });
    expect(c.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
    const svc = find(objs, 'Service', 'palisade-exporter')['spec'] as { selector: Record<string, string>; ports: { name: string; targetPort: string }[] };
    expect(svc.ports).toEqual([expect.objectContaining({ name: 'metrics', port: 9102, targetPort: 'metrics' })]);
    expect(podTemplateOf(dep).metadata?.['labels']).toMatchObject(svc.selector);
    const sm = find(objs, 'ServiceMonitor', 'palisade')['spec'] as { selector: { matchLabels: Record<string, string> }; endpoints: { port: string }[] };
    expect(find(objs, 'Service', 'palisade-exporter').metadata.labels).toMatchObject(sm.selector.matchLabels);
    expect(sm.endpoints.map((e) => e.port)).toEqual(['metrics']);
  });

  it('pushgateway: the CronJob pushes to the configured Pushgateway with a cluster name', () => {
    const args = podSpec(find(objectsOf('overlays/pushgateway'), 'CronJob', 'palisade')).containers[0]!.args!;
    expect(args).toEqual(['scan', '--config', '/etc/palisade/palisade.yaml', '--format', 'table', '--pushgateway', 'http://pushgateway.monitoring.svc:9091', '--cluster', 'my-cluster']);
  });

  it('probes and policy-reports: installing the overlay is enough, it adds its flag to the CronJob', () => {
    const args = (k: KustomizationName): string[] => podSpec(find(objectsOf(k), 'CronJob', 'palisade')).containers[0]!.args!;
    const base = args('base');
    expect(args('overlays/probes')).toEqual([...base, '--probes']);
    expect(args('overlays/policy-reports')).toEqual([...base, '--write-policy-reports']);
    expect(args('overlays/openreports')).toEqual([...base, '--write-openreports']);
  });

  it('`images:` in a user overlay retargets every Palisade container', async () => {
    const dir = await mkdtemp(join(work, 'user-overlay-'));
    await writeFile(
      join(dir, 'kustomization.yaml'),
      `resources: [${relative(dir, join(MANIFESTS, 'overlays/exporter'))}]\nimages:\n  - name: palisade\n    newName: registry.example/sec/palisade\n    newTag: 9.9.9\n`,
    );
    // A user's overlay lives outside this repository: relative path + no load restriction.
    const { objects } = await kustomizeBuild(dir, ['--load-restrictor', 'LoadRestrictionsNone']);
    const images = objects.filter((o) => o.kind === 'CronJob' || o.kind === 'Deployment').flatMap((w) => podSpec(w).containers.map((c) => c.image));
    expect(images).toEqual(['registry.example/sec/palisade:9.9.9', 'registry.example/sec/palisade:9.9.9']);
  });
});

/** Runs `palisade scan --from ... --format json` in process; returns the exit code and the result. */
async function scanFrom(paths: string[]): Promise<{ code: number; result: ExpandedResult; stderr: string }> {
  const out = join(work, `scan-${Math.random().toString(36).slice(2)}.json`);
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (c: Buffer) => chunks.push(c));
  const code = await run(['scan', ...paths.flatMap((p) => ['--from', p]), '--format', 'json', '--output', out], { stdout: new PassThrough(), stderr, env: {} });
  return { code, result: parseResult(await readFile(out, 'utf8')), stderr: Buffer.concat(chunks).toString('utf8') };
}

const failsAndErrors = (result: ExpandedResult): string[] =>
  result.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => `${r.status} ${r.rule} ${r.object.kind}/${r.object.name}: ${r.message}`);

describe.skipIf(!kustomizeOk)('dog-fooding: Palisade scans its own manifests', () => {
  it.each(KUSTOMIZATIONS.map((k) => [k]))('%s (rendered): scores 100 with no failing result and no waivers', async (k) => {
    const { code, result } = await scanFrom([renderedFile.get(k)!]);
    expect(code).toBe(0);
    expect(result.incomplete).toBe(false);
    expect(failsAndErrors(result)).toEqual([]);
    expect(result.summary.counts.waived).toBe(0);
    expect(result.summary.score).toBe(100);
    expect(result.summary.byNamespace.find((n) => n.name === 'palisade')?.score).toBe(100);
    // Each workload was really evaluated (not skipped as not-applicable): pss and workload rules passed on it.
    for (const w of workloads(k)) {
      const passed = result.results.filter((r) => r.object.kind === w.kind && r.object.name === w.metadata.name && r.status === 'pass').map((r) => r.rule);
      expect(passed).toEqual(expect.arrayContaining(['pss/privileged', 'pss/run-as-non-root', 'pss/capabilities-restricted', 'workload/read-only-root-filesystem', 'workload/automount-service-account-token', 'workload/resource-limits']));
    }
  });

  it('`palisade scan --from manifests/`: scores 100, no failing result, no waivers, every document a Kubernetes object', async () => {
    const { code, result } = await scanFrom([MANIFESTS]);
    expect(code).toBe(0);
    expect(failsAndErrors(result)).toEqual([]);
    expect(result.summary.counts.waived).toBe(0);
    expect(result.summary.score).toBe(100);
    expect(result.summary.byNamespace.find((n) => n.name === 'palisade')?.score).toBe(100);
    // The plain promtool rule files live in dashboards/alerts/, so nothing under manifests/ is unreadable.
    expect(result.errors).toEqual([]);
    const kinds = result.summary.objects.byKind;
    expect(kinds['CronJob']).toBe(1);
    expect(kinds['Deployment']).toBe(1);
  });
});

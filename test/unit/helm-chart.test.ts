/**
 * charts/palisade with the pinned helm: `helm lint`, the defaults and each overlay's switch
 * render the same objects and RBAC as the kustomize base and overlays, the alerts carry the
 * threshold derived from the values, and Palisade's own scan of every rendering scores 100 with
 * no failing result and no waivers (dog-fooding, as test/unit/manifests.test.ts does for kustomize).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/cli/config.js';
import { run } from '../../src/cli/run.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { RULES } from '../../src/rules/index.js';
import { REPO_ROOT } from '../cluster/build.ts';
import { CHART, HELM_CASE_NAMES, HELM_CASES, helm, helmAvailable, helmTemplate, type HelmCase } from '../helpers/helm.ts';
import { find, kustomizeAvailable, kustomizeBuild, MANIFESTS, podTemplateOf, type KustomizationName } from '../helpers/kustomize.ts';
import { parseResult, type ExpandedResult } from '../helpers/result-json.js';
import { valueDocs } from '../../charts/palisade/values-table.ts';

const helmOk = await helmAvailable();
const kustomizeOk = await kustomizeAvailable();
const rendered = new Map<HelmCase, { yaml: string; objects: K8sObject[]; file: string }>();
let work: string;

/** The kustomization each switch corresponds to. */
const OVERLAY: Partial<Record<HelmCase, KustomizationName>> = {
  defaults: 'base',
  exporter: 'overlays/exporter',
  pushgateway: 'overlays/pushgateway',
  'policy-reports': 'overlays/policy-reports',
  openreports: 'overlays/openreports',
  probes: 'overlays/probes',
};

beforeAll(async () => {
  if (!helmOk) return;
  work = await mkdtemp(join(tmpdir(), 'palisade-helm-'));
  for (const c of HELM_CASE_NAMES) {
    const out = await helmTemplate(HELM_CASES[c]);
    const file = join(work, `${c}.yaml`);
    await writeFile(file, out.yaml);
    rendered.set(c, { ...out, file });
  }
}, 120_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const objectsOf = (c: HelmCase): K8sObject[] => rendered.get(c)!.objects;
const names = (objs: readonly K8sObject[]): string[] => objs.map((o) => `${o.kind}/${o.metadata.name}`).sort();
interface Container { args?: string[]; env?: unknown; resources?: unknown; securityContext?: unknown; volumeMounts?: unknown; image?: string; command?: string[] }
const container = (o: K8sObject): Container => (podTemplateOf(o).spec as { containers: Container[] }).containers[0]!;
const argsWithout = (args: readonly string[] = [], flag: string): string[] => {
  const i = args.indexOf(flag);
  return i < 0 ? [...args] : [...args.slice(0, i), ...args.slice(i + 2)];
};

describe('values table generator', () => {
  it('documents keys with a `# --` comment, with dotted paths and JSON defaults; a parent with documented children has no default', () => {
    const text = '# -- The image.\nimage:\n  # -- Its tag;\n  # pin a digest.\n  tag: "1.0"\n# undocumented\nother: 3\n# -- Limits.\nresources:\n  limits: {cpu: 1}\n';
    expect(valueDocs(text)).toEqual([
      { key: 'image', description: 'The image.', default: '' },
      { key: 'image.tag', description: 'Its tag; pin a digest.', default: '`"1.0"`' },
      { key: 'resources', description: 'Limits.', default: '`{"limits":{"cpu":1}}`' },
    ]);
  });
});

describe.skipIf(!helmOk)('Helm chart charts/palisade', () => {
  it.each(HELM_CASE_NAMES.map((c) => [c]))('helm lint --strict passes (%s)', async (c) => {
    const r = await helm(['lint', '--strict', CHART, ...HELM_CASES[c]]);
    expect(r.out + r.err).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(r.code).toBe(0);
  });

  it.skipIf(!kustomizeOk).each(Object.entries(OVERLAY))('%s renders the objects of %s, with the same RBAC rules and pod settings', async (c, k) => {
    const kust = (await kustomizeBuild(join(MANIFESTS, k))).objects;
    const chart = objectsOf(c as HelmCase);
    expect(names(chart)).toEqual(names(kust));
    for (const role of kust.filter((o) => o.kind === 'ClusterRole')) expect(find(chart, 'ClusterRole', role.metadata.name)['rules'], role.metadata.name).toEqual(role['rules']);
    for (const np of kust.filter((o) => o.kind === 'NetworkPolicy')) expect(find(chart, 'NetworkPolicy', np.metadata.name)['spec'], np.metadata.name).toEqual(np['spec']);
    for (const w of kust.filter((o) => o.kind === 'CronJob' || o.kind === 'Deployment')) {
      const mine = find(chart, w.kind, w.metadata.name);
      const [a, b] = [container(mine), container(w)];
      for (const field of ['image', 'command', 'env', 'resources', 'securityContext', 'volumeMounts'] as const) expect(a[field], `${w.kind} ${field}`).toEqual(b[field]);
      const podA = { ...podTemplateOf(mine).spec, containers: [] };
      const podB = { ...podTemplateOf(w).spec, containers: [] };
      expect(podA, `${w.kind} pod spec`).toEqual(podB);
      // The chart sets the cluster name in palisade.yaml, not with --cluster; the exporter names its schedule.
      expect(argsWithout(argsWithout(a.args, '--cluster'), '--schedule')).toEqual(argsWithout(b.args, '--cluster'));
    }
  });

  it("palisade.yaml is a valid config with the cluster name and the release namespace; values win", async () => {
    const read = async (objs: K8sObject[]): Promise<Awaited<ReturnType<typeof loadConfig>>> => {
      const text = (find(objs, 'ConfigMap', 'palisade-config')['data'] as Record<string, string>)['palisade.yaml']!;
      const file = join(work, `config-${Math.random().toString(36).slice(2)}.yaml`);
      await writeFile(file, text);
      return loadConfig(file, RULES);
    };
    const defaults = await read(objectsOf('defaults'));
    expect(defaults.clusterName).toBe('default');
    expect(defaults.selfNamespace).toBe('palisade');
    expect(defaults.waivers).toEqual([]);
    const custom = await read((await helmTemplate(['--set', 'clusterName=prod-eu-1', '--set', 'config.annotationWaivers=true'], 'security')).objects);
    expect(custom.clusterName).toBe('prod-eu-1');
    expect(custom.selfNamespace).toBe('security');
    expect(custom.annotationWaivers).toBe(true);
  });

  it('values set the schedule, deadlines, resources and image', async () => {
    const { objects } = await helmTemplate(['--set', 'schedule=0 * * * *', '--set', 'activeDeadlineSeconds=900', '--set', 'resources.limits.memory=2Gi', '--set', 'image.repository=registry.example/palisade', '--set', 'image.digest=sha256:' + 'a'.repeat(64)]);
    const cj = find(objects, 'CronJob', 'palisade');
    expect(cj['spec']).toMatchObject({ schedule: '0 * * * *', jobTemplate: { spec: { activeDeadlineSeconds: 900 } } });
    expect(container(cj).resources).toMatchObject({ limits: { memory: '2Gi' } });
    expect(container(cj).image).toBe(`registry.example/palisade@sha256:${'a'.repeat(64)}`);
  });

  it('alerts: the groups of the rules file, the exporter group only with the exporter, the threshold from the values', async () => {
    const plain = parse(await readFile(join(REPO_ROOT, 'dashboards/alerts/palisade.rules.yml'), 'utf8')) as { groups: { name: string; rules: { alert: string; expr: string }[] }[] };
    expect(await readFile(join(CHART, 'files/palisade.rules.yml'), 'utf8')).toBe(await readFile(join(REPO_ROOT, 'dashboards/alerts/palisade.rules.yml'), 'utf8'));
    const groups = (objs: K8sObject[]): typeof plain.groups => (find(objs, 'PrometheusRule', 'palisade')['spec'] as typeof plain).groups;
    expect(groups(objectsOf('alerts'))).toEqual(plain.groups.filter((g) => g.name !== 'palisade-exporter'));
    expect(groups(objectsOf('all'))).toEqual(plain.groups);
    expect(objectsOf('defaults').some((o) => o.kind === 'PrometheusRule')).toBe(false);
    const hourly = await helmTemplate(['--set', 'alerts.enabled=true', '--set', 'schedule=0 * * * *', '--set', 'scheduleIntervalSeconds=3600']);
    const stale = groups(hourly.objects)[0]!.rules.find((r) => r.alert === 'PalisadeScanStale')!;
    expect(stale.expr).toBe('time() - max by (cluster) (palisade_last_scan_timestamp_seconds) > 6000');
  });

  it('the README values table is generated from values.yaml', async () => {
    const r = await execa(process.execPath, ['--no-warnings', 'charts/palisade/values-table.ts', '--check'], { cwd: REPO_ROOT, reject: false });
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(0);
    const readme = await readFile(join(CHART, 'README.md'), 'utf8');
    for (const key of ['image.repository', 'clusterName', 'schedule', 'resources', 'config', 'exporter.enabled', 'pushgateway.url', 'policyReports', 'openReports', 'probes.enabled', 'alerts.enabled']) expect(readme).toContain(`| \`${key}\` |`);
  });
});

/** Runs `palisade scan --from FILE --format json` in process. */
async function scanFrom(file: string): Promise<{ code: number; result: ExpandedResult }> {
  const out = join(work, `scan-${Math.random().toString(36).slice(2)}.json`);
  const code = await run(['scan', '--from', file, '--format', 'json', '--output', out], { stdout: new PassThrough(), stderr: new PassThrough(), env: {} });
  return { code, result: parseResult(await readFile(out, 'utf8')) };
}

describe.skipIf(!helmOk)('dog-fooding: Palisade scans its Helm renderings', () => {
  it.each(HELM_CASE_NAMES.map((c) => [c]))('%s: scores 100 with no failing result and no waivers', async (c) => {
    const { code, result } = await scanFrom(rendered.get(c)!.file);
    expect(code).toBe(0);
    expect(result.incomplete).toBe(false);
    expect(result.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => `${r.rule} ${r.object.kind}/${r.object.name}: ${r.message}`)).toEqual([]);
    expect(result.summary.counts.waived).toBe(0);
    expect(result.summary.score).toBe(100);
    expect(result.summary.byNamespace.find((n) => n.name === 'palisade')?.score).toBe(100);
  });
});

/**
 * Differential test: Palisade's `vap/<policy>` verdicts vs the real ValidatingAdmissionPolicy
 * admission plugin of the run's kube-apiserver.
 *
 * 41 policies (plus a readiness canary) with their bindings exercise the CEL libraries Palisade
 * supports (strings, regex, lists, quantity, url, ip/cidr), variables, messageExpression,
 * matchConditions, paramKind/paramRef (by name, by selector, not found with Allow and Deny),
 * failurePolicy Fail/Ignore, validationActions Deny/Warn/Audit, and matching: namespaceSelector,
 * objectSelector, excludeResourceRules, resourceNames, scope, several bindings per policy.
 * Every policy is scoped to namespaces labelled `vapd=true` and objects labelled `vapd-suite`, so
 * the rest of the run's cluster is untouched; they are deleted at the end.
 *
 * Each generated object (ConfigMaps, ServiceAccounts, ClusterRoles; seeded) is dry-run-created
 * (`?dryRun=All`). The server's verdict is admitted, or denied naming the first policy that denied.
 * Palisade scans the same objects with the policies, bindings, params and namespaces read back from
 * the server; its verdict is denied when any vap/ result carries a `deny` decision. Agreement must
 * be 100%, and the policy the server names must be among those Palisade says deny. With
 * VAP_DIFF_SAVE=1 each disagreement is written under test/fixtures/vap/differential/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { defaultConfig } from '../../src/config/types.js';
import { runRules } from '../../src/engine/runner.js';
import { statusMessage } from '../../src/inventory/live/client.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import { rulesFor } from '../../src/engine/rules-for.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { vapRules } from '../../src/policy/vap.js';
import { clusterFor, type TestCluster } from '../helpers/cluster.ts';
import { CANARY, generate, NAMESPACES, PARAMS, policyObjects, POLICIES, VAP_DIFF_COUNT, VAP_DIFF_SEED } from '../helpers/vap-cases.ts';

const info = inject('cluster');
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const COUNT = VAP_DIFF_COUNT;
const SEED = VAP_DIFF_SEED;
const CONCURRENCY = 8;

function collection(obj: K8sObject): string {
  if (obj.kind === 'ClusterRole') return '/apis/rbac.authorization.k8s.io/v1/clusterroles';
  return `/api/v1/namespaces/${obj.metadata.namespace}/${obj.kind === 'ConfigMap' ? 'configmaps' : 'serviceaccounts'}`;
}

interface ServerVerdict {
  verdict: 'admitted' | 'denied' | 'other';
  policy?: string;
  message: string;
  /** Policies named in the response's Warning headers (validationActions: Warn). */
  warned: string[];
}

function warnedPolicies(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join('\n') : (header ?? '');
  return [...new Set([...text.matchAll(/ValidatingAdmissionPolicy '([^']+)'/g)].map((m) => m[1]!))].sort();
}

async function dryRun(k: TestCluster, obj: K8sObject): Promise<ServerVerdict> {
  const res = await k.call('POST', collection(obj), obj, { dryRun: 'All' });
  const warned = warnedPolicies(res.headers['warning']);
  if (res.status >= 200 && res.status < 300) return { verdict: 'admitted', message: '', warned };
  const message = statusMessage(res.body);
  const m = /ValidatingAdmissionPolicy '([^']+)'/.exec(message);
  return m ? { verdict: 'denied', policy: m[1]!, message, warned } : { verdict: 'other', message: `HTTP ${res.status}: ${message}`, warned };
}

async function pool<T, R>(items: readonly T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

async function readBack(k: TestCluster, path: string): Promise<K8sObject[]> {
  const res = await k.call('GET', path);
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}: ${statusMessage(res.body)}`);
  const list = JSON.parse(res.body) as { items: K8sObject[]; apiVersion: string; kind: string };
  const [apiVersion, kind] = [list.apiVersion, list.kind.replace(/List$/, '')];
  return list.items.map((o) => ({ ...o, apiVersion, kind }));
}

/** An existing object that the policy vapd-sa-automount would deny today. */
const LIVE_SA: K8sObject = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: 'vapd-live-sa', namespace: 'vapd-a', labels: { 'vapd-suite': 's7', app: 'web' } },
  automountServiceAccountToken: true,
};

/** An existing ConfigMap vapd-replicas-max would deny offline; live, its data is not read. */
const LIVE_CM: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vapd-live-cm', namespace: 'vapd-a', labels: { 'vapd-suite': 's0' } }, data: { replicas: '9', env: 'prod' } };

describe.skipIf(!info)('VAP differential: Palisade vs the real ValidatingAdmissionPolicy admission (dry-run)', () => {
  let k: TestCluster;
  const created: K8sObject[] = [];

  beforeAll(async () => {
    k = clusterFor(info!);
    for (const [name, l] of Object.entries(NAMESPACES)) await k.createNamespace(name, l);
    for (const p of PARAMS) await k.apply(p);
    // Stored before the policies exist, so admission never saw it: the live scan must find it.
    await k.apply(LIVE_SA);
    await k.apply(LIVE_CM);
    for (const p of [...POLICIES, CANARY]) {
      const { policy, bindings } = policyObjects(p);
      created.push(await k.apply(policy));
      for (const b of bindings) created.push(await k.apply(b));
    }
    // Policies load asynchronously; the canary (created last, with ConfigMap params) says when they are live.
    const canary: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vapd-canary', namespace: 'vapd-a', labels: { 'vapd-suite': 'canary' } } };
    for (let i = 0; i < 240; i++) {
      if ((await dryRun(k, canary)).verdict === 'denied') return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the canary ValidatingAdmissionPolicy never became active');
  });

  it('a live scan reads the policies and bindings and reports the stored object they would deny', async () => {
    const snapshot = await liveSnapshot({ kubeconfig: info!.kubeconfig });
    const rules = (await rulesFor(defaultConfig(), snapshot)).filter((r) => r.meta.id.startsWith('vap/vapd-'));
    expect(rules.length).toBe(POLICIES.length + 1);
    const results = runRules(snapshot, rules, { config: defaultConfig(), now: new Date() }).results;
    const sa = results.filter((r) => r.object.name === 'vapd-live-sa' && r.status === 'fail');
    expect(sa.map((r) => `${r.rule}: ${r.message}`)).toEqual([
      "vap/vapd-sa-automount: Would be denied by ValidatingAdmissionPolicy vapd-sa-automount (binding vapd-sa-automount-0): failed expression: !has(object.automountServiceAccountToken) || !object.automountServiceAccountToken",
    ]);
    // ConfigMaps outside kube-system are listed metadata-only: their vap/ results are unknown, never a verdict.
    const cm = results.filter((r) => r.object.name === 'vapd-live-cm' && r.rule === 'vap/vapd-replicas-max');
    expect(cm.map((r) => `${r.status}: ${r.message}`)).toEqual([expect.stringMatching(/^unknown: ConfigMap objects are read metadata-only/)]);
  });

  afterAll(async () => {
    for (const o of created.reverse()) await k?.delete(o);
    await k?.delete(LIVE_SA);
    await k?.delete(LIVE_CM);
  });

  it(`agrees with admission on ${COUNT} generated objects under ${POLICIES.length} policies`, async () => {
    const objects = generate(SEED, COUNT);
    const server = await pool(objects, CONCURRENCY, (o) => dryRun(k, o));

    const policies = (await readBack(k, '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies')).filter((p) => p.metadata.name.startsWith('vapd-') && p.metadata.name !== 'vapd-canary');
    const bindings = (await readBack(k, '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings')).filter((b) => b.metadata.name.startsWith('vapd-') && !b.metadata.name.startsWith('vapd-canary'));
    const namespaces = (await readBack(k, '/api/v1/namespaces')).filter((n) => n.metadata.name in NAMESPACES);
    const params = [...(await readBack(k, '/api/v1/namespaces/vapd-a/configmaps')), ...(await readBack(k, '/api/v1/namespaces/vapd-b/configmaps')), ...(await readBack(k, '/api/v1/namespaces/vapd-params/configmaps'))];
    const snapshot = new Snapshot({ objects: [...namespaces, ...params, ...policies, ...bindings, ...objects], source: 'vap-differential', mode: 'offline' });
    const rules = vapRules(snapshot);
    expect(rules.length).toBe(POLICIES.length);
    const results = runRules(snapshot, rules, { config: defaultConfig(), now: new Date() }).results;

    const key = (kind: string, ns: string | undefined, name: string): string => `${kind}/${ns ?? ''}/${name}`;
    const denying = new Map<string, Set<string>>();
    const warning = new Map<string, Set<string>>();
    for (const r of results) {
      if (!r.evidence.some((e) => e.actual === 'warn')) continue;
      const k2 = key(r.object.kind, r.object.namespace, r.object.name);
      warning.set(k2, (warning.get(k2) ?? new Set<string>()).add(r.rule.slice('vap/'.length)));
    }
    const errors = results.filter((r) => r.status === 'error' || r.status === 'unknown');
    for (const r of results) {
      if (!r.evidence.some((e) => e.actual === 'deny')) continue;
      const k2 = key(r.object.kind, r.object.namespace, r.object.name);
      const set = denying.get(k2) ?? new Set<string>();
      set.add(r.rule.slice('vap/'.length));
      denying.set(k2, set);
    }

    const rows = objects.map((o, i) => {
      const mine = denying.get(key(o.kind, o.metadata.namespace, o.metadata.name)) ?? new Set<string>();
      const warned = [...(warning.get(key(o.kind, o.metadata.namespace, o.metadata.name)) ?? [])].sort();
      return { o, server: server[i]!, palisade: mine.size > 0 ? 'denied' : 'admitted', policies: [...mine].sort(), warned };
    });
    const other = rows.filter((x) => x.server.verdict === 'other');
    const judged = rows.filter((x) => x.server.verdict !== 'other');
    const disagree = judged.filter((x) => x.server.verdict !== x.palisade || (x.server.policy !== undefined && !x.policies.includes(x.server.policy)));
    const denied = judged.filter((x) => x.server.verdict === 'denied');
    // Warnings: on admitted objects the server evaluated every policy, so its Warning headers name all Warn decisions.
    const admitted = judged.filter((x) => x.server.verdict === 'admitted');
    const warnDisagree = admitted.filter((x) => x.server.warned.join(',') !== x.warned.join(','));
    const warnedCount = admitted.filter((x) => x.server.warned.length > 0).length;
    const byPolicy = new Map<string, number>();
    for (const x of denied) byPolicy.set(x.server.policy!, (byPolicy.get(x.server.policy!) ?? 0) + 1);
    const palisadeDenials = new Map<string, number>();
    for (const x of judged) for (const p of x.policies) palisadeDenials.set(p, (palisadeDenials.get(p) ?? 0) + 1);

    const summary = [
      `VAP differential: ${POLICIES.length} policies, ${bindings.length} bindings, ${objects.length} objects (seed ${SEED}; ${objects.filter((o) => o.kind === 'ConfigMap').length} ConfigMaps, ${objects.filter((o) => o.kind === 'ServiceAccount').length} ServiceAccounts, ${objects.filter((o) => o.kind === 'ClusterRole').length} ClusterRoles)`,
      `  judged: ${judged.length} (${denied.length} denied, ${judged.length - denied.length} admitted); not judged (other server errors): ${other.length}; Palisade error/unknown results: ${errors.length}`,
      `  first denying policy (server): ${[...byPolicy.entries()].sort().map(([p, n]) => `${p.slice(5)}=${n}`).join(' ')}`,
      `  agreement: ${judged.length - disagree.length}/${judged.length} = ${judged.length ? ((100 * (judged.length - disagree.length)) / judged.length).toFixed(2) : '0'}%`,
      `  warnings on admitted objects: ${warnedCount} warned; agreement on the warning policies: ${admitted.length - warnDisagree.length}/${admitted.length}`,
    ];
    for (const x of warnDisagree.slice(0, 20)) summary.push(`  WARN DISAGREE ${x.o.metadata.name}: server=[${x.server.warned.join(', ')}] palisade=[${x.warned.join(', ')}]`);
    for (const x of disagree.slice(0, 40)) {
      summary.push(`  DISAGREE ${x.o.kind}/${x.o.metadata.namespace ?? ''}/${x.o.metadata.name}: server=${x.server.verdict}${x.server.message ? ` (${x.server.message})` : ''} palisade=${x.palisade} [${x.policies.join(', ')}]`, `    ${JSON.stringify(x.o)}`);
    }
    for (const x of other.slice(0, 10)) summary.push(`  not judged ${x.o.metadata.name}: ${x.server.message}`);
    for (const r of errors.slice(0, 10)) summary.push(`  palisade ${r.status} ${r.rule} ${r.object.name}: ${r.message}`);
    process.stdout.write(`${summary.join('\n')}\n`);
    await mkdir(join(REPO, 'test-artifacts'), { recursive: true });
    await writeFile(join(REPO, 'test-artifacts/vap-differential.txt'), `${summary.join('\n')}\n`);
    if (process.env['VAP_DIFF_SAVE'] === '1') await saveDisagreements(disagree.map((x) => ({ object: x.o, server: x.server })));

    expect(other.map((x) => `${x.o.metadata.name}: ${x.server.message}`)).toEqual([]);
    expect(errors.map((r) => `${r.rule} ${r.object.name}: ${r.message}`)).toEqual([]);
    // The set must discriminate: plenty of both verdicts, and most policies deny something.
    expect(denied.length).toBeGreaterThan(judged.length * 0.2);
    expect(judged.length - denied.length).toBeGreaterThan(judged.length * 0.2);
    expect(palisadeDenials.size).toBeGreaterThanOrEqual(30);
    expect(warnedCount).toBeGreaterThan(0);
    expect(warnDisagree.map((x) => `${x.o.metadata.name}: server=[${x.server.warned.join(',')}] palisade=[${x.warned.join(',')}]`)).toEqual([]);
    expect(disagree.map((x) => `${x.o.metadata.name}: server=${x.server.verdict}(${x.server.policy ?? ''}) palisade=${x.palisade}[${x.policies.join(',')}]`)).toEqual([]);
  });
});

/** Each disagreeing object as a fixture with the server's verdict, for a unit test to pin. */
async function saveDisagreements(list: { object: K8sObject; server: ServerVerdict }[]): Promise<void> {
  const dir = join(REPO, 'test/fixtures/vap/differential');
  await mkdir(dir, { recursive: true });
  for (const { object, server } of list) {
    const annotated = { ...object, metadata: { ...object.metadata, annotations: { 'palisade.dev/vap-server-verdict': server.verdict, ...(server.policy ? { 'palisade.dev/vap-server-policy': server.policy } : {}) } } };
    await writeFile(join(dir, `${object.metadata.name}.yaml`), `# Found by test/integration/vap-differential.test.ts: ${server.message || server.verdict}\n${stringify(annotated)}`);
  }
}

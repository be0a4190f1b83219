/**
 * Differential test of Palisade's RBAC model against the real authorizer: on the run's
 * kube-apiserver, create seeded random Roles, ClusterRoles (with aggregation, wildcards,
 * resourceNames, subresources, nonResourceURLs) and bindings (users, groups incl.
 * system:authenticated / system:serviceaccounts[:ns], ServiceAccounts), then ask the same
 * questions to SubjectAccessReview and to the model. Every answer must agree.
 *
 * The test control plane runs no controller manager. One fixture set has the clusterrole-aggregation
 * controller emulated here (union of the selected roles' rules, to a fixed point), the way it
 * writes `rules` in a real cluster; two models are compared for it: one from a live snapshot
 * (stored, controller-written rules) and one from the objects as created, with aggregation left
 * for the model to compute (what an offline scan of manifests sees). A second set is created
 * without aggregation (stored rules empty, as on a cluster whose controller is not running), with
 * bindings to the bootstrap admin/edit/view (empty here too): the live model must use the stored
 * rules, as the authorizer does, and rbac/aggregated-role-drift must name the difference.
 * A disagreement is printed as a fixture to add to src/analysis/rbac.test.ts.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { RbacModel, aggregationFor, computedRbacModelFor, isNonResource, rbacModelFor, serviceAccountUser, type AccessQuery, type PolicyRule, type UserInfo } from '../../src/analysis/rbac.js';
import { defaultConfig } from '../../src/config/types.js';
import { evaluate } from '../../src/engine/runner.js';
import type { Snapshot } from '../../src/inventory/snapshot.js';
import { ruleById } from '../../src/rules/index.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import { matchesSelector } from '../../src/inventory/selectors.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { clusterFor, type TestCluster } from '../helpers/cluster.ts';
import { seededRandom } from '../helpers/rng.ts';

const info = inject('cluster');
const SEED = Number(process.env['PALISADE_RBAC_SEED'] ?? 20261122);
const QUESTIONS = Number(process.env['PALISADE_RBAC_QUESTIONS'] ?? 3000);
const SA_NAMES = ['app', 'ci'];

/** The names one generated fixture set lives under (two sets share the server: with and without aggregation). */
interface Universe {
  run: string;
  namespaces: string[];
  users: string[];
  groups: string[];
  aggLabel: string;
  /** Also bind the bootstrap admin/edit/view roles, whose stored rules are empty on this server (no controller). */
  bootstrapBindings: boolean;
}
function universe(run: string, bootstrapBindings = false): Universe {
  return {
    run,
    namespaces: [0, 1, 2].map((i) => `${run}-ns${i}`),
    users: ['alice', 'bob', 'carol', 'dave'].map((u) => `${run}-${u}`),
    groups: ['dev', 'ops', 'audit'].map((g) => `${run}-${g}`),
    aggLabel: `diff.palisade.dev/${run}`,
    bootstrapBindings,
  };
}
const WITH = universe(`diff${SEED % 100000}`);
const WITHOUT = universe(`noagg${SEED % 100000}`, true);
const RBAC = 'rbac.authorization.k8s.io';

interface Res {
  group: string;
  resource: string;
  subresources: string[];
  clusterScoped?: boolean;
}
const RESOURCES: Res[] = [
  { group: '', resource: 'pods', subresources: ['exec', 'log', 'status', 'portforward'] },
  { group: '', resource: 'secrets', subresources: [] },
  { group: '', resource: 'configmaps', subresources: [] },
  { group: '', resource: 'serviceaccounts', subresources: ['token'] },
  { group: '', resource: 'nodes', subresources: ['proxy', 'status'], clusterScoped: true },
  { group: '', resource: 'persistentvolumes', subresources: [], clusterScoped: true },
  { group: '', resource: 'namespaces', subresources: ['status'], clusterScoped: true },
  { group: 'apps', resource: 'deployments', subresources: ['scale', 'status'] },
  { group: 'batch', resource: 'jobs', subresources: ['status'] },
  { group: RBAC, resource: 'roles', subresources: [] },
  { group: RBAC, resource: 'clusterroles', subresources: [], clusterScoped: true },
  { group: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresources: ['approval'], clusterScoped: true },
  { group: 'example.com', resource: 'widgets', subresources: ['scale'] },
];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'bind', 'escalate', 'impersonate'];
const NAMES = ['n0', 'n1', 'n2'];
const PATHS = ['/healthz', '/livez', '/version', '/metrics', '/logs/app', '/logs', '/api', '/apis/example.com', '/debug/pprof'];


class Gen {
  constructor(readonly r: () => number) {}
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  some<T>(xs: readonly T[], max = 3): T[] {
    const n = 1 + Math.floor(this.r() * Math.min(max, xs.length));
    return [...new Set(Array.from({ length: n }, () => this.pick(xs)))];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
}

function randomRule(g: Gen, allowNonResource: boolean): PolicyRule {
  if (allowNonResource && g.chance(0.12)) {
    return { verbs: g.chance(0.2) ? ['*'] : g.some(['get', 'post', 'put']), nonResourceURLs: g.chance(0.15) ? ['*'] : g.some(['/healthz', '/logs/*', '/metrics', '/version', '/apis/*']) };
  }
  const res = g.pick(RESOURCES);
  const rule: PolicyRule = {
    apiGroups: g.chance(0.12) ? ['*'] : g.chance(0.2) ? [res.group, g.pick(RESOURCES).group] : [res.group],
    resources: g.chance(0.1)
      ? ['*']
      : g.some(
          [res.resource, ...res.subresources.map((s) => `${res.resource}/${s}`), ...(g.chance(0.15) ? ['*/scale', '*/status'] : []), g.pick(RESOURCES).resource],
          3,
        ),
    verbs: g.chance(0.12) ? ['*'] : g.some(VERBS, 4),
  };
  if (g.chance(0.2)) rule.resourceNames = g.some(NAMES, 2);
  return rule;
}

interface Fixture {
  objects: K8sObject[];
}

function fixture(seed: number, u: Universe): Fixture {
  const g = new Gen(seededRandom(seed));
  const objects: K8sObject[] = [];
  const meta = (name: string, namespace?: string, labels?: Record<string, string>): K8sObject['metadata'] => ({
    name,
    ...(namespace ? { namespace } : {}),
    labels: { 'diff.palisade.dev/run': u.run, ...(labels ?? {}) },
  });
  const clusterRoles: string[] = [];
  // Plain ClusterRoles; some carry aggregation labels a or b.
  for (let i = 0; i < 14; i++) {
    const labels: Record<string, string> = {};
    if (g.chance(0.4)) labels[u.aggLabel] = g.pick(['a', 'b']);
    const name = `${u.run}-cr${i}`;
    clusterRoles.push(name);
    objects.push({ apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: meta(name, undefined, labels), rules: Array.from({ length: 1 + Math.floor(g.r() * 3) }, () => randomRule(g, true)) });
  }
  // Aggregated ClusterRoles: agg-a selects label a; agg-b selects b or c; agg-c (label c) selects a — nested.
  const agg = (name: string, selectors: Record<string, string>[], labels?: Record<string, string>): void => {
    clusterRoles.push(name);
    objects.push({
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRole',
      metadata: meta(name, undefined, labels),
      aggregationRule: { clusterRoleSelectors: selectors.map((m) => ({ matchLabels: m })) },
      rules: [],
    });
  };
  agg(`${u.run}-agg-a`, [{ [u.aggLabel]: 'a' }]);
  agg(`${u.run}-agg-c`, [{ [u.aggLabel]: 'a' }], { [u.aggLabel]: 'c' });
  agg(`${u.run}-agg-b`, [{ [u.aggLabel]: 'b' }, { [u.aggLabel]: 'c' }]);
  // Roles per namespace.
  const roles = new Map<string, string[]>();
  for (const ns of u.namespaces) {
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const name = `${u.run}-role${i}`;
      names.push(name);
      objects.push({ apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: meta(name, ns), rules: Array.from({ length: 1 + Math.floor(g.r() * 2) }, () => randomRule(g, false)) });
    }
    roles.set(ns, names);
  }
  const subject = (bindingNs?: string): Record<string, string> => {
    const k = g.r();
    if (k < 0.3) return { kind: 'User', apiGroup: RBAC, name: g.pick(u.users) };
    if (k < 0.55) {
      // The set without aggregation stays out of the other set's way: no groups every identity is in.
      const groupsForAll = u.bootstrapBindings ? [] : ['system:authenticated', 'system:serviceaccounts'];
      const broad = g.chance(0.15) ? g.pick([...groupsForAll, `system:serviceaccounts:${g.pick(u.namespaces)}`]) : undefined;
      return { kind: 'Group', apiGroup: RBAC, name: broad ?? g.pick(u.groups) };
    }
    // ServiceAccount; in a RoleBinding the namespace may be left out (defaults to the binding's).
    if (bindingNs && g.chance(0.3)) return { kind: 'ServiceAccount', name: g.pick(SA_NAMES) };
    return { kind: 'ServiceAccount', name: g.pick(SA_NAMES), namespace: g.pick(u.namespaces) };
  };
  for (let i = 0; i < 10; i++) {
    objects.push({
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: meta(`${u.run}-crb${i}`),
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: g.chance(0.05) ? `${u.run}-missing` : g.pick(clusterRoles) },
      subjects: Array.from({ length: 1 + Math.floor(g.r() * 2) }, () => subject()),
    });
  }
  for (const ns of u.namespaces) {
    for (let i = 0; i < 6; i++) {
      const toRole = g.chance(0.5);
      objects.push({
        apiVersion: `${RBAC}/v1`,
        kind: 'RoleBinding',
        metadata: meta(`${u.run}-rb${i}`, ns),
        roleRef: { apiGroup: RBAC, kind: toRole ? 'Role' : 'ClusterRole', name: toRole ? g.pick(roles.get(ns)!) : g.pick(u.bootstrapBindings && g.chance(0.4) ? ['admin', 'edit', 'view'] : clusterRoles) },
        subjects: Array.from({ length: 1 + Math.floor(g.r() * 2) }, () => subject(ns)),
      });
    }
  }
  return { objects };
}

/** What the clusterrole-aggregation controller writes: the union of the selected roles' rules, to a fixed point. */
function emulateAggregation(objects: K8sObject[]): K8sObject[] {
  const out = objects.map((o) => structuredClone(o));
  const crs = out.filter((o) => o.kind === 'ClusterRole');
  for (let round = 0; round < 5; round++) {
    for (const cr of crs) {
      const sel = (cr['aggregationRule'] as { clusterRoleSelectors?: { matchLabels: Record<string, string> }[] } | undefined)?.clusterRoleSelectors;
      if (!sel) continue;
      const rules: PolicyRule[] = [];
      const seen = new Set<string>();
      for (const s of sel) {
        for (const other of crs) {
          if (other === cr || !matchesSelector(s, other.metadata.labels)) continue;
          for (const r of (other['rules'] as PolicyRule[] | undefined) ?? []) {
            const key = JSON.stringify(r);
            if (!seen.has(key)) rules.push(r), seen.add(key);
          }
        }
      }
      cr['rules'] = rules;
    }
  }
  return out;
}

interface Question {
  user: UserInfo;
  query: AccessQuery;
}

function identities(g: Gen, u: Universe): UserInfo {
  const k = g.r();
  if (k < 0.45) {
    const groups = [...g.some(u.groups, 2).filter(() => g.chance(0.7)), 'system:authenticated'];
    return { name: g.pick(u.users), groups };
  }
  if (k < 0.9) return serviceAccountUser(g.pick(u.namespaces), g.pick(SA_NAMES));
  if (k < 0.95) return { name: 'system:anonymous', groups: ['system:unauthenticated'] };
  return { name: `${u.run}-nobody`, groups: [g.pick(u.groups)] };
}

/** Half the questions are aimed at what some rule grants (so "allowed" is common), half are random. */
function questions(seed: number, objects: K8sObject[], n: number, u: Universe): Question[] {
  const g = new Gen(seededRandom(seed ^ 0x5eed));
  const rules = objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole').flatMap((o) => (o['rules'] as PolicyRule[]) ?? []);
  const out: Question[] = [];
  for (let i = 0; i < n; i++) {
    const user = identities(g, u);
    if (g.chance(0.08)) {
      out.push({ user, query: { verb: g.pick(['get', 'post', 'put', 'delete']), path: g.pick(PATHS) } });
      continue;
    }
    const aimed = g.chance(0.5) ? g.pick(rules) : undefined;
    let res = g.pick(RESOURCES);
    let subresource = g.chance(0.3) && res.subresources.length > 0 ? g.pick(res.subresources) : undefined;
    let verb = g.pick(VERBS);
    let name = g.chance(0.4) ? g.pick(NAMES) : undefined;
    if (aimed && aimed.resources?.length) {
      const r = g.pick(aimed.resources);
      const [base, sub] = r.split('/');
      const known = RESOURCES.find((x) => x.resource === base);
      if (known) res = known;
      subresource = sub && sub !== '*' ? sub : subresource;
      if (base === '*' && sub) subresource = sub;
      const v = g.pick(aimed.verbs);
      verb = v === '*' ? g.pick(VERBS) : v;
      if (aimed.resourceNames?.length) name = g.chance(0.8) ? g.pick(aimed.resourceNames) : undefined;
    }
    const namespace = res.clusterScoped ? (g.chance(0.1) ? g.pick(u.namespaces) : '') : g.chance(0.15) ? '' : g.pick(u.namespaces);
    out.push({
      user,
      query: {
        verb,
        group: aimed?.apiGroups?.length && g.chance(0.7) && aimed.apiGroups[0] !== '*' ? aimed.apiGroups[0]! : res.group,
        resource: res.resource,
        ...(subresource ? { subresource } : {}),
        ...(namespace ? { namespace } : {}),
        ...(name ? { name } : {}),
      },
    });
  }
  return out;
}

async function subjectAccessReview(k: TestCluster, q: Question): Promise<boolean> {
  const spec: Record<string, unknown> = { user: q.user.name, groups: q.user.groups };
  if (isNonResource(q.query)) spec['nonResourceAttributes'] = { path: q.query.path, verb: q.query.verb };
  else {
    const { verb, group, resource, subresource, namespace, name } = q.query;
    spec['resourceAttributes'] = { verb, group, resource, ...(subresource ? { subresource } : {}), ...(namespace ? { namespace } : {}), ...(name ? { name } : {}) };
  }
  const res = await k.call('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec });
  if (res.status !== 201) throw new Error(`SubjectAccessReview: HTTP ${res.status}: ${res.body}`);
  return (JSON.parse(res.body) as { status: { allowed?: boolean } }).status.allowed === true;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

interface Phase {
  u: Universe;
  asWritten: K8sObject[];
  created: K8sObject[];
  qs: Question[];
  truth: boolean[];
}

/** Creates a universe's objects (aggregated rules written by the emulated controller, or left empty) and its questions. */
async function setUp(k: TestCluster, u: Universe, aggregate: boolean): Promise<Omit<Phase, 'truth'>> {
  for (const ns of u.namespaces) await k.createNamespace(ns);
  const asWritten = fixture(SEED, u).objects;
  const created = aggregate ? emulateAggregation(asWritten) : asWritten;
  const { rejected } = await k.applyObjects(created);
  expect(rejected).toEqual([]);
  return { u, asWritten, created, qs: questions(SEED, created, QUESTIONS, u) };
}

/** Disagreements of a model with the server's answers. */
function disagreementsOf(model: RbacModel, p: Phase, label: string): string[] {
  const out: string[] = [];
  p.qs.forEach((q, i) => {
    const mine = model.can(q.user, q.query).allowed;
    if (mine !== p.truth[i]) out.push(`${label}: ${JSON.stringify(q)} → apiserver ${p.truth[i]}, palisade ${mine}`);
  });
  const allowed = p.truth.filter(Boolean).length;
  process.stderr.write(`[rbac-differential] ${label}: seed ${SEED}, ${p.qs.length} questions, ${allowed} allowed, ${p.qs.length - out.length}/${p.qs.length} agree\n`);
  return out;
}

describe.skipIf(!info)('RBAC model vs SubjectAccessReview (real kube-apiserver)', () => {
  let k: TestCluster;
  let withAgg: Phase;
  let withoutAgg: Phase;
  let snapshot: Snapshot;

  beforeAll(async () => {
    k = clusterFor(info!);
    const a = await setUp(k, WITH, true);
    const b = await setUp(k, WITHOUT, false);
    // The RBAC authorizer reads through an informer cache: wait until the last binding is visible to it.
    const last = b.created.filter((o) => o.kind === 'RoleBinding').pop()!;
    for (let i = 0; i < 100; i++) {
      const res = await k.call('GET', `/apis/${RBAC}/v1/namespaces/${last.metadata.namespace}/rolebindings/${last.metadata.name}`);
      if (res.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500));
    withAgg = { ...a, truth: await mapLimit(a.qs, 8, (q) => subjectAccessReview(k, q)) };
    withoutAgg = { ...b, truth: await mapLimit(b.qs, 8, (q) => subjectAccessReview(k, q)) };
    snapshot = await liveSnapshot({ kubeconfig: info!.kubeconfig });
  });

  it('asks enough questions, with both answers well represented', () => {
    for (const p of [withAgg, withoutAgg]) {
      expect(p.qs.length).toBeGreaterThanOrEqual(Math.min(QUESTIONS, 1000));
      const allowed = p.truth.filter(Boolean).length;
      expect(allowed, p.u.run).toBeGreaterThan(p.qs.length * 0.05);
      expect(p.qs.length - allowed, p.u.run).toBeGreaterThan(p.qs.length * 0.1);
    }
  });

  it('with aggregation (controller-written rules): the live model agrees on every question', () => {
    expect(aggregationFor(snapshot)).toBe('stored');
    expect(disagreementsOf(rbacModelFor(snapshot), withAgg, 'with aggregation, live model').slice(0, 20)).toEqual([]);
  });

  it('with aggregation: the model from the objects as written (aggregation computed by Palisade) agrees on every question', () => {
    // Bootstrap roles and bindings come from the server, the test's own objects as written (empty aggregated rules).
    const mine = new Set(withAgg.asWritten.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`));
    const server = snapshot.objects.filter((o) => !mine.has(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`));
    expect(disagreementsOf(new RbacModel([...server, ...withAgg.asWritten]), withAgg, 'with aggregation, offline objects').slice(0, 20)).toEqual([]);
  });

  it('without aggregation (stored rules empty, bindings to admin/edit/view): the live model, like the authorizer, uses the stored rules and agrees on every question', () => {
    expect(disagreementsOf(rbacModelFor(snapshot), withoutAgg, 'without aggregation, live model').slice(0, 20)).toEqual([]);
  });

  it('without aggregation: computing the aggregated rules instead grants what the server does not', () => {
    const wrong = disagreementsOf(computedRbacModelFor(snapshot), withoutAgg, 'without aggregation, computed aggregation');
    expect(wrong.length).toBeGreaterThan(0);
    // Every such disagreement is a grant the computed rules add, never one they take away.
    expect(wrong.filter((d) => !d.endsWith('apiserver false, palisade true'))).toEqual([]);
  });

  it('rbac/aggregated-role-drift fails exactly the aggregated ClusterRoles whose stored rules differ from their selectors', () => {
    const drift = ruleById('rbac/aggregated-role-drift')!;
    const ours = new Set([
      ...[WITH, WITHOUT].flatMap((u) => [`${u.run}-agg-a`, `${u.run}-agg-b`, `${u.run}-agg-c`]),
      'admin',
      'edit',
      'view',
    ]);
    const now = new Date();
    const failing = snapshot
      .ofKind('ClusterRole')
      .filter((r) => ours.has(r.metadata.name))
      .filter((r) => evaluate(drift, drift.meta.severity, r, snapshot, defaultConfig(), now).status === 'fail')
      .map((r) => r.metadata.name)
      .sort();
    // Expected, independently: what the emulated controller would write is not what is stored.
    const wouldWrite = emulateAggregation(withoutAgg.asWritten);
    const expectedOwn = wouldWrite
      .filter((o) => o.kind === 'ClusterRole' && o['aggregationRule'] && ((o['rules'] as PolicyRule[]).length ?? 0) > 0)
      .map((o) => o.metadata.name);
    expect(failing).toEqual([...expectedOwn, 'admin', 'edit', 'view'].sort());
  });
});

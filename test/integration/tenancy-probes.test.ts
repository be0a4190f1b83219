/**
 * Tenancy on the real control plane: a three-tenant fixture (users and ServiceAccounts per
 * tenant), live SubjectAccessReview probes compared with Palisade's offline RBAC analysis for the
 * same questions, and dry-run admission probes without impersonation rights, with the grant
 * `palisade probes-rbac` generates (and a narrowed copy: the API server enforces its resourceNames),
 * and Palisade's own verdict on that grant. Probes never create anything: the test checks that too.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultConfig, type PalisadeConfig } from '../../src/config/types.js';
import { accessModelFor } from '../../src/analysis/access.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import { loadKubeConfig } from '../../src/inventory/live/client.js';
import type { Snapshot } from '../../src/inventory/snapshot.js';
import type { K8sObject } from '../../src/model/k8s.js';
import type { RuleResult } from '../../src/model/result.js';
import { impersonationGrant } from '../../src/probes/impersonation.js';
import { runProbes, type ProbeOutput } from '../../src/probes/index.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { RULES } from '../../src/rules/index.js';
import { clusterFor, kubeconfigWithToken, type TestCluster } from '../helpers/cluster.ts';

const info = inject('cluster');
const SCANNER_NS = 'tp-scanner';
const SCANNER = 'scanner';

const TENANTS = [
  { name: 'acme', ns: 'tp-acme', user: 'alice@acme.example', psa: 'restricted' },
  { name: 'globex', ns: 'tp-globex', user: 'bob@globex.example', psa: undefined },
  { name: 'initech', ns: 'tp-initech', user: 'carol@initech.example', psa: 'baseline' },
] as const;

function config(): PalisadeConfig {
  const c = defaultConfig();
  c.tenancy.tenants = TENANTS.map((t) => ({ name: t.name, namespaces: [t.ns], subjects: [{ kind: 'User' as const, name: t.user }] }));
  return c;
}

const rbac = (kind: string, name: string, extra: Record<string, unknown>, namespace?: string): K8sObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: namespace ? { name, namespace } : { name },
  ...extra,
});
const userSubject = (name: string) => ({ kind: 'User', name, apiGroup: 'rbac.authorization.k8s.io' });
const saSubject = (namespace: string, name: string) => ({ kind: 'ServiceAccount', name, namespace });
const roleRef = (kind: string, name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });

/** Per-tenant developer role (not aggregated: this API server runs no controllers to fill aggregated roles). */
const TENANT_DEV = rbac('ClusterRole', 'tp-tenant-dev', {
  rules: [
    { apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
    { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'create', 'update'] },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['*'] },
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['*'] },
    { apiGroups: [''], resources: ['resourcequotas', 'limitranges'], verbs: ['get', 'list'] },
  ],
});

function fixture(): K8sObject[] {
  const out: K8sObject[] = [TENANT_DEV];
  for (const t of TENANTS) {
    out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', namespace: t.ns } });
    out.push(rbac('RoleBinding', 'devs', { roleRef: roleRef('ClusterRole', 'tp-tenant-dev'), subjects: [userSubject(t.user), saSubject(t.ns, 'app')] }, t.ns));
  }
  // Leak 1 (RBAC): globex's CI ServiceAccount may act in initech's namespace.
  out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ci', namespace: 'tp-globex' } });
  out.push(rbac('RoleBinding', 'globex-ci', { roleRef: roleRef('ClusterRole', 'tp-tenant-dev'), subjects: [saSubject('tp-globex', 'ci')] }, 'tp-initech'));
  // Leak 2: carol (initech) reads secrets cluster-wide and watches nodes.
  out.push(rbac('ClusterRole', 'tp-snoop', { rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }, { apiGroups: [''], resources: ['nodes'], verbs: ['watch'] }] }));
  out.push(rbac('ClusterRoleBinding', 'tp-snoop', { roleRef: roleRef('ClusterRole', 'tp-snoop'), subjects: [userSubject('carol@initech.example')] }));
  // Leak 3: acme's users may edit their ResourceQuota.
  out.push(rbac('Role', 'quota-admin', { rules: [{ apiGroups: [''], resources: ['resourcequotas'], verbs: ['patch'] }] }, 'tp-acme'));
  out.push(rbac('RoleBinding', 'quota-admin', { roleRef: roleRef('Role', 'quota-admin'), subjects: [userSubject('alice@acme.example')] }, 'tp-acme'));
  return out;
}

async function waitUntil(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Asks the API server (as admin) whether the scanner may impersonate a user yet: RBAC changes reach the authorizer asynchronously. */
async function scannerMayImpersonate(user: string): Promise<boolean> {
  const review = { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: `system:serviceaccount:${SCANNER_NS}:${SCANNER}`, resourceAttributes: { verb: 'impersonate', resource: 'users', name: user } } };
  const res = await clusterFor(info!).call('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', review);
  return (JSON.parse(res.body) as { status?: { allowed?: boolean } }).status?.allowed === true;
}

const find = (out: ProbeOutput, rule: string, tenant: string): RuleResult => {
  const r = out.results.find((x) => x.rule === rule && x.tenant === tenant);
  if (!r) throw new Error(`no ${rule} result for ${tenant}`);
  return r;
};

describe.skipIf(!info)('tenancy probes on a real kube-apiserver (three tenants)', () => {
  let k: TestCluster;
  let snapshot: Snapshot;
  let scannerKubeconfig: string;
  /** One probe run before the overlay is installed, shared by the SAR and "no overlay" tests. */
  let out: ProbeOutput;

  beforeAll(async () => {
    k = clusterFor(info!);
    for (const t of TENANTS) await k.createNamespace(t.ns, t.psa ? { 'pod-security.kubernetes.io/enforce': t.psa } : {});
    for (const o of fixture()) await k.apply(o);
    // The scanner: its own ServiceAccount, allowed SubjectAccessReviews and nothing else.
    await k.createNamespace(SCANNER_NS);
    await k.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: SCANNER, namespace: SCANNER_NS } });
    await k.apply(rbac('ClusterRole', 'tp-scanner-sar', { rules: [{ apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] }] }));
    await k.apply(rbac('ClusterRoleBinding', 'tp-scanner-sar', { roleRef: roleRef('ClusterRole', 'tp-scanner-sar'), subjects: [saSubject(SCANNER_NS, SCANNER)] }));
    const dir = await mkdtemp(join(tmpdir(), 'palisade-probes-'));
    scannerKubeconfig = join(dir, 'kubeconfig');
    await writeFile(scannerKubeconfig, await kubeconfigWithToken(info!, await k.tokenFor(SCANNER_NS, SCANNER), 'scanner'), { mode: 0o600 });
    const kc = loadKubeConfig({ kubeconfig: scannerKubeconfig }).kc;
    await waitUntil('the scanner may create SubjectAccessReviews', async () => {
      const { probeRequest } = await import('../../src/probes/http.js');
      const res = await probeRequest(kc, { method: 'POST', path: '/apis/authorization.k8s.io/v1/subjectaccessreviews', body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'x', resourceAttributes: { verb: 'get', resource: 'pods' } } } });
      return res.status === 201;
    });
    // The offline view of the same cluster, read with the admin kubeconfig.
    snapshot = await liveSnapshot({ kubeconfig: info!.kubeconfig });
    out = await runProbes(kc, snapshot, config());
  });

  it('the SubjectAccessReview answers agree with the offline RBAC analysis for every question', () => {
    const access = accessModelFor(snapshot, config());
    expect(out.answers.length).toBeGreaterThan(1000);
    expect(out.answers.filter((a) => a.error !== undefined)).toEqual([]);
    const disagreements = out.answers
      .filter((a) => access.rbac.can(a.question.subject, a.question.query).allowed !== a.allowed)
      .map((a) => ({ subject: a.question.subject, query: a.question.query, live: a.allowed }));
    expect(disagreements).toEqual([]);
    // Both sides see the planted leaks (so the agreement is not "everything denied").
    expect(out.answers.filter((a) => a.allowed === true && a.question.expect === 'deny').length).toBeGreaterThan(5);
  });

  it('SAR probe results: the planted leaks fail, the clean checks pass', () => {
    expect(find(out, 'probes/other-tenants', 'globex').status).toBe('fail'); // globex CI SA in initech
    expect(find(out, 'probes/other-tenants', 'globex').evidence.map((e) => e.path).join('\n')).toContain('ServiceAccount tp-globex/ci');
    expect(find(out, 'probes/other-tenants', 'initech').status).toBe('fail'); // carol lists secrets everywhere
    expect(find(out, 'probes/other-tenants', 'acme').status).toBe('pass');
    expect(find(out, 'probes/cluster-resources', 'initech').status).toBe('fail'); // watch nodes
    expect(find(out, 'probes/cluster-resources', 'initech').message).toContain('watch nodes');
    expect(find(out, 'probes/cluster-resources', 'acme').status).toBe('pass');
    expect(find(out, 'probes/quota-modification', 'acme').status).toBe('fail');
    expect(find(out, 'probes/quota-modification', 'globex').status).toBe('pass');
    expect(find(out, 'probes/namespace-self-modification', 'acme').status).toBe('pass');
    expect(find(out, 'probes/self-service', 'acme').status).toBe('pass');
  });

  it('a SubjectAccessReview budget: exactly that many asked; a check cut short is unknown, never pass, and can still fail', async () => {
    const kc = loadKubeConfig({ kubeconfig: scannerKubeconfig }).kc;
    const cut = await runProbes(kc, snapshot, config(), { maxReviews: 150 });
    expect(out.answers.length).toBeGreaterThan(150);
    expect(cut.answers.length).toBe(150);
    const sar = (o: ProbeOutput): RuleResult[] => o.results.filter((r) => !r.rule.startsWith('probes/admission-'));
    const full = new Map(sar(out).map((r) => [`${r.rule}/${r.tenant ?? ''}`, r.status]));
    const statuses = sar(cut).map((r) => ({ key: `${r.rule}/${r.tenant ?? ''}`, status: r.status, message: r.message }));
    // Never a verdict the full run does not give: a cut check is the same, or unknown.
    for (const r of statuses) expect([full.get(r.key), 'unknown'], r.key).toContain(r.status);
    const unknown = statuses.filter((r) => r.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    for (const r of unknown) expect(r.message).toMatch(/not asked, over the run's SubjectAccessReview budget/);
    expect(statuses.some((r) => r.status === 'fail')).toBe(true);
  });

  it('without the impersonation overlay the dry-run probes are unknown with the reason', () => {
    const dry = out.results.filter((r) => r.rule.startsWith('probes/admission-'));
    expect(dry.length).toBe(3 * 11);
    for (const r of dry) {
      expect(r.status, `${r.rule} ${r.tenant}: ${r.message}`).toBe('unknown');
      expect(r.message).toContain('manifests/overlays/probes');
    }
  });

  it('with the generated grant the dry-run probes run as the tenant: Pod Security decides, nothing is stored', async () => {
    // What `palisade probes-rbac` writes for this cluster, bound to the scanner's ServiceAccount.
    const grant = impersonationGrant(snapshot, config(), { serviceAccount: { namespace: SCANNER_NS, name: SCANNER } });
    const users = (grant.find((o) => o.kind === 'ClusterRole')!['rules'] as { resources: string[]; resourceNames?: string[] }[]).find((r) => r.resources.includes('users'))!;
    expect(users.resourceNames).toEqual(['alice@acme.example', 'bob@globex.example', 'carol@initech.example']);
    expect(grant.filter((o) => o.kind === 'Role').map((o) => o.metadata.namespace)).toEqual(['tp-acme', 'tp-globex', 'tp-initech']);
    const kc = loadKubeConfig({ kubeconfig: scannerKubeconfig }).kc;

    // First without globex's subjects: the API server enforces the resourceNames, so globex's
    // dry-runs are refused as "cannot impersonate" (unknown) while acme's run.
    const narrowed = grant
      .filter((o) => o.metadata.namespace !== 'tp-globex')
      .map((o) => (o.kind !== 'ClusterRole' ? o : { ...o, rules: (o['rules'] as { resourceNames?: string[] }[]).map((r) => (r.resourceNames ? { ...r, resourceNames: r.resourceNames.filter((n) => n !== 'bob@globex.example') } : r)) }));
    for (const o of narrowed) await k.apply(o);
    await waitUntil('impersonation of alice to take effect', () => scannerMayImpersonate('alice@acme.example'));
    const partial = await runProbes(kc, snapshot, config());
    expect(find(partial, 'probes/admission-privileged', 'acme').status).toBe('pass');
    expect(find(partial, 'probes/admission-privileged', 'globex').status).toBe('unknown');
    expect(find(partial, 'probes/admission-privileged', 'globex').message).toMatch(/cannot impersonate.*bob@globex\.example/);

    for (const o of grant) await k.apply(o);
    await waitUntil('impersonation of bob to take effect', () => scannerMayImpersonate('bob@globex.example'));
    const out = await runProbes(kc, snapshot, config());
    // acme enforces restricted, initech baseline: a privileged pod is rejected by PodSecurity.
    expect(find(out, 'probes/admission-privileged', 'acme').status).toBe('pass');
    expect(find(out, 'probes/admission-privileged', 'acme').evidence[0]!.actual).toMatch(/violates PodSecurity/);
    expect(find(out, 'probes/admission-privileged', 'initech').status).toBe('pass');
    expect(find(out, 'probes/admission-host-pid', 'initech').status).toBe('pass');
    // restricted rejects privilege escalation; baseline does not.
    expect(find(out, 'probes/admission-privilege-escalation', 'acme').status).toBe('pass');
    expect(find(out, 'probes/admission-privilege-escalation', 'initech').status).toBe('fail');
    // globex has no Pod Security label: every forbidden pod is admitted.
    for (const id of ['privileged', 'host-path', 'host-network', 'host-pid', 'host-ipc']) {
      expect(find(out, `probes/admission-${id}`, 'globex').status, id).toBe('fail');
    }
    // Nothing was created by the dry-runs.
    for (const t of TENANTS) {
      const pods = await k.call('GET', `/api/v1/namespaces/${t.ns}/pods`);
      expect((JSON.parse(pods.body) as { items: unknown[] }).items).toEqual([]);
      const svcs = await k.call('GET', `/api/v1/namespaces/${t.ns}/services`);
      expect((JSON.parse(svcs.body) as { items: unknown[] }).items).toEqual([]);
    }
  });

  it("Palisade's own rule judges the generated grant by the named subjects: carol reads secrets cluster-wide", async () => {
    // Read again: the grant applied by the previous test is now part of the cluster.
    const now = await liveSnapshot({ kubeconfig: info!.kubeconfig });
    const { result } = scanSnapshot(now, { config: config(), rules: RULES });
    const own = result.results.filter((r) => r.rule === 'rbac/bind-escalate-impersonate' && r.object.name === 'palisade-probes-impersonate');
    const cluster = own.find((r) => r.object.kind === 'ClusterRoleBinding');
    expect(cluster?.status).toBe('fail');
    expect(cluster?.message).toContain('can impersonate User carol@initech.example cluster-wide');
    expect(cluster?.message).toContain('read secrets cluster-wide');
    // The per-namespace ServiceAccount grants reach only namespaced rights.
    const namespaced = own.filter((r) => r.object.kind === 'RoleBinding');
    expect(namespaced.map((r) => `${r.object.namespace}:${r.status}`)).toEqual(['tp-acme:pass', 'tp-globex:pass', 'tp-initech:pass']);
    // Later test files share the apiserver: the grant goes.
    for (const o of impersonationGrant(snapshot, config())) await k.delete(o);
  });

  it('the offline tenancy rules on the same cluster find the same leaks', () => {
    const { result } = scanSnapshot(snapshot, { config: config(), rules: RULES });
    const status = (rule: string, tenant: string): string | undefined => result.results.find((r) => r.rule === rule && r.object.name === tenant && r.object.kind === 'Tenant')?.status;
    expect(status('tenancy/cross-tenant-access', 'initech')).toBe('fail');
    expect(status('tenancy/cross-tenant-access', 'acme')).toBe('fail'); // carol reads acme's secrets
    expect(status('tenancy/quota-modification', 'acme')).toBe('fail');
    expect(status('tenancy/cluster-resource-access', 'initech')).toBe('fail');
    expect(status('tenancy/cluster-resource-access', 'acme')).toBe('pass');
    const initech = result.tenants?.find((t) => t.name === 'initech');
    expect(initech?.accessibleBy.map((a) => a.subject)).toContain('ServiceAccount tp-globex/ci');
    expect(result.crossTenantAccess).toContainEqual(expect.objectContaining({ source: 'globex', target: 'initech', channel: 'rbac' }));
  });
});

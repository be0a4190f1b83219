/**
 * Cross-tenant bridges through users and groups on the real control plane (docs/tenancy.md, "Home
 * tenants"): a group whose home tenant is inferred from its strongest grant and that is also bound
 * in another tenant, and a group bound equally in two tenants with no inferable home. The static
 * analysis of a live snapshot must find both, and the SubjectAccessReview probes (which ask as
 * these groups) must confirm them: the server allows what the analysis reports.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { accessModelFor } from '../../src/analysis/access.js';
import { tenantModelFor } from '../../src/analysis/tenants.js';
import { defaultConfig, type PalisadeConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import { loadKubeConfig } from '../../src/inventory/live/client.js';
import type { Snapshot } from '../../src/inventory/snapshot.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { runProbes, type ProbeOutput } from '../../src/probes/index.js';
import { RULES } from '../../src/rules/index.js';
import { clusterFor, kubeconfigWithToken } from '../helpers/cluster.ts';

const info = inject('cluster');
const RED = 'tb-red';
const BLUE = 'tb-blue';
const SCANNER_NS = 'tb-scanner';
const SCANNER = 'scanner';
const ONCALL = 'blue-oncall'; // home: blue (edit-like there), also reads pods in red
const SHARED = 'platform-sre'; // the same grant in both tenants, no tenant name as prefix

function config(): PalisadeConfig {
  const c = defaultConfig();
  c.tenancy.tenants = [
    { name: 'red', namespaces: [RED], subjects: [{ kind: 'User', name: 'rita@red.example' }] },
    { name: 'blue', namespaces: [BLUE], subjects: [{ kind: 'User', name: 'bert@blue.example' }] },
  ];
  return c;
}

const RBAC = 'rbac.authorization.k8s.io';
const obj = (kind: string, name: string, extra: Record<string, unknown>, namespace?: string): K8sObject => ({
  apiVersion: `${RBAC}/v1`,
  kind,
  metadata: namespace ? { name, namespace } : { name },
  ...extra,
});
const group = (name: string) => ({ kind: 'Group', name, apiGroup: RBAC });
const user = (name: string) => ({ kind: 'User', name, apiGroup: RBAC });
const bind = (ns: string, name: string, role: string, subjects: unknown[]): K8sObject =>
  obj('RoleBinding', name, { roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role }, subjects }, ns);

function fixture(): K8sObject[] {
  return [
    obj('ClusterRole', 'tb-dev', { rules: [{ apiGroups: [''], resources: ['pods', 'configmaps', 'secrets'], verbs: ['get', 'list', 'create', 'update', 'delete'] }] }),
    obj('ClusterRole', 'tb-reader', { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] }),
    bind(RED, 'devs', 'tb-dev', [user('rita@red.example')]),
    bind(BLUE, 'devs', 'tb-dev', [user('bert@blue.example'), group(ONCALL)]),
    // The bridge "for debugging": blue's on-call group may read red's pods.
    bind(RED, 'oncall-debug', 'tb-reader', [group(ONCALL)]),
    // A group bound with the same role in both tenants.
    bind(RED, 'sre', 'tb-dev', [group(SHARED)]),
    bind(BLUE, 'sre', 'tb-dev', [group(SHARED)]),
  ];
}

/** Probe questions asked as a group in a namespace that the server allowed. */
const allowedAs = (out: ProbeOutput, subject: string, namespace: string): number =>
  out.answers.filter((a) => a.allowed === true && a.question.subject.kind === 'Group' && a.question.subject.name === subject && (a.question.query as { namespace?: string }).namespace === namespace).length;

describe.skipIf(!info)('cross-tenant bridges through groups (real kube-apiserver)', () => {
  let snapshot: Snapshot;
  let out: ProbeOutput;

  beforeAll(async () => {
    const k = clusterFor(info!);
    for (const ns of [RED, BLUE, SCANNER_NS]) await k.createNamespace(ns);
    for (const o of fixture()) await k.apply(o);
    await k.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: SCANNER, namespace: SCANNER_NS } });
    await k.apply(obj('ClusterRole', 'tb-scanner-sar', { rules: [{ apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] }] }));
    await k.apply(obj('ClusterRoleBinding', 'tb-scanner-sar', { roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'tb-scanner-sar' }, subjects: [{ kind: 'ServiceAccount', name: SCANNER, namespace: SCANNER_NS }] }));
    const dir = await mkdtemp(join(tmpdir(), 'palisade-bridges-'));
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, await kubeconfigWithToken(info!, await k.tokenFor(SCANNER_NS, SCANNER), 'scanner'), { mode: 0o600 });
    const kc = loadKubeConfig({ kubeconfig }).kc;
    const { probeRequest } = await import('../../src/probes/http.js');
    // RBAC changes reach the authorizer asynchronously: wait until the scanner may ask and the last binding counts.
    for (let i = 0; i < 100; i++) {
      const res = await probeRequest(kc, {
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'x', groups: [SHARED], resourceAttributes: { verb: 'get', resource: 'pods', namespace: BLUE } } },
      });
      if (res.status === 201 && (JSON.parse(res.body) as { status?: { allowed?: boolean } }).status?.allowed === true) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    snapshot = await liveSnapshot({ kubeconfig: info!.kubeconfig });
    out = await runProbes(kc, snapshot, config());
  });

  it('the home tenants: blue-oncall is blue’s by its strongest grant; platform-sre has none', () => {
    const tenants = tenantModelFor(snapshot, config());
    expect(tenants.tenantOfSubject(group(ONCALL))).toBe('blue');
    expect(tenants.homeInference(group(ONCALL))).toBe('strongest grant (write: ClusterRole/tb-dev by RoleBinding/tb-blue/devs) in tenant blue; also bound in red');
    expect(tenants.tenantOfSubject(group(SHARED))).toBeUndefined();
    expect(tenants.sharedSubjects()).toEqual([
      expect.objectContaining({ kind: 'Group', name: SHARED, tenants: ['blue', 'red'], bindings: [`RoleBinding/${BLUE}/sre`, `RoleBinding/${RED}/sre`] }),
    ]);
  });

  it('statically: a cross-tenant failure, an edge blue → red and a shared-subject failure in both tenants', () => {
    const { result } = scanSnapshot(snapshot, { config: config(), rules: RULES });
    const of = (rule: string, tenant: string) => result.results.find((r) => r.rule === rule && r.object.kind === 'Tenant' && r.object.name === tenant);
    const cross = of('tenancy/cross-tenant-access', 'red');
    expect(cross?.status).toBe('fail');
    expect(cross?.message).toContain(`Group ${ONCALL} of tenant blue can read in namespace ${RED}`);
    expect(cross?.evidence.find((e) => e.path === `accessibleBy[Group ${ONCALL}].${RED}`)?.actual).toMatchObject({ home: expect.stringContaining('strongest grant') });
    expect(result.crossTenantAccess).toContainEqual(expect.objectContaining({ source: 'blue', target: 'red', channel: 'rbac' }));
    for (const t of ['red', 'blue']) {
      expect(of('tenancy/shared-subject', t)?.status, t).toBe('fail');
      expect(of('tenancy/shared-subject', t)?.message, t).toContain(`Group ${SHARED} has rights in tenants blue, red and no home tenant`);
    }
  });

  it('the probes confirm both: the server allows blue-oncall in red and platform-sre across, as the analysis says', () => {
    expect(out.answers.filter((a) => a.error !== undefined)).toEqual([]);
    const access = accessModelFor(snapshot, config());
    const disagreements = out.answers.filter((a) => access.rbac.can(a.question.subject, a.question.query).allowed !== a.allowed);
    expect(disagreements).toEqual([]);
    expect(allowedAs(out, ONCALL, RED)).toBeGreaterThan(0);
    expect(allowedAs(out, SHARED, BLUE)).toBeGreaterThan(0);
    expect(allowedAs(out, SHARED, RED)).toBeGreaterThan(0);
    const probe = (rule: string, tenant: string) => out.results.find((r) => r.rule === rule && r.tenant === tenant)?.status;
    expect(probe('probes/other-tenants', 'blue')).toBe('fail');
    expect(probe('probes/other-tenants', 'red')).toBe('fail');
  });
});

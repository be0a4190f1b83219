import type { RuleContext } from '../../engine/rule.js';
import type { FrameworkRef } from '../../model/result.js';
import type { TenantIsolation } from '../../config/types.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { isRealTenant, tenantModelFor, type Tenant } from '../../analysis/tenants.js';
import { compilePolicy, networkModelFor, type NetworkModel } from '../../analysis/network.js';
import { isEmptySelector } from '../../inventory/selectors.js';
import { accessModelFor, type AccessModel, type UnresolvedBinding } from '../../analysis/access.js';
import { grantPath, subjectMatches, subjectString, userInfoOf, type ResourceQuery, type SubjectGrants } from '../../analysis/rbac.js';
import { refString } from '../../model/k8s.js';

export function mtbRef(id: string): FrameworkRef {
  return { framework: 'MTB', id };
}

/** The tenant that owns a namespace, or undefined for `system` / `unassigned`. */
export function realTenantOf(ctx: RuleContext, namespace: string | undefined): string | undefined {
  const t = tenantModelFor(ctx.snapshot, ctx.config).tenantOf(namespace);
  return isRealTenant(t) ? t : undefined;
}

/** For rules on namespaced objects: the object's tenant, or `not-applicable` outside tenants. */
export function tenantOrSkip(ctx: RuleContext): string | undefined {
  const ns = ctx.target.kind === 'Namespace' ? ctx.target.metadata.name : ctx.target.metadata.namespace;
  const t = realTenantOf(ctx, ns);
  if (!t) ctx.notApplicable('not in a tenant namespace');
  return t;
}

/** The tenant a synthetic `Tenant` target stands for. */
export function targetTenant(ctx: RuleContext): Tenant {
  const model = tenantModelFor(ctx.snapshot, ctx.config);
  const t = model.groups().find((g) => g.name === ctx.target.metadata.name);
  if (t) return t;
  const spec = isRecord(ctx.target['spec']) ? ctx.target['spec'] : {};
  const namespaces = Array.isArray(spec['namespaces']) ? (spec['namespaces'] as string[]) : [];
  return { name: ctx.target.metadata.name, namespaces, subjects: [], isolation: 'soft' };
}

/** The isolation profile a tenant is judged by: `hard` tenants get the strict checks. */
export function isolationOf(ctx: RuleContext, tenant: string): TenantIsolation {
  return tenantModelFor(ctx.snapshot, ctx.config).isolationOf(tenant);
}

/** For rules that only judge hard tenants: the object's tenant when it is hard, else `not-applicable`. */
export function hardTenantOrSkip(ctx: RuleContext): string | undefined {
  const tenant = tenantOrSkip(ctx);
  if (!tenant) return undefined;
  if (isolationOf(ctx, tenant) !== 'hard') {
    ctx.notApplicable(`tenant ${tenant} has the soft isolation profile`);
    return undefined;
  }
  return tenant;
}

export function networkOf(ctx: RuleContext): NetworkModel {
  const tenants = tenantModelFor(ctx.snapshot, ctx.config);
  return networkModelFor(ctx.snapshot, ctx.config, (ns) => tenants.tenantOf(ns) ?? ns);
}

export function accessOf(ctx: RuleContext): AccessModel {
  return accessModelFor(ctx.snapshot, ctx.config);
}

export function specOf(obj: K8sObject): Record<string, unknown> {
  return isRecord(obj['spec']) ? obj['spec'] : {};
}

/** Short list for messages: `a, b, c (+4 more)`. */
export function listText(items: readonly string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} (+${items.length - max} more)`;
}

export interface SubjectHit {
  subject: string;
  via: string[];
}

/** subjectsThatCan answers per access model, by query: many tenants ask the same question. */
const answers = new WeakMap<AccessModel, Map<string, SubjectGrants[]>>();

function grantedSubjects(access: AccessModel, query: ResourceQuery): SubjectGrants[] {
  let byQuery = answers.get(access);
  if (!byQuery) answers.set(access, (byQuery = new Map()));
  const key = JSON.stringify(query);
  let hit = byQuery.get(key);
  if (!hit) byQuery.set(key, (hit = access.rbac.subjectsThatCan(query, access.relevant)));
  return hit;
}

/**
 * Tenant subjects the RBAC model allows `query` (bootstrap grants excluded when configured).
 * Asked once per query for all binding subjects, then matched against each tenant subject's
 * identity (its name and implicit groups), which is what `can()` would do subject by subject.
 */
export function tenantSubjectsThatCan(ctx: RuleContext, tenant: string, query: ResourceQuery): SubjectHit[] {
  const access = accessOf(ctx);
  const granted = grantedSubjects(access, query);
  const out: SubjectHit[] = [];
  if (granted.length === 0) return out;
  for (const subject of access.subjectsOf(tenant)) {
    const who = userInfoOf(subject);
    const via = granted.filter((g) => subjectMatches(g.subject, who)).flatMap((g) => g.via.map(grantPath));
    if (via.length > 0) out.push({ subject: subjectString(subject), via: [...new Set(via)] });
  }
  return out;
}

/**
 * Reports `unknown` for bindings whose role is not in the (offline) input and that could change
 * the answer: absence from the input means the role could not be looked at, so neither pass nor
 * fail follows. Returns true when it reported. A fail reported by the same check still wins.
 */
export function unknownForUnresolved(ctx: RuleContext, unresolved: readonly UnresolvedBinding[], question: string): boolean {
  if (unresolved.length === 0) return false;
  const named = listText(unresolved.map((u) => `${refString(u.binding)} names ${u.role}`));
  ctx.unknown(`${named}, not in the input: ${question} is not known`);
  return true;
}

/**
 * Shared check of tenancy/default-deny-ingress and -egress: some NetworkPolicy in the tenant
 * namespace selects every pod (podSelector: {}) for the given direction. For a hard tenant that
 * policy must also deny: no rules for the direction (allows belong in narrower policies), so a
 * namespace-wide policy cannot quietly admit traffic to every pod.
 */
export function checkDefaultDeny(ctx: RuleContext<'missing' | 'notDenying'>, direction: 'Ingress' | 'Egress'): void {
  const tenant = tenantOrSkip(ctx);
  if (!tenant) return;
  const ns = ctx.target.metadata.name;
  const policies = ctx.snapshot.inNamespace(ns, 'NetworkPolicy').map(compilePolicy);
  const rulesOf = (p: (typeof policies)[number]): readonly unknown[] | undefined => (direction === 'Ingress' ? p.ingress : p.egress);
  const isolating = policies.filter((p) => isEmptySelector(p.podSelector) && rulesOf(p) !== undefined);
  if (isolating.length === 0) {
    ctx.fail('missing', { tenant, namespace: ns }, [
      {
        path: 'NetworkPolicy',
        actual: policies.length === 0 ? 'no NetworkPolicy' : policies.map((p) => p.key),
        expected: `a policy with podSelector: {} and policyTypes including ${direction}`,
      },
    ]);
    return;
  }
  if (isolationOf(ctx, tenant) !== 'hard' || isolating.some((p) => rulesOf(p)!.length === 0)) return;
  ctx.fail('notDenying', { tenant, namespace: ns, policies: listText(isolating.map((p) => p.key)) }, [
    {
      path: 'NetworkPolicy',
      actual: isolating.map((p) => `${p.key}: ${rulesOf(p)!.length} ${direction.toLowerCase()} rule(s)`),
      expected: `a policy with podSelector: {}, policyTypes including ${direction} and no ${direction.toLowerCase()} rules (hard isolation)`,
    },
  ]);
}

/**
 * Live-only probes (`palisade scan --probes`): SubjectAccessReview questions for the MTB access
 * benchmarks as every tenant subject, and dry-run admission probes as the tenant when the
 * impersonation overlay is installed. Results are ordinary RuleResults on the tenant (rule IDs
 * `probes/...`); evidence paths start with `SAR` or `dry-run` to name the source.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { PalisadeConfig } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import type { Evidence, RuleResult, Severity, Status } from '../model/result.js';
import { SYNTHETIC_API_VERSION, TENANT_KIND } from '../engine/rule.js';
import type { RuleDescriptor } from '../report/model.js';
import { subjectString, type Subject } from '../analysis/rbac.js';
import { tenantModelFor, type Tenant } from '../analysis/tenants.js';
import { ADMISSION_PROBES, dryRunAs, type AdmissionOutcome } from './admission.js';
import { DEFAULT_MAX_SUBJECTS, impersonation, probeSubjects } from './impersonation.js';
import { mapLimit, probeRequest, statusText } from './http.js';
import { queryText, questionGroups, sarBody, type AccessQuestion, type ProbeCheck } from './questions.js';

export { ADMISSION_PROBES, classifyAdmission } from './admission.js';
export { questionsFor, identityOf, sarBody, type AccessQuestion } from './questions.js';

export interface ProbeOptions {
  /** SubjectAccessReviews in flight at once. */
  concurrency?: number;
  /** Subjects probed per tenant (configured users/groups first, then ServiceAccounts). */
  maxSubjectsPerTenant?: number;
  /** SubjectAccessReviews per run at most (the cross-tenant questions grow with tenants²). */
  maxReviews?: number;
}

/** ~20,000 reviews take 20–60 s on a real API server; a 50-tenant cluster would otherwise ask millions. */
export const DEFAULT_MAX_REVIEWS = 20_000;

/** Marks a question the budget left unasked (an answer with this error is "not evaluated", not a failure). */
const NOT_ASKED = 'not asked: over the review budget';

export interface SarAnswer {
  question: AccessQuestion;
  /** undefined when the review failed (`error` says why). */
  allowed?: boolean;
  reason?: string;
  error?: string;
}

export interface ProbeOutput {
  rules: RuleDescriptor[];
  results: RuleResult[];
  answers: SarAnswer[];
}

interface ProbeRuleDef {
  id: string;
  title: string;
  severity: Severity;
  references: string[];
  description: string;
  remediation: string;
}

const mtb = (ids: string[]): RuleDescriptor['references'] => ids.map((id) => ({ framework: 'MTB', id }));

const SAR_RULES: Record<ProbeCheck, ProbeRuleDef> = {
  'cluster-resources': {
    id: 'probes/cluster-resources',
    title: 'Tenant subjects are denied every verb on cluster-scoped resources (SubjectAccessReview)',
    severity: 'high',
    references: ['MTB-PL1-CC-CPI-1'],
    description: 'Asked live, as each tenant subject, for the eight verbs the benchmark names on every cluster-scoped resource.',
    remediation: 'Remove cluster-wide grants to tenant subjects (ClusterRoleBindings, or groups such as system:authenticated).',
  },
  'quota-modification': {
    id: 'probes/quota-modification',
    title: 'Tenant subjects cannot change their ResourceQuotas and LimitRanges (SubjectAccessReview)',
    severity: 'high',
    references: ['MTB-PL1-CC-TI-1'],
    description: 'create, update, patch, delete and deletecollection on resourcequotas and limitranges in the tenant namespaces must be denied.',
    remediation: 'Grant tenants at most read access to resourcequotas and limitranges.',
  },
  'other-tenants': {
    id: 'probes/other-tenants',
    title: 'Tenant subjects are denied access to other tenants’ namespaces (SubjectAccessReview)',
    severity: 'critical',
    references: ['MTB-PL1-CC-TI-2'],
    description: 'Every verb on pods, pods/exec, secrets, configmaps, services, deployments and rolebindings in every other tenant’s namespaces must be denied.',
    remediation: 'Remove the bindings that give one tenant’s subjects rights in another tenant’s namespaces.',
  },
  'namespace-self-modification': {
    id: 'probes/namespace-self-modification',
    title: 'Tenant subjects cannot patch or update their own Namespace (SubjectAccessReview)',
    severity: 'high',
    references: [],
    description: 'A tenant that can relabel its Namespace can lower its Pod Security level or join other tenants’ NetworkPolicy allow-lists.',
    remediation: 'Do not grant update/patch on namespaces to tenants.',
  },
  'self-service': {
    id: 'probes/self-service',
    title: 'Tenants can manage Roles, RoleBindings and NetworkPolicies in their namespaces (SubjectAccessReview)',
    severity: 'info',
    references: ['MTB-PL2-BC-OPS-3', 'MTB-PL2-BC-OPS-4'],
    description: 'Profile level 2 self-service; informational.',
    remediation: 'Bind tenant administrators to a role with these verbs in the tenant namespaces.',
  },
};

function admissionRule(p: (typeof ADMISSION_PROBES)[number]): ProbeRuleDef {
  return {
    id: `probes/admission-${p.id}`,
    title: `Admission rejects a tenant ${p.title} (server-side dry-run)`,
    severity: p.id === 'node-port' || p.id === 'pull-policy' ? 'medium' : 'high',
    references: p.mtb,
    description: `A ${p.title} is created with dryRun=All as the tenant; the cluster’s admission (Pod Security, policy engines) must reject it. Needs the impersonation overlay.`,
    remediation: 'Enforce Pod Security baseline or restricted on tenant namespaces, or a policy engine / ValidatingAdmissionPolicy that rejects it.',
  };
}

export function probeRuleDescriptors(): RuleDescriptor[] {
  return [...Object.values(SAR_RULES), ...ADMISSION_PROBES.map(admissionRule)].map((d) => ({
    id: d.id,
    title: d.title,
    severity: d.severity,
    family: 'probes',
    category: 'tenancy',
    references: mtb(d.references),
    description: d.description,
    remediation: d.remediation,
  }));
}

function tenantRef(t: Tenant): RuleResult['object'] {
  return { apiVersion: SYNTHETIC_API_VERSION, kind: TENANT_KIND, name: t.name };
}

function result(def: ProbeRuleDef, t: Tenant, status: Status, message: string, evidence: Evidence[]): RuleResult {
  return { rule: def.id, severity: def.severity, status, object: tenantRef(t), message, evidence, tenant: t.name };
}

/** Configured users/groups first (they are who the benchmark means by "tenant"), then ServiceAccounts. */

async function ask(kc: KubeConfig, question: AccessQuestion): Promise<SarAnswer> {
  try {
    const res = await probeRequest(kc, { method: 'POST', path: '/apis/authorization.k8s.io/v1/subjectaccessreviews', body: sarBody(question) });
    if (res.status !== 201 && res.status !== 200) return { question, error: `SubjectAccessReview answered HTTP ${res.status}: ${statusText(res.body)}` };
    const status = (JSON.parse(res.body) as { status?: { allowed?: boolean; reason?: string } }).status ?? {};
    const a: SarAnswer = { question, allowed: status.allowed === true };
    if (status.reason) a.reason = status.reason;
    return a;
  } catch (err) {
    return { question, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * `answers` holds every asked question, plus the unasked self-service ones as NOT_ASKED answers
 * (self-service is judged per namespace/resource/verb); `unasked` counts the other checks' cut.
 */
function sarResults(t: Tenant, answers: readonly SarAnswer[], unasked: ReadonlyMap<ProbeCheck, number>): RuleResult[] {
  const out: RuleResult[] = [];
  for (const check of Object.keys(SAR_RULES) as ProbeCheck[]) {
    const def = SAR_RULES[check];
    const mine = answers.filter((a) => a.question.check === check);
    const skipped = check === 'self-service' ? mine.filter((a) => a.error === NOT_ASKED).length : (unasked.get(check) ?? 0);
    const total = check === 'self-service' ? mine.length : mine.length + skipped;
    if (total === 0) {
      out.push(result(def, t, 'not-applicable', `no ${check} questions for tenant ${t.name} (no subjects or namespaces)`, []));
      continue;
    }
    const errors = mine.filter((a) => a.error !== undefined && a.error !== NOT_ASKED);
    if (check === 'self-service') {
      // A (namespace, resource, verb) is covered when some subject is allowed it.
      const byKey = new Map<string, { allowed: boolean; unknown: boolean; q: AccessQuestion }>();
      for (const a of mine) {
        const k = queryText(a.question.query);
        const e = byKey.get(k) ?? { allowed: false, unknown: false, q: a.question };
        e.allowed ||= a.allowed === true;
        e.unknown ||= a.error !== undefined; // failed, or not asked (budget)
        byKey.set(k, e);
      }
      const missing = [...byKey.entries()].filter(([, e]) => !e.allowed && !e.unknown).map(([k]) => k);
      if (missing.length > 0) {
        out.push(result(def, t, 'fail', `SAR: no subject of tenant ${t.name} may ${missing.slice(0, 3).join('; ')}${missing.length > 3 ? ` (+${missing.length - 3} more)` : ''}`, missing.slice(0, 20).map((k) => ({ path: `SAR ${k}`, actual: 'denied for every tenant subject', expected: 'allowed for the tenant' }))));
      } else if ([...byKey.values()].some((e) => e.unknown && !e.allowed)) {
        out.push(result(def, t, 'unknown', errors[0] ? `SubjectAccessReview failed: ${errors[0].error ?? ''}` : budgetText(skipped, total, 'every right asked about in full is allowed to some subject'), []));
      } else out.push(result(def, t, 'pass', `SAR: tenant ${t.name} can manage roles, rolebindings and networkpolicies`, []));
      continue;
    }
    const allowed = mine.filter((a) => a.allowed === true);
    if (allowed.length > 0) {
      const evidence: Evidence[] = allowed.slice(0, 20).map((a) => ({
        path: `SAR ${subjectString(a.question.subject)}: ${queryText(a.question.query)}`,
        actual: { allowed: true, reason: a.reason ?? '' },
        expected: 'denied',
      }));
      const subjects = [...new Set(allowed.map((a) => subjectString(a.question.subject)))];
      out.push(
        result(def, t, 'fail', `SAR: ${allowed.length} of ${total} ${check} questions allowed for tenant ${t.name} (${subjects.slice(0, 3).join(', ')}${subjects.length > 3 ? ', …' : ''}): e.g. ${queryText(allowed[0]!.question.query)}`, evidence),
      );
    } else if (errors.length > 0) {
      out.push(result(def, t, 'unknown', `SubjectAccessReview failed for ${errors.length} of ${total} questions: ${errors[0]!.error}`, []));
    } else if (skipped > 0) {
      out.push(result(def, t, 'unknown', budgetText(skipped, total), []));
    } else {
      out.push(result(def, t, 'pass', `SAR: all ${mine.length} ${check} questions denied for tenant ${t.name}`, []));
    }
  }
  return out;
}


async function admissionResults(kc: KubeConfig, t: Tenant, subjects: readonly Subject[], concurrency: number): Promise<RuleResult[]> {
  const defs = ADMISSION_PROBES.map((p) => ({ probe: p, def: admissionRule(p) }));
  const namespace = t.namespaces[0];
  if (!namespace || subjects.length === 0) {
    return defs.map(({ def }) => result(def, t, 'not-applicable', `tenant ${t.name} has no ${namespace ? 'subjects' : 'namespaces'} to probe as`, []));
  }
  // As kubectl-mtb: probe as a subject that may create pods (services) there; ask the API server first.
  const creators = new Map<string, Subject | undefined>();
  for (const resource of ['pods', 'services']) {
    const asked = await mapLimit(subjects, concurrency, (subject) => ask(kc, { check: 'self-service', subject, query: { verb: 'create', group: '', resource, namespace }, expect: 'allow' }));
    creators.set(resource, asked.find((a) => a.allowed === true)?.question.subject);
  }
  return mapLimit(defs, concurrency, async ({ probe, def }) => {
    const obj = probe.object(namespace);
    const resource = obj.kind === 'Service' ? 'services' : 'pods';
    const subject = creators.get(resource);
    if (!subject) return result(def, t, 'not-applicable', `no subject of tenant ${t.name} may create ${resource} in ${namespace} (SubjectAccessReview)`, []);
    let outcome: AdmissionOutcome;
    try {
      outcome = await dryRunAs(kc, obj, impersonation(subject, t.name));
    } catch (err) {
      return result(def, t, 'unknown', `dry-run failed: ${err instanceof Error ? err.message : String(err)}`, []);
    }
    const path = `dry-run create ${obj.kind}/${namespace}/${obj.metadata.name} as ${subjectString(subject)}`;
    switch (outcome.verdict) {
      case 'admitted':
        return result(def, t, 'fail', `dry-run: admission accepted a ${probe.title} from tenant ${t.name} in ${namespace}`, [{ path, actual: 'admitted', expected: 'rejected by admission policy' }]);
      case 'policy-denied':
        return result(def, t, 'pass', `dry-run: rejected (${outcome.message.slice(0, 160)})`, [{ path, actual: `HTTP ${outcome.status}: ${outcome.message.slice(0, 300)}`, expected: 'rejected by admission policy' }]);
      case 'no-impersonation':
        return result(def, t, 'unknown', `Not evaluated: Palisade cannot impersonate tenant subjects; grant it with the optional overlay manifests/overlays/probes, generated for this cluster by palisade probes-rbac (${outcome.message.slice(0, 160)})`, []);
      case 'rbac-denied':
        return result(def, t, 'not-applicable', `tenant subject may not create ${resource} (RBAC): ${outcome.message.slice(0, 160)}`, []);
      default:
        return result(def, t, 'unknown', `dry-run answered HTTP ${outcome.status}: ${outcome.message.slice(0, 200)}`, []);
    }
  });
}

/** `found`: what the asked questions showed (nothing that decides the check). */
function budgetText(skipped: number, total: number, found = 'none of those asked was allowed'): string {
  return `Not evaluated: ${skipped} of ${total} questions not asked, over the run's SubjectAccessReview budget (--probe-max-reviews); ${found}`;
}

/**
 * How many questions of each group to ask within the budget, fairly: the budget is shared out
 * evenly (a group smaller than its share is asked in full and its rest shared again), so a cut
 * leaves every group partly asked rather than some not at all. Groups interleave subjects, so
 * even a small quota reaches every subject. A group with unasked questions can still fail; it
 * cannot pass.
 */
export function budgetQuotas(sizes: readonly number[], budget: number): number[] {
  const quotas = sizes.map(() => 0);
  let remaining = budget;
  let open = sizes.map((_, i) => i).filter((i) => sizes[i]! > 0);
  while (remaining > 0 && open.length > 0) {
    const share = Math.floor(remaining / open.length);
    if (share === 0) {
      for (const i of open.slice(0, remaining)) quotas[i]! += 1;
      break;
    }
    for (const i of open) {
      const add = Math.min(share, sizes[i]! - quotas[i]!);
      quotas[i]! += add;
      remaining -= add;
    }
    open = open.filter((i) => quotas[i]! < sizes[i]!);
  }
  return quotas;
}

/** Runs every probe for every tenant. Never creates anything: SubjectAccessReviews and dryRun=All only. */
export async function runProbes(kc: KubeConfig, snapshot: Snapshot, config: PalisadeConfig, opts: ProbeOptions = {}): Promise<ProbeOutput> {
  const concurrency = opts.concurrency ?? 16;
  const max = opts.maxSubjectsPerTenant ?? DEFAULT_MAX_SUBJECTS;
  const tenants = tenantModelFor(snapshot, config).tenants();
  const results: RuleResult[] = [];
  const answers: SarAnswer[] = [];
  const planned = tenants.map((t) => {
    const subjects = probeSubjects(t, max);
    return { t, subjects, groups: questionGroups(t, subjects, tenants) };
  });
  const quotas = budgetQuotas(planned.flatMap((p) => p.groups.map((g) => g.size)), opts.maxReviews ?? DEFAULT_MAX_REVIEWS);
  let next = 0;
  for (const { t, subjects, groups } of planned) {
    const asked: AccessQuestion[] = [];
    const notAsked: SarAnswer[] = [];
    const unasked = new Map<ProbeCheck, number>();
    for (const g of groups) {
      const quota = quotas[next++]!;
      for (let k = 0; k < quota; k++) asked.push(g.at(k));
      unasked.set(g.check, g.size - quota);
      // Self-service is judged per namespace/resource/verb, so its (few) unasked questions are named.
      if (g.check === 'self-service') for (let k = quota; k < g.size; k++) notAsked.push({ question: g.at(k), error: NOT_ASKED });
    }
    const mine = await mapLimit(asked, concurrency, (q) => ask(kc, q));
    answers.push(...mine);
    results.push(...sarResults(t, [...mine, ...notAsked], unasked));
    results.push(...(await admissionResults(kc, t, subjects, concurrency)));
  }
  return { rules: probeRuleDescriptors(), results, answers };
}

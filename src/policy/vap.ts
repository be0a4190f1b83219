/**
 * The cluster's own ValidatingAdmissionPolicies as rules `vap/<policy-name>`: every existing object
 * a policy's bindings match is judged as if it were created now (operation CREATE, oldObject null),
 * following k8s.io/apiserver/pkg/admission/plugin/policy/validating: matchConstraints, binding
 * matchResources (namespace/object selectors, exclusions), paramKind/paramRef, matchConditions,
 * variables, validations, failurePolicy and validationActions.
 */
import type { CelInput } from '@bufbuild/cel';
import { defineRule, SYNTHETIC_API_VERSION, type Rule, type RuleContext } from '../engine/rule.js';
import { matchesSelector, type LabelSelector } from '../inventory/selectors.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { apiGroup, type K8sObject } from '../model/k8s.js';
import { SEVERITIES, type Severity } from '../model/result.js';
import { compileCel, evalCel, toCel, type CelProgram } from './cel.js';
import { metadataOnlyReason, requestOf, resourceOf, type ResourceInfo } from './resources.js';
import { compileValidations, runValidations, type CompiledValidation, type ValidationSpec } from './validations.js';

const VAP_KIND = 'ValidatingAdmissionPolicy';
const VAP_BINDING_KIND = 'ValidatingAdmissionPolicyBinding';
const ADMISSION_GROUP = 'admissionregistration.k8s.io';

interface NamedRule {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  operations?: string[];
  scope?: string;
  resourceNames?: string[];
}

interface MatchResources {
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  resourceRules?: NamedRule[];
  excludeResourceRules?: NamedRule[];
}

interface PolicySpec {
  paramKind?: { apiVersion?: string; kind?: string };
  matchConstraints?: MatchResources;
  validations?: ValidationSpec[];
  failurePolicy?: 'Fail' | 'Ignore';
  matchConditions?: { name: string; expression: string }[];
  variables?: { name: string; expression: string }[];
}

interface BindingSpec {
  policyName?: string;
  paramRef?: { name?: string; namespace?: string; selector?: LabelSelector; parameterNotFoundAction?: 'Allow' | 'Deny' };
  matchResources?: MatchResources;
  validationActions?: ('Deny' | 'Warn' | 'Audit')[];
}

type AdmissionAction = 'deny' | 'warn' | 'audit';

/** What admission would do with one object for one policy. */
interface VapDecision {
  binding: string;
  action: AdmissionAction | 'ignored-error';
  message: string;
}

type VapVerdict =
  | { kind: 'not-matched'; reason: string }
  | { kind: 'unknown'; reason: string }
  | { kind: 'error'; reason: string }
  | { kind: 'evaluated'; bindings: string[]; decisions: VapDecision[] };

// ---- matching ---------------------------------------------------------------------------

function listMatches(list: readonly string[] | undefined, value: string): boolean {
  return (list ?? []).some((x) => x === '*' || x === value);
}

/** One NamedRuleWithOperations against a CREATE of `res` named `name` (rules.Matcher). */
function ruleMatches(rule: NamedRule, res: ResourceInfo, name: string): boolean {
  if (!listMatches(rule.operations, 'CREATE')) return false;
  if (!listMatches(rule.apiGroups, res.group) || !listMatches(rule.apiVersions, res.version)) return false;
  const resourceOk = (rule.resources ?? []).some((r) => {
    const [main, sub = ''] = r.split('/', 2) as [string, string?];
    return (main === '*' || main === res.resource) && (sub === '*' || sub === '');
  });
  if (!resourceOk) return false;
  const scope = rule.scope ?? '*';
  if (scope === 'Namespaced' && !res.namespaced) return false;
  if (scope === 'Cluster' && res.namespaced) return false;
  return (rule.resourceNames ?? []).length === 0 || (rule.resourceNames ?? []).includes(name);
}

type Match = { ok: true } | { ok: false; reason: string } | { ok: 'unknown'; reason: string };

/** matching.Matcher.Matches: namespaceSelector, objectSelector, exclusions, then resourceRules (empty = all). */
function matchResources(m: MatchResources, obj: K8sObject, res: ResourceInfo, snapshot: Snapshot): Match {
  const ns = res.namespaced ? obj.metadata.namespace : undefined;
  const selector = m.namespaceSelector;
  const emptySelector = !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
  if (!emptySelector) {
    if (obj.kind === 'Namespace' && res.group === '') {
      if (!matchesSelector(selector, obj.metadata.labels)) return { ok: false, reason: 'namespaceSelector does not match' };
    } else if (ns !== undefined) {
      const nsObj = snapshot.namespace(ns);
      if (!nsObj) return { ok: 'unknown', reason: `namespace ${ns} is not in the input, so the namespaceSelector cannot be evaluated` };
      if (!matchesSelector(selector, nsObj.metadata.labels)) return { ok: false, reason: `namespace ${ns} does not match the namespaceSelector` };
    }
  }
  if (m.objectSelector && !matchesSelector(m.objectSelector, obj.metadata.labels)) return { ok: false, reason: 'objectSelector does not match' };
  const name = obj.metadata.name ?? '';
  if ((m.excludeResourceRules ?? []).some((r) => ruleMatches(r, res, name))) return { ok: false, reason: 'excluded by excludeResourceRules' };
  if ((m.resourceRules ?? []).length > 0 && !(m.resourceRules ?? []).some((r) => ruleMatches(r, res, name))) return { ok: false, reason: 'no resourceRule matches' };
  return { ok: true };
}

// ---- compiled policy ---------------------------------------------------------------------

interface Named {
  name: string;
  program: CelProgram;
}

interface CompiledPolicy {
  name: string;
  spec: PolicySpec;
  failurePolicy: 'Fail' | 'Ignore';
  /** Palisade cannot evaluate an expression (unsupported function, syntax it does not parse). */
  compileError?: string;
  validations: CompiledValidation[];
  matchConditions: Named[];
  variables: Named[];
}

function compileNamed(list: readonly { name: string; expression: string }[], field: string): Named[] {
  return list.map((x, i) => {
    const c = compileCel(x.expression);
    if (!c.ok) throw new Error(`${field}[${i}] (${x.name}): ${c.error}`);
    return { name: x.name, program: c.run };
  });
}

function compilePolicy(policy: K8sObject): CompiledPolicy {
  const spec = (policy['spec'] ?? {}) as PolicySpec;
  const base = { name: policy.metadata.name, spec, failurePolicy: spec.failurePolicy ?? 'Fail' } as const;
  try {
    return {
      ...base,
      validations: compileValidations(spec.validations ?? [], 'spec.validations'),
      matchConditions: compileNamed(spec.matchConditions ?? [], 'spec.matchConditions'),
      variables: compileNamed(spec.variables ?? [], 'spec.variables'),
    };
  } catch (err) {
    return { ...base, compileError: err instanceof Error ? `${('field' in err ? `${String(err.field)}: ` : '')}${err.message}` : String(err), validations: [], matchConditions: [], variables: [] };
  }
}

// ---- params ------------------------------------------------------------------------------

type Params = { ok: true; params: (K8sObject | null)[] } | { ok: false; configError: string } | { ok: 'unknown'; reason: string };

function paramScopeNamespaced(paramKind: { apiVersion?: string; kind?: string }, snapshot: Snapshot): boolean {
  return resourceOf({ apiVersion: paramKind.apiVersion ?? 'v1', kind: paramKind.kind ?? '', metadata: { name: '', namespace: 'x' } }, snapshot).namespaced;
}

function collectParams(policy: CompiledPolicy, binding: BindingSpec, obj: K8sObject, res: ResourceInfo, snapshot: Snapshot): Params {
  const paramKind = policy.spec.paramKind;
  if (!paramKind) return { ok: true, params: [null] };
  const ref = binding.paramRef;
  if (!ref) return { ok: false, configError: `paramKind ${paramKind.kind} is set but the binding has no paramRef` };
  const kind = paramKind.kind ?? '';
  const group = apiGroup(paramKind.apiVersion ?? 'v1');
  if (snapshot.gapFor(kind)) return { ok: 'unknown', reason: `params of kind ${kind} could not be listed (${snapshot.gapFor(kind)!.reason})` };
  const namespaced = paramScopeNamespaced(paramKind, snapshot);
  let ns: string | undefined;
  if (namespaced) {
    ns = ref.namespace || (res.namespaced ? obj.metadata.namespace : undefined);
    if (!ns) return { ok: false, configError: 'cannot use a namespaced paramRef without a namespace for a cluster-scoped object' };
    if (snapshot.mode === 'live' && kind === 'ConfigMap' && group === '' && ns !== 'kube-system') {
      return { ok: 'unknown', reason: `params are ConfigMaps in ${ns}, which live scans read metadata-only (no data); scan the params from files` };
    }
  }
  const ofKind = (o: K8sObject): boolean => apiGroup(o.apiVersion) === group && (!namespaced || o.metadata.namespace === ns);
  let params: K8sObject[];
  if (ref.name) {
    const p = snapshot.get(kind, ref.name, ns);
    params = p && ofKind(p) ? [p] : [];
  } else {
    params = (namespaced ? snapshot.inNamespace(ns!, kind) : snapshot.ofKind(kind)).filter((o) => ofKind(o) && matchesSelector(ref.selector ?? {}, o.metadata.labels));
  }
  if (params.length === 0) {
    if (ref.parameterNotFoundAction === 'Deny') return { ok: false, configError: 'no params found for policy binding with `Deny` parameterNotFoundAction' };
    return { ok: true, params: [] };
  }
  return { ok: true, params };
}

// ---- evaluation --------------------------------------------------------------------------

/** Kubernetes' namespaceObject: the namespace's metadata subset, spec and status. */
function namespaceObjectOf(obj: K8sObject, res: ResourceInfo, snapshot: Snapshot): CelInput {
  const ns = res.namespaced ? obj.metadata.namespace : undefined;
  const n = ns === undefined ? undefined : snapshot.namespace(ns);
  if (!n) return null;
  const m = n.metadata as unknown as Record<string, unknown>;
  const metadata: Record<string, unknown> = { name: m['name'] };
  for (const k of ['generateName', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'labels', 'annotations']) {
    if (m[k] !== undefined) metadata[k] = m[k];
  }
  return toCel({ apiVersion: 'v1', kind: 'Namespace', metadata, spec: n['spec'] ?? {}, status: n['status'] ?? {} });
}

function bindVariables(policy: CompiledPolicy, vars: Record<string, CelInput>): void {
  const values: Record<string, CelInput> = {};
  vars['variables'] = values;
  for (const v of policy.variables) {
    // A variable that fails is left unbound: any expression that reads it then fails too, as in the API server.
    const r = evalCel(v.program, vars);
    if (r.ok) values[v.name] = r.value as CelInput;
  }
}

/** matchConditions: any false → not matched; otherwise any error → error; else matched. */
function runMatchConditions(policy: CompiledPolicy, vars: Record<string, CelInput>): { match: boolean; error?: string } {
  const errors: string[] = [];
  for (const c of policy.matchConditions) {
    const r = evalCel(c.program, vars);
    if (!r.ok) errors.push(`matchCondition '${c.name}': ${r.error}`);
    else if (r.value !== true) {
      if (typeof r.value !== 'boolean') errors.push(`matchCondition '${c.name}' did not evaluate to a bool`);
      else return { match: false };
    }
  }
  return errors.length > 0 ? { match: true, error: errors.join('; ') } : { match: true };
}

function actionsOf(b: BindingSpec): AdmissionAction[] {
  return (b.validationActions ?? []).map((a) => a.toLowerCase() as AdmissionAction);
}

/** Decisions for one (binding, param) pair; undefined when the matchConditions exclude the object. */
function evaluateParam(policy: CompiledPolicy, bindingName: string, binding: BindingSpec, obj: K8sObject, res: ResourceInfo, snapshot: Snapshot, param: K8sObject | null): VapDecision[] | undefined {
  const vars: Record<string, CelInput> = {
    object: toCel(obj),
    oldObject: null,
    params: toCel(param),
    namespaceObject: namespaceObjectOf(obj, res, snapshot),
    request: toCel(requestOf(obj, snapshot)),
  };
  const violations: string[] = [];
  const ignored: string[] = [];
  const mc = runMatchConditions(policy, vars);
  if (!mc.match) return undefined;
  if (mc.error !== undefined) {
    (policy.failurePolicy === 'Fail' ? violations : ignored).push(mc.error);
  } else {
    bindVariables(policy, vars);
    for (const o of runValidations(policy.validations, vars, 'false')) {
      if (o.status === 'fail') violations.push(o.message);
      else if (o.status === 'error') (policy.failurePolicy === 'Fail' ? violations : ignored).push(o.error);
    }
  }
  return [
    ...violations.flatMap((message) => actionsOf(binding).map((action) => ({ binding: bindingName, action, message }))),
    ...ignored.map((message) => ({ binding: bindingName, action: 'ignored-error' as const, message })),
  ];
}

/** What admission would decide for `obj` under one policy and its bindings. */
function auditObject(policy: CompiledPolicy, bindings: readonly K8sObject[], obj: K8sObject, snapshot: Snapshot): VapVerdict {
  const res = resourceOf(obj, snapshot);
  if (!policy.spec.matchConstraints) return { kind: 'not-matched', reason: 'the policy has no matchConstraints' };
  const pm = matchResources(policy.spec.matchConstraints, obj, res, snapshot);
  if (pm.ok === 'unknown') return { kind: 'unknown', reason: pm.reason };
  if (!pm.ok) return { kind: 'not-matched', reason: `matchConstraints: ${pm.reason}` };
  const hidden = metadataOnlyReason(obj, snapshot);
  if (hidden !== undefined) return { kind: 'unknown', reason: hidden };
  // Only objects the policy matches: an expression Palisade cannot evaluate is an error for them.
  if (policy.compileError !== undefined) return { kind: 'error', reason: `Palisade cannot evaluate policy ${policy.name}: ${policy.compileError}` };
  const decisions: VapDecision[] = [];
  const matched: string[] = [];
  const unknowns: string[] = [];
  let skippedByConditions = false;
  for (const b of bindings) {
    const spec = (b['spec'] ?? {}) as BindingSpec;
    const name = b.metadata.name;
    if (spec.matchResources) {
      const bm = matchResources(spec.matchResources, obj, res, snapshot);
      if (bm.ok === 'unknown') {
        unknowns.push(`binding ${name}: ${bm.reason}`);
        continue;
      }
      if (!bm.ok) continue;
    }
    const params = collectParams(policy, spec, obj, res, snapshot);
    if (params.ok === 'unknown') {
      unknowns.push(`binding ${name}: ${params.reason}`);
      continue;
    }
    if (!params.ok) {
      matched.push(name);
      // Configuration errors deny whatever the validationActions, unless failurePolicy is Ignore.
      decisions.push({ binding: name, action: policy.failurePolicy === 'Fail' ? 'deny' : 'ignored-error', message: `failed to configure binding: ${params.configError}` });
      continue;
    }
    let evaluated = false;
    for (const p of params.params) {
      const d = evaluateParam(policy, name, spec, obj, res, snapshot, p);
      if (d === undefined) continue;
      evaluated = true;
      decisions.push(...d);
    }
    if (evaluated) matched.push(name);
    else if (params.params.length > 0) skippedByConditions = true;
  }
  const enforced = decisions.some((d) => d.action === 'deny');
  if (unknowns.length > 0 && !enforced) return { kind: 'unknown', reason: unknowns.join('; ') };
  if (matched.length === 0) {
    return { kind: 'not-matched', reason: skippedByConditions ? 'the matchConditions exclude the object' : 'no binding of this policy matches the object' };
  }
  return { kind: 'evaluated', bindings: matched, decisions };
}

// ---- rules -------------------------------------------------------------------------------

type VapMessage = 'denied' | 'warned' | 'audited' | 'ignoredError' | 'admitted';

const MESSAGES: Record<VapMessage, string> = {
  denied: 'Would be denied by ValidatingAdmissionPolicy {{policy}} (binding {{binding}}): {{message}}',
  warned: 'Would be admitted with a warning from ValidatingAdmissionPolicy {{policy}} (binding {{binding}}): {{message}}',
  audited: 'Would be admitted and audited by ValidatingAdmissionPolicy {{policy}} (binding {{binding}}): {{message}}',
  ignoredError: 'Admitted because failurePolicy is Ignore, but ValidatingAdmissionPolicy {{policy}} (binding {{binding}}) could not evaluate it: {{message}}',
  admitted: 'Admitted by ValidatingAdmissionPolicy {{policy}} (bindings {{bindings}})',
};

const MESSAGE_OF: Record<VapDecision['action'], VapMessage> = { deny: 'denied', warn: 'warned', audit: 'audited', 'ignored-error': 'ignoredError' };

/** Kinds in the snapshot that a policy's resourceRules can match (the rule's targets). */
function targetKinds(policy: PolicySpec, snapshot: Snapshot): string[] {
  const rules = policy.matchConstraints?.resourceRules ?? [];
  const kinds = new Set<string>();
  const seen = new Set<string>();
  for (const o of snapshot.objects) {
    const key = `${o.apiVersion}\u0000${o.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const group = apiGroup(o.apiVersion);
    if (o.apiVersion === SYNTHETIC_API_VERSION || group.endsWith('.config.k8s.io') || o.kind.endsWith('List')) continue;
    const res = resourceOf(o, snapshot);
    if (rules.some((r) => ruleMatches({ ...r, resourceNames: [] }, res, ''))) kinds.add(o.kind);
  }
  return [...kinds].sort();
}

function severityOf(policy: K8sObject): Severity {
  const s = policy.metadata.annotations?.['palisade.dev/severity'];
  return s !== undefined && (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : 'medium';
}

function check(policy: CompiledPolicy, bindings: readonly K8sObject[], ctx: RuleContext<VapMessage>): void {
  const verdict = auditObject(policy, bindings, ctx.target, ctx.snapshot);
  switch (verdict.kind) {
    case 'not-matched':
      return ctx.notApplicable(verdict.reason);
    case 'unknown':
      return ctx.unknown(verdict.reason);
    case 'error':
      // Never a pass: the runner records this as an `error` result naming what is not supported.
      throw new Error(verdict.reason);
    case 'evaluated': {
      for (const d of verdict.decisions) {
        const data = { policy: policy.name, binding: d.binding, message: d.message };
        const evidence = [{ path: `bindings.${d.binding}`, actual: d.action, expected: 'admitted without violations' }];
        if (d.action === 'ignored-error') ctx.pass('ignoredError', data, evidence);
        else ctx.fail(MESSAGE_OF[d.action], data, evidence);
      }
      if (verdict.decisions.length === 0) ctx.pass('admitted', { policy: policy.name, bindings: verdict.bindings.join(', ') });
    }
  }
}

/** One `vap/<policy-name>` rule per ValidatingAdmissionPolicy in the snapshot. */
export function vapRules(snapshot: Snapshot): Rule[] {
  const policies = snapshot.ofKind(VAP_KIND).filter((p) => apiGroup(p.apiVersion) === ADMISSION_GROUP);
  const bindings = snapshot.ofKind(VAP_BINDING_KIND).filter((b) => apiGroup(b.apiVersion) === ADMISSION_GROUP);
  return policies.map((p) => {
    const compiled = compilePolicy(p);
    const mine = bindings.filter((b) => (b['spec'] as BindingSpec | undefined)?.policyName === p.metadata.name);
    return defineRule<VapMessage>({
      meta: {
        id: `vap/${p.metadata.name}`,
        title: `Objects the cluster's ValidatingAdmissionPolicy ${p.metadata.name} would deny, warn or audit`,
        description: `Audits existing objects against the cluster's own ValidatingAdmissionPolicy ${p.metadata.name}, as if each were created now.`,
        remediation: (compiled.spec.validations ?? []).map((v) => v.message ?? v.expression).join('; ') || 'Make the object satisfy the policy.',
        severity: severityOf(p),
        category: 'security',
        references: [],
        targets: targetKinds(compiled.spec, snapshot),
        scope: 'object',
        messages: MESSAGES,
      },
      check: (ctx) => check(compiled, mine, ctx),
    });
  });
}

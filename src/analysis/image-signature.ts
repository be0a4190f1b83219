/**
 * Image-signature admission policies and the namespaces they enforce in: Kyverno ClusterPolicy /
 * Policy rules with `verifyImages` and ImageValidatingPolicy, sigstore policy-controller
 * ClusterImagePolicy (enforced only in namespaces its webhook selects, by default those labelled
 * `policy.sigstore.dev/include: "true"`), Ratify's Gatekeeper constraint RatifyVerification, and
 * Connaisseur's admission webhook (a MutatingWebhookConfiguration, no CRD). A ValidatingAdmissionPolicy
 * cannot verify a signature (CEL has no registry or crypto access), so none counts; the ones that look
 * at images are named in the evidence (signatureLookalikes). CEL matchConditions are judged by
 * policy/match-conditions.ts: coverage that depends on more than the namespace is reported as such,
 * never taken as covered.
 */
import { globMatch } from '../engine/glob.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { matchesSelector, type LabelSelector } from '../inventory/selectors.js';
import { isRecord, type K8sObject } from '../model/k8s.js';
import { conditionsForNamespace, matchConditionsOf, type MatchCondition } from '../policy/match-conditions.js';

/** Kinds this model reads; a kind that could not be read leaves coverage unknown. */
export const SIGNATURE_POLICY_KINDS = ['ClusterPolicy', 'Policy', 'ImageValidatingPolicy', 'ClusterImagePolicy', 'RatifyVerification', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'] as const;

/** policy-controller's webhooks select opted-in namespaces unless the operator changed their namespaceSelector. */
export const SIGSTORE_INCLUDE_LABEL = 'policy.sigstore.dev/include';

export interface SignaturePolicy {
  /** `Kind/name` or `Kind/namespace/name`. */
  ref: string;
  engine: 'kyverno' | 'sigstore' | 'ratify' | 'connaisseur';
  /** False for audit / warn / dry-run modes: they report but let unsigned images run. */
  enforcing: boolean;
  /** Whether its checks apply to pods created in the namespace: yes, no, or why that depends on more than the namespace. */
  covers(namespace: string, labels: Readonly<Record<string, string>>): Coverage;
}

/** `true` / `false`, or `{ depends }`: coverage decided per request (CEL matchConditions, an objectSelector). */
export type Coverage = boolean | { depends: string };

/** Namespace selection first, then the CEL matchConditions for that namespace. */
function withConditions(selected: boolean, conditions: readonly MatchCondition[], namespace: string): Coverage {
  if (!selected) return false;
  const v = conditionsForNamespace(conditions, namespace);
  return v.verdict === 'included' ? true : v.verdict === 'excluded' ? false : { depends: `matchConditions ${v.why}` };
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (isRecord(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');
const selectorOf = (v: unknown): LabelSelector | undefined => (isRecord(v) ? (v as LabelSelector) : undefined);
const refOf = (o: K8sObject): string => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
const group = (o: K8sObject): string => (o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '');

const podKinds = (kinds: string[]): boolean => kinds.some((k) => k === '*' || k === 'Pod' || k.endsWith('/Pod'));

/** Kyverno `match` filter: selects pods (autogen extends Pod rules to pod controllers) in this namespace. */
function kyvernoMatches(filter: unknown, ns: string, labels: Readonly<Record<string, string>>): boolean {
  const r = rec(rec(filter)['resources']);
  if (!podKinds(strs(r['kinds']))) return false;
  const namespaces = strs(r['namespaces']);
  if (namespaces.length > 0 && !namespaces.some((g) => globMatch(g, ns))) return false;
  const sel = selectorOf(r['namespaceSelector']);
  return sel === undefined || matchesSelector(sel, labels);
}

/**
 * Kyverno `exclude` filter: leaves this namespace's pods out. Only namespace and kind conditions
 * count; one on request subjects or roles excludes some users, not the namespace.
 */
function kyvernoExcludes(filter: unknown, ns: string, labels: Readonly<Record<string, string>>): boolean {
  const f = rec(filter);
  if (['subjects', 'roles', 'clusterRoles'].some((k) => f[k] !== undefined)) return false;
  const r = rec(f['resources']);
  const kinds = strs(r['kinds']);
  const namespaces = strs(r['namespaces']);
  const sel = selectorOf(r['namespaceSelector']);
  if (kinds.length > 0 && !podKinds(kinds)) return false;
  if (namespaces.length === 0 && sel === undefined) return kinds.length > 0 && Object.keys(r).every((k) => k === 'kinds');
  return (namespaces.length === 0 || namespaces.some((g) => globMatch(g, ns))) && (sel === undefined || matchesSelector(sel, labels));
}

/** Kyverno `match` / `exclude` block: `any` (one filter), `all` (every filter) or the legacy single `resources`. */
function kyvernoBlock(block: unknown, test: (filter: unknown) => boolean): boolean {
  const b = rec(block);
  const any = arr(b['any']);
  const all = arr(b['all']);
  if (any.length > 0) return any.some(test);
  if (all.length > 0) return all.every(test);
  return b['resources'] !== undefined && test(b);
}

const ENFORCE = /^enforce$/i;

function kyvernoPolicies(o: K8sObject): SignaturePolicy[] {
  const spec = rec(o['spec']);
  const policyAction = typeof spec['validationFailureAction'] === 'string' ? spec['validationFailureAction'] : 'Audit';
  const out: SignaturePolicy[] = [];
  arr(spec['rules']).forEach((raw, i) => {
    const rule = rec(raw);
    const verify = arr(rule['verifyImages']).map(rec);
    if (verify.length === 0) return;
    // Kyverno 1.13+: failureAction per verifyImages entry; otherwise the policy-wide action (default Audit).
    const enforcing = verify.some((v) => ENFORCE.test(typeof v['failureAction'] === 'string' ? v['failureAction'] : policyAction));
    const home = o.kind === 'Policy' ? o.metadata.namespace : undefined;
    out.push({
      ref: `${refOf(o)} rule ${typeof rule['name'] === 'string' ? rule['name'] : i}`,
      engine: 'kyverno',
      enforcing,
      covers: (ns, labels) => {
        const selected =
          (home === undefined || home === ns) &&
          kyvernoBlock(rule['match'], (f) => kyvernoMatches(f, ns, labels)) &&
          !(rule['exclude'] !== undefined && kyvernoBlock(rule['exclude'], (f) => kyvernoExcludes(f, ns, labels)));
        // Preconditions (JMESPath) and celPreconditions are evaluated per request: not guessed.
        const pre = ['preconditions', 'celPreconditions'].filter((k) => rule[k] !== undefined);
        return selected && pre.length > 0 ? { depends: `${pre.join(' and ')} decide per request` } : selected;
      },
    });
  });
  return out;
}

/** admissionregistration-style resourceRules that match pods (`pods` or `*` in the core group or `*`). */
function rulesMatchPods(rules: unknown): boolean {
  return arr(rules).some((raw) => {
    const r = rec(raw);
    const groups = strs(r['apiGroups']);
    const resources = strs(r['resources']);
    return (groups.includes('') || groups.includes('*')) && resources.some((x) => x === 'pods' || x === '*' || x === '*/*');
  });
}

function imageValidatingPolicy(o: K8sObject): SignaturePolicy {
  const spec = rec(o['spec']);
  const constraints = rec(spec['matchConstraints']);
  const sel = selectorOf(constraints['namespaceSelector']);
  const pods = rulesMatchPods(constraints['resourceRules']);
  const conditions = matchConditionsOf(spec['matchConditions']);
  return {
    ref: refOf(o),
    engine: 'kyverno',
    enforcing: strs(spec['validationActions']).includes('Deny'),
    covers: (ns, labels) => withConditions(pods && (sel === undefined || matchesSelector(sel, labels)), conditions, ns),
  };
}

/** The namespaceSelector of a webhook configuration's webhooks (the first that has one), if the configuration is in the input. */
function webhookSelector(snapshot: Snapshot, match: (name: string) => boolean): LabelSelector | undefined | null {
  const configs = [...snapshot.ofKind('ValidatingWebhookConfiguration'), ...snapshot.ofKind('MutatingWebhookConfiguration')].filter((w) => match(w.metadata.name));
  if (configs.length === 0) return null;
  for (const w of configs) {
    for (const hook of arr(w['webhooks'])) {
      const sel = selectorOf(rec(hook)['namespaceSelector']);
      if (sel) return sel;
    }
  }
  return undefined;
}

/** Connaisseur's webhook configuration: named after it (the chart's `connaisseur-webhook`) or calling its Service. */
function isConnaisseur(w: K8sObject): boolean {
  if (w.metadata.name.includes('connaisseur')) return true;
  return arr(w['webhooks']).some((h) => {
    const svc = rec(rec(rec(h)['clientConfig'])['service']);
    return typeof svc['name'] === 'string' && svc['name'].includes('connaisseur');
  });
}

/**
 * ValidatingAdmissionPolicies whose CEL looks at container images: they can pin registries or
 * digests, never verify a signature, and are named so a reader sees they were not overlooked.
 */
export function signatureLookalikes(snapshot: Snapshot): string[] {
  return snapshot
    .ofKind('ValidatingAdmissionPolicy')
    .filter((p) => arr(rec(p['spec'])['validations']).some((v) => /\bimages?\b/i.test(String(rec(v)['expression'] ?? ''))))
    .map(refOf)
    .sort();
}

/** Every image-signature policy in the snapshot. */
export function signaturePolicies(snapshot: Snapshot): SignaturePolicy[] {
  const out: SignaturePolicy[] = [];
  for (const kind of ['ClusterPolicy', 'Policy'] as const) {
    for (const o of snapshot.ofKind(kind)) if (group(o) === 'kyverno.io') out.push(...kyvernoPolicies(o));
  }
  for (const o of snapshot.ofKind('ImageValidatingPolicy')) if (group(o) === 'policies.kyverno.io') out.push(imageValidatingPolicy(o));

  const sigstoreHooks = webhookSelector(snapshot, (n) => n.includes('policy.sigstore.dev'));
  const sigstoreSel: LabelSelector = sigstoreHooks ?? { matchExpressions: [{ key: SIGSTORE_INCLUDE_LABEL, operator: 'In', values: ['true'] }] };
  for (const o of snapshot.ofKind('ClusterImagePolicy')) {
    if (group(o) !== 'policy.sigstore.dev') continue;
    const mode = rec(o['spec'])['mode'];
    out.push({ ref: refOf(o), engine: 'sigstore', enforcing: mode !== 'warn', covers: (_ns, labels) => matchesSelector(sigstoreSel, labels) });
  }

  for (const o of snapshot.ofKind('RatifyVerification')) {
    const spec = rec(o['spec']);
    const action = typeof spec['enforcementAction'] === 'string' ? spec['enforcementAction'] : 'deny';
    const m = rec(spec['match']);
    const kinds = arr(m['kinds']).flatMap((k) => strs(rec(k)['kinds']));
    const namespaces = strs(m['namespaces']);
    const excluded = strs(m['excludedNamespaces']);
    const sel = selectorOf(m['namespaceSelector']);
    out.push({
      ref: refOf(o),
      engine: 'ratify',
      enforcing: action === 'deny',
      covers: (ns, labels) =>
        (kinds.length === 0 || kinds.includes('Pod') || kinds.includes('*')) &&
        (namespaces.length === 0 || namespaces.some((g) => globMatch(g, ns))) &&
        !excluded.some((g) => globMatch(g, ns)) &&
        (sel === undefined || matchesSelector(sel, labels)),
    });
  }

  const connaisseur = [...snapshot.ofKind('MutatingWebhookConfiguration'), ...snapshot.ofKind('ValidatingWebhookConfiguration')].filter(isConnaisseur);
  for (const w of connaisseur) {
    // Only its webhooks on pods count (it also registers pod controllers; the pods they create are what runs).
    const hooks = arr(w['webhooks']).map(rec).filter((h) => rulesMatchPods(h['rules']));
    out.push({
      ref: refOf(w),
      engine: 'connaisseur',
      enforcing: hooks.length > 0 && hooks.every((h) => h['failurePolicy'] !== 'Ignore'),
      covers: (ns, labels) => {
        let depends: string | undefined;
        for (const h of hooks) {
          const sel = selectorOf(h['namespaceSelector']);
          const objectSel = selectorOf(h['objectSelector']);
          const c = withConditions(sel === undefined || matchesSelector(sel, labels), matchConditionsOf(h['matchConditions']), ns);
          const narrowed = objectSel !== undefined && (Object.keys(objectSel.matchLabels ?? {}).length > 0 || (objectSel.matchExpressions ?? []).length > 0);
          if (c === true && narrowed) depends ??= 'objectSelector: pods whose own labels do not match it are not checked';
          else if (c === true) return true;
          else if (c !== false) depends ??= c.depends;
        }
        return depends === undefined ? false : { depends };
      },
    });
  }
  return out;
}

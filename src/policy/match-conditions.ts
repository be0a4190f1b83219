/**
 * CEL matchConditions judged for one namespace, without guessing: only what reads nothing but
 * `request.namespace` is evaluated; anything that depends on the object or the user stays unknown.
 */
import type { K8sObject } from '../model/k8s.js';

/**
 * CEL (@bufbuild/cel) is a sizeable part of a plain scan's fixed memory, so it is loaded only when
 * some object in the scan has matchConditions (loadMatchConditionCel, called by rulesFor).
 */
type Cel = Pick<typeof import('./cel.js'), 'celConjuncts' | 'evalCel' | 'toCel'>;
let cel: Cel | undefined;

/** Kinds whose matchConditions Palisade judges: under `webhooks[]`, or under `spec`. */
const WEBHOOK_KINDS = new Set(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);
const SPEC_KINDS = new Set(['ImageValidatingPolicy', 'ValidatingAdmissionPolicy']);

/** Whether an object carries CEL matchConditions that a rule may judge. */
export function hasMatchConditions(o: K8sObject): boolean {
  const nonEmpty = (v: unknown): boolean => Array.isArray(v) && v.length > 0;
  if (WEBHOOK_KINDS.has(o.kind)) {
    const hooks = (o as Record<string, unknown>)['webhooks'];
    return Array.isArray(hooks) && hooks.some((h: unknown) => typeof h === 'object' && h !== null && nonEmpty((h as Record<string, unknown>)['matchConditions']));
  }
  if (!SPEC_KINDS.has(o.kind)) return false;
  const spec = (o as Record<string, unknown>)['spec'];
  return typeof spec === 'object' && spec !== null && nonEmpty((spec as Record<string, unknown>)['matchConditions']);
}

/** Loads the CEL evaluator for conditionsForNamespace (once). */
export async function loadMatchConditionCel(): Promise<void> {
  cel ??= await import('./cel.js');
}

export interface MatchCondition {
  name: string;
  expression: string;
}

/** What a webhook's matchConditions do to the namespaced requests of one namespace. */
export type ConditionVerdict =
  /** Every request there still reaches the webhook (no conditions, or all of them true for that namespace). */
  | { verdict: 'included' }
  /** No request there reaches it: condition `by` is false for every request in that namespace. */
  | { verdict: 'excluded'; by: string }
  /** It depends on more than the namespace (the object, the user...), or could not be evaluated. */
  | { verdict: 'unknown'; why: string };

const NAMESPACE_READ = 'request.namespace';

/**
 * Judges CEL matchConditions (admission webhooks, ValidatingAdmissionPolicies, Kyverno's CEL policies)
 * for requests in `namespace`. The API server calls the webhook only when every condition is true, so one condition that is false for the namespace excludes it.
 * Each condition is split at its top-level `&&`: an operand that reads nothing but
 * `request.namespace` is evaluated exactly (`request.namespace != "kube-system"`,
 * `!(request.namespace in [...])`); an operand that reads anything else (the object, userInfo, a
 * `has()` test) can make the condition false for some requests and not others, and is not guessed:
 * the verdict is then `unknown` unless a namespace-only operand already excluded the namespace.
 */
export function conditionsForNamespace(conditions: readonly MatchCondition[], namespace: string): ConditionVerdict {
  if (conditions.length === 0) return { verdict: 'included' };
  // Not reached in a scan (rulesFor loads CEL when an object has matchConditions): never guess.
  if (!cel) return { verdict: 'unknown', why: 'the CEL evaluator was not loaded' };
  const { celConjuncts, evalCel, toCel } = cel;
  const open: string[] = [];
  for (const c of conditions) {
    const split = celConjuncts(c.expression);
    if (!split.ok) {
      open.push(`${c.name} (${split.error})`);
      continue;
    }
    const request = toCel({ namespace });
    for (const part of split.parts) {
      if (!part.reads.every((r) => r === NAMESPACE_READ)) {
        open.push(`${c.name} (reads ${part.reads.filter((r) => r !== NAMESPACE_READ).join(', ')})`);
        continue;
      }
      const out = evalCel(part.run, { request });
      if (!out.ok || typeof out.value !== 'boolean') open.push(`${c.name} (${out.ok ? 'not a boolean' : out.error})`);
      else if (!out.value) return { verdict: 'excluded', by: c.name };
    }
  }
  return open.length === 0 ? { verdict: 'included' } : { verdict: 'unknown', why: [...new Set(open)].join('; ') };
}

/** `matchConditions` as written (webhook, VAP or Kyverno CEL policy spec). */
export function matchConditionsOf(v: unknown): MatchCondition[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((m: unknown, j): MatchCondition[] => {
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return [];
    const r = m as Record<string, unknown>;
    return [{ name: typeof r['name'] === 'string' ? r['name'] : `matchConditions[${j}]`, expression: typeof r['expression'] === 'string' ? r['expression'] : '' }];
  });
}

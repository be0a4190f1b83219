/** Kubernetes label selector semantics (metav1.LabelSelector), as the API server applies them. */

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

/**
 * True when `labels` satisfy `selector`. An empty selector (`{}`) matches everything;
 * a missing selector (`undefined`) matches nothing, as in NetworkPolicy peers.
 */
export function matchesSelector(selector: LabelSelector | undefined | null, labels: Labels): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (l[k] !== v) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    if (!matchesRequirement(req, l)) return false;
  }
  return true;
}

function matchesRequirement(req: LabelSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return has && (req.values ?? []).includes(value as string);
    case 'NotIn':
      return !has || !(req.values ?? []).includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An unknown operator is rejected by the API server; treat it as matching nothing.
      return false;
  }
}

/** A selector that matches everything (`{}`). */
export function isEmptySelector(selector: LabelSelector | undefined | null): boolean {
  return (
    !!selector &&
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}

/** Equality-based selector (`Service.spec.selector`, ReplicationController): map form. */
export function matchesMapSelector(selector: Record<string, string> | undefined, labels: Labels): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return matchesSelector({ matchLabels: selector }, labels);
}

/**
 * Namespace selection (`--namespace`, `--exclude-namespace`, config `namespaces`): which targets a
 * scan evaluates. Objects outside the selection stay in the snapshot as context (a binding's
 * ClusterRole, another namespace's NetworkPolicy) but get no results; cluster-scoped objects and
 * the Cluster target are always evaluated; a Tenant is evaluated when one of its namespaces is.
 */
import type { PalisadeConfig } from '../config/types.js';
import type { K8sObject } from '../model/k8s.js';
import { globMatch } from './glob.js';
import { CLUSTER_KIND, TENANT_KIND } from './rule.js';

export interface NamespaceSelection {
  /** Only these namespaces (exact names); empty = all. */
  include: string[];
  /** Not these namespaces (names or globs, e.g. `kube-*`). */
  exclude: string[];
}

export function hasSelection(s: NamespaceSelection | undefined): s is NamespaceSelection {
  return s !== undefined && (s.include.length > 0 || s.exclude.length > 0);
}

/** Is this namespace selected? */
export function namespaceSelected(s: NamespaceSelection, ns: string): boolean {
  if (s.include.length > 0 && !s.include.includes(ns)) return false;
  return !s.exclude.some((g) => globMatch(g, ns));
}

/** The namespace a target belongs to: its own namespace, or its name for a Namespace. */
function namespaceOfTarget(target: K8sObject): string | undefined {
  return target.kind === 'Namespace' ? target.metadata.name : target.metadata.namespace;
}

/** A predicate over targets for the config's selection (always true without one). */
export function targetFilter(config: PalisadeConfig): (target: K8sObject) => boolean {
  const s = config.namespaces;
  if (!hasSelection(s)) return () => true;
  return (target) => {
    if (target.kind === CLUSTER_KIND) return true;
    if (target.kind === TENANT_KIND) {
      const namespaces = (target.spec as { namespaces?: string[] } | undefined)?.namespaces ?? [];
      return namespaces.some((ns) => namespaceSelected(s, ns));
    }
    const ns = namespaceOfTarget(target);
    return ns === undefined || namespaceSelected(s, ns);
  };
}

/** The namespaces of the inventory a selection leaves out, sorted (for the report and stderr). */
export function excludedNamespaces(objects: readonly K8sObject[], config: PalisadeConfig): string[] {
  const s = config.namespaces;
  if (!hasSelection(s)) return [];
  const all = new Set<string>();
  for (const o of objects) {
    const ns = namespaceOfTarget(o);
    if (ns !== undefined) all.add(ns);
  }
  return [...all].filter((ns) => !namespaceSelected(s, ns)).sort();
}

/**
 * Namespace selection (`--namespace`, `--exclude-namespace`, config `namespaces`): which targets a
 * scan evaluates. Objects outside the selection stay in the snapshot as context (a binding's
 * ClusterRole, another namespace's NetworkPolicy) but get no results; cluster-scoped objects and
 * the Cluster target are always evaluated; a Tenant is evaluated when one of its namespaces is.
 *
 * The skip label (config `skip.labels`, default `palisade.dev/skip: "true"`) works the same way: an
 * object carrying it gets no results, and a Namespace carrying it takes all its objects with it;
 * both stay in the snapshot, so network reachability, RBAC and tenant analyses still see them.
 */
import type { PalisadeConfig, SkipConfig } from '../config/types.js';
import { objectRef, type K8sObject, type ObjectRef } from '../model/k8s.js';
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

/** Does the object carry the skip labels? (An empty set of labels skips nothing.) */
export function carriesSkipLabel(skip: SkipConfig | undefined, obj: K8sObject): boolean {
  const want = Object.entries(skip?.labels ?? {});
  if (want.length === 0) return false;
  const labels = obj.metadata.labels ?? {};
  return want.every(([k, v]) => labels[k] === v);
}

/** Names of the Namespace objects that carry the skip labels. */
export function skippedNamespaceNames(objects: Iterable<K8sObject>, config: PalisadeConfig): Set<string> {
  const out = new Set<string>();
  for (const o of objects) if (o.kind === 'Namespace' && carriesSkipLabel(config.skip, o)) out.add(o.metadata.name);
  return out;
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

/**
 * A predicate over targets for the config's selection and skip labels (always true without
 * either). `objects`: the inventory, whose Namespaces' labels say which namespaces are skipped.
 */
export function targetFilter(config: PalisadeConfig, objects: Iterable<K8sObject> = []): (target: K8sObject) => boolean {
  const s = config.namespaces;
  const skippedNs = skippedNamespaceNames(objects, config);
  const selected = hasSelection(s) || skippedNs.size > 0 ? (ns: string): boolean => !skippedNs.has(ns) && (!hasSelection(s) || namespaceSelected(s, ns)) : undefined;
  const skipping = Object.keys(config.skip?.labels ?? {}).length > 0;
  if (!selected && !skipping) return () => true;
  return (target) => {
    if (target.kind === CLUSTER_KIND) return true;
    if (target.kind === TENANT_KIND) {
      const namespaces = (target.spec as { namespaces?: string[] } | undefined)?.namespaces ?? [];
      return !selected || namespaces.some(selected);
    }
    if (carriesSkipLabel(config.skip, target)) return false;
    const ns = namespaceOfTarget(target);
    return ns === undefined || !selected || selected(ns);
  };
}

/** What the skip labels left out: skipped Namespaces, and objects skipped by their own label outside them (sorted). */
export function skippedByLabel(objects: readonly K8sObject[], config: PalisadeConfig): { namespaces: string[]; objects: ObjectRef[] } {
  const namespaces = skippedNamespaceNames(objects, config);
  const refs: ObjectRef[] = [];
  for (const o of objects) {
    if (o.kind === 'Namespace' || !carriesSkipLabel(config.skip, o)) continue;
    if (o.metadata.namespace !== undefined && namespaces.has(o.metadata.namespace)) continue;
    refs.push(objectRef(o));
  }
  const key = (r: ObjectRef): string => `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;
  refs.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { namespaces: [...namespaces].sort(), objects: refs };
}

/** The namespaces of the inventory a selection or the skip label leaves out, sorted (for the report and stderr). */
export function excludedNamespaces(objects: readonly K8sObject[], config: PalisadeConfig): string[] {
  const s = config.namespaces;
  const skipped = skippedNamespaceNames(objects, config);
  if (!hasSelection(s) && skipped.size === 0) return [];
  const all = new Set<string>();
  for (const o of objects) {
    const ns = namespaceOfTarget(o);
    if (ns !== undefined) all.add(ns);
  }
  return [...all].filter((ns) => skipped.has(ns) || (hasSelection(s) && !namespaceSelected(s, ns))).sort();
}

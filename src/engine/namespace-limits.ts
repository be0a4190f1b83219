/**
 * Live `--namespace` scans list some kinds only in the selected namespaces (src/inventory/live.ts):
 *
 * - **namespace-only kinds** are listed per selected namespace by design: every rule that reads
 *   them (targets or `requires`) is marked `context: 'namespace'` (reads only its target's own
 *   namespace), and no analysis reads them across namespaces (CROSS_NAMESPACE_READS);
 * - other namespaced kinds are listed cluster-wide; when that LIST is refused (403) the live source
 *   lists each selected namespace instead and records a `forbidden` limit.
 *
 * Either way objects of other namespaces are missing, so a rule that may read them cannot be judged:
 * `withNamespaceLimits` turns every rule not marked `context: 'namespace'` that may read a limited
 * kind into one that reports `unknown` (never `pass`) on each of its targets.
 */
import type { NamespaceLimit, Snapshot } from '../inventory/snapshot.js';
import { CLUSTER_SCOPED_KINDS } from '../model/k8s.js';
import type { PalisadeConfig } from '../config/types.js';
import { WORKLOAD_KINDS } from './workloads.js';
import { globMatch } from './glob.js';
import type { Rule } from './rule.js';

/**
 * Namespaced kinds read across namespaces outside any rule's `targets`/`requires` (analyses and
 * helpers): kube-system static pods and ConfigMaps (control-plane flags, versions), the network
 * model (every pod and pod template), the RBAC and tenant models (ServiceAccounts, the four RBAC
 * kinds), kube-proxy and CNI DaemonSets, mesh and image-signature controllers (Deployments,
 * PeerAuthentications, Kyverno Policies). These are never namespace-only, and a rule not marked
 * `context: 'namespace'` is taken to read all of them.
 */
export const CROSS_NAMESPACE_READS: readonly string[] = [
  ...WORKLOAD_KINDS,
  'ConfigMap',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'NetworkPolicy',
  'PeerAuthentication',
  'Policy',
];

/** The kinds a rule is taken to read: its targets and requires, and for unmarked rules CROSS_NAMESPACE_READS too. */
export function kindsRead(rule: Rule): string[] {
  const declared = [...rule.meta.targets, ...(rule.meta.requires ?? [])];
  return rule.meta.context === 'namespace' ? declared : [...new Set([...declared, ...CROSS_NAMESPACE_READS])];
}

/**
 * The namespaced kinds (of `kinds`) a `--namespace` live scan lists only in the selected
 * namespaces: some rule reads them, and every rule that does is marked `context: 'namespace'`.
 * A kind no rule reads stays cluster-wide (it is listed for reports and counts, not judged).
 */
export function namespaceOnlyKinds(rules: readonly Rule[], kinds: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const kind of kinds) {
    if (CLUSTER_SCOPED_KINDS.has(kind) || CROSS_NAMESPACE_READS.includes(kind)) continue;
    const readers = rules.filter((r) => r.meta.targets.includes(kind) || (r.meta.requires ?? []).includes(kind));
    if (readers.length > 0 && readers.every((r) => r.meta.context === 'namespace')) out.add(kind);
  }
  return out;
}

const GLOB = /[*?[\]{}]/;

/**
 * The namespaces a live scan may list per namespace: the selection's `include` names, when every one
 * is a literal name (a glob can only be matched after a cluster-wide list). Undefined = list
 * cluster-wide as without a selection.
 */
export function listableNamespaces(config: Pick<PalisadeConfig, 'namespaces'>): string[] | undefined {
  const include = config.namespaces?.include ?? [];
  if (include.length === 0 || include.some((n) => GLOB.test(n))) return undefined;
  const exclude = config.namespaces?.exclude ?? [];
  return [...new Set(include)].filter((n) => !exclude.some((g) => globMatch(g, n))).sort();
}

/** "listed only in namespaces a, b: Pod (cluster-wide LIST forbidden), ResourceQuota" — one line per namespace set. */
export function describeLimits(limits: readonly NamespaceLimit[]): string[] {
  const byNamespaces = new Map<string, string[]>();
  for (const l of limits) {
    const key = l.namespaces.join(', ');
    const list = byNamespaces.get(key) ?? [];
    list.push(l.reason === 'forbidden' ? `${l.kind} (cluster-wide LIST forbidden)` : l.kind);
    byNamespaces.set(key, list);
  }
  return [...byNamespaces].map(([ns, kinds]) => `listed only in namespace${ns.includes(',') ? 's' : ''} ${ns || '(none)'}: ${kinds.join(', ')}`);
}

/**
 * The rules with the snapshot's namespace limits applied: a rule not marked `context: 'namespace'`
 * that may read a limited kind reports `unknown` on every target, saying which kinds were listed
 * only per namespace. Rules unaffected are returned as they are (same objects).
 */
export function withNamespaceLimits(rules: readonly Rule[], snapshot: Pick<Snapshot, 'namespaceLimits' | 'cluster'>): readonly Rule[] {
  const limits = snapshot.namespaceLimits;
  if (limits.length === 0) return rules;
  const limited = new Map(limits.map((l) => [l.kind, l]));
  // versions/* rules judge against the control-plane version: live, /version; without it, the
  // kube-system apiserver Pod or kubeadm ConfigMap, which a per-namespace list may have missed.
  const versionSources = snapshot.cluster.version ? [] : limits.filter((l) => (l.kind === 'Pod' || l.kind === 'ConfigMap') && !l.namespaces.includes('kube-system'));
  return rules.map((rule) => {
    if (rule.meta.context === 'namespace' && versionSources.length > 0 && rule.meta.id.startsWith('versions/')) {
      const message = `Not evaluated: the API server did not report its version, and ${describeLimits(versionSources).join('; ')} (the control-plane version is read from kube-system)`;
      return { meta: rule.meta, check: (ctx) => ctx.unknown(message) } satisfies Rule;
    }
    if (rule.meta.context === 'namespace') return rule;
    const hit = kindsRead(rule)
      .map((k) => limited.get(k))
      .filter((l) => l !== undefined);
    if (hit.length === 0) return rule;
    const message = `Not evaluated: this rule reads objects across namespaces, and ${describeLimits(hit).join('; ')}`;
    return { meta: rule.meta, check: (ctx) => ctx.unknown(message) } satisfies Rule;
  });
}

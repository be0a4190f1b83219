/**
 * RBAC access condensed for a reader: each `verb resource` right falls in one class (read,
 * write, escalate, exec), and a subject with the same rights in several namespaces is one line.
 * The full list of rights and the bindings that grant them stay available behind a <details>.
 */
import type { AccessEntryReport } from '../../scoring/tenants.js';

export const VERB_CLASSES = ['read', 'write', 'escalate', 'exec'] as const;
export type VerbClass = (typeof VERB_CLASSES)[number];

const READ_VERBS = new Set(['get', 'list', 'watch']);
/** Subresources that run code in, or open a channel into, a running pod or node. */
const EXEC_RESOURCES = new Set(['pods/exec', 'pods/attach', 'pods/portforward', 'nodes/proxy', 'pods/proxy', 'services/proxy']);
/** Verbs that grant rights beyond the holder's own (RBAC escalation, impersonation, CSR approval). */
const ESCALATE_VERBS = new Set(['escalate', 'bind', 'impersonate', 'approve', 'sign']);
/** Resources whose change grants rights or identities. */
const ESCALATE_RESOURCES = new Set([
  'roles',
  'clusterroles',
  'rolebindings',
  'clusterrolebindings',
  'serviceaccounts/token',
  'certificatesigningrequests/approval',
  'mutatingwebhookconfigurations',
  'validatingwebhookconfigurations',
]);

/**
 * The class of one right, written as in `accessibleBy[].verbs` (`get secrets`, `create pods/exec`,
 * `bind clusterroles`, `*`). Exec beats escalate beats write; an unknown verb is a change (write),
 * never read.
 */
export function verbClass(right: string): VerbClass[] {
  const [verb = '', resource = ''] = right.trim().split(/\s+/, 2);
  if (verb === '*') return [...VERB_CLASSES];
  if (resource === '*' && !READ_VERBS.has(verb)) return ['write', 'escalate', 'exec'];
  if (EXEC_RESOURCES.has(resource)) return ['exec'];
  if (ESCALATE_VERBS.has(verb)) return ['escalate'];
  if (READ_VERBS.has(verb)) return ['read'];
  if (ESCALATE_RESOURCES.has(resource)) return ['escalate'];
  return ['write'];
}

/** The classes a set of rights covers, in VERB_CLASSES order. */
export function verbClasses(rights: readonly string[]): VerbClass[] {
  const found = new Set(rights.flatMap(verbClass));
  return VERB_CLASSES.filter((c) => found.has(c));
}

/** Whether the rights read Secrets (read on secrets or on every resource): named beside the read class. */
export function readsSecrets(rights: readonly string[]): boolean {
  return rights.some((r) => {
    const [verb = '', resource = ''] = r.trim().split(/\s+/, 2);
    return (verb === '*' || READ_VERBS.has(verb)) && (resource === 'secrets' || resource === '*');
  });
}

export interface AccessLine {
  subject: string;
  /** The subject's tenant as in accessibleBy (`*` every tenant, `none` platform identity). */
  tenant: string;
  namespaces: string[];
  classes: VerbClass[];
  secrets: boolean;
  /** Every right, as listed in the entries (first appearance order). */
  rights: string[];
  /** Every binding path, deduplicated. */
  via: string[];
}

/** One line per subject and identical set of rights; its namespaces in order of first appearance. Lines by subject, then namespaces. */
export function condenseAccess(entries: readonly AccessEntryReport[]): AccessLine[] {
  const lines = new Map<string, AccessLine>();
  for (const e of entries) {
    const key = `${e.subject}\u0000${e.tenant}\u0000${[...e.verbs].sort().join('\u0001')}`;
    const line = lines.get(key);
    if (!line) {
      lines.set(key, {
        subject: e.subject,
        tenant: e.tenant,
        namespaces: [e.namespace],
        classes: verbClasses(e.verbs),
        secrets: readsSecrets(e.verbs),
        rights: [...e.verbs],
        via: [...new Set(e.via)],
      });
      continue;
    }
    if (!line.namespaces.includes(e.namespace)) line.namespaces.push(e.namespace);
    for (const v of e.via) if (!line.via.includes(v)) line.via.push(v);
  }
  return [...lines.values()].sort((a, b) => a.subject.localeCompare(b.subject) || a.namespaces.join(',').localeCompare(b.namespaces.join(',')));
}

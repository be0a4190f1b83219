/**
 * A snapshot of the kinds listed so far, for rules that run while a live listing goes on
 * (src/engine/early.ts). A kind is either complete in it or not readable at all: a read of a kind
 * still being listed throws `NotYetListed` instead of answering from half a list, and the rule is
 * then evaluated after the listing like any other. Rules need not declare what they read; the view
 * finds out. Reads it cannot vouch for (every object, owners by UID that are not there yet) throw as
 * well. One read is answered on an assumption, checked against the full snapshot afterwards: the
 * namespace names once Namespaces are listed (objects of the kinds still being listed live in
 * namespaces that exist, unless one was created meanwhile).
 */
import type { K8sObject } from '../model/k8s.js';
import type { Snapshot } from '../inventory/snapshot.js';

/** Thrown by a partial view when a rule reads something the listing has not finished. */
export class NotYetListed extends Error {
  constructor(readonly what: string) {
    super(`not listed yet: ${what}`);
    this.name = 'NotYetListed';
  }
}

/** An answer the view gave on an assumption about the kinds still being listed, to check once they are. */
export interface Assumption {
  what: string;
  holds(full: Snapshot): boolean;
}

/** Properties that do not depend on which kinds were listed. */
const STABLE_PROPERTIES: ReadonlySet<PropertyKey> = new Set(['source', 'mode', 'cluster', 'takenAt', 'releaseData', 'skipped', 'namespaceLimits', 'locationOf', 'constructor']);

/**
 * `snapshot` (holding only complete kinds) seen as the full inventory will be, for the reads that
 * touch complete kinds only. `incomplete`: kinds whose listing has not finished (or that are read
 * after the listing, such as kubelet configuration).
 */
export function partialView(snapshot: Snapshot, incomplete: ReadonlySet<string>, assumed: Assumption[] = []): Snapshot {
  const kind = (k: string): void => {
    if (incomplete.has(k)) throw new NotYetListed(k);
  };
  const methods: Partial<Record<keyof Snapshot, unknown>> = {
    ofKind: (k: string) => (kind(k), snapshot.ofKind(k)),
    inNamespace: (ns: string, k?: string) => {
      if (k === undefined) throw new NotYetListed(`every kind in namespace ${ns}`);
      kind(k);
      return snapshot.inNamespace(ns, k);
    },
    get: (k: string, name: string, ns?: string) => (kind(k), snapshot.get(k, name, ns)),
    namespace: (name: string) => (kind('Namespace'), snapshot.namespace(name)),
    byUid: (uid: string) => {
      const found = snapshot.byUid(uid);
      if (found === undefined) throw new NotYetListed(`the object with uid ${uid}`);
      return found;
    },
    controllerOf: (obj: K8sObject) => {
      const refs = obj.metadata.ownerReferences ?? [];
      const ref = refs.find((r) => r.controller) ?? refs[0];
      if (!ref) return undefined;
      kind(ref.kind);
      const owner = snapshot.controllerOf(obj);
      // An owner looked up by UID may be of any kind: not found yet is not "not there".
      if (owner === undefined && ref.uid) throw new NotYetListed(`the owner ${ref.kind}/${ref.name}`);
      return owner;
    },
    select: (k: string, selector: Parameters<Snapshot['select']>[1], ns?: string) => (kind(k), snapshot.select(k, selector, ns)),
    gapFor: (k: string) => (kind(k), snapshot.gapFor(k)),
    namespaceNames: () => {
      kind('Namespace');
      const names = snapshot.namespaceNames();
      const expected = names.join('\u0000');
      assumed.push({ what: 'namespace names', holds: (full) => full.namespaceNames().join('\u0000') === expected });
      return names;
    },
  };
  return new Proxy(snapshot, {
    get(target, prop, receiver) {
      if (Object.prototype.hasOwnProperty.call(methods, prop)) return methods[prop as keyof Snapshot];
      if (STABLE_PROPERTIES.has(prop)) {
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      // objects, errors, gaps, listedKinds, ownedBy, withScanInputs and anything added later.
      throw new NotYetListed(`snapshot.${String(prop)}`);
    },
  });
}

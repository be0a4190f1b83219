/**
 * Records which fields of Kubernetes objects code reads: each object is wrapped in a Proxy that
 * notes every property read (`get`), presence test (`has`) and enumeration (`ownKeys`, as in
 * Object.keys / entries / spread / JSON.stringify) as a path per kind, with array indexes written
 * `[]`. Used to check the live projection (src/inventory/projection.ts) against what rules touch.
 */
import { isRecord, type K8sObject } from '../../src/model/k8s.js';

/** `Kind` → paths such as `spec.containers[].image`; an enumerated path ends in `.*`. */
export type AccessLog = Map<string, Set<string>>;

function note(log: AccessLog, kind: string, path: string): void {
  let set = log.get(kind);
  if (!set) log.set(kind, (set = new Set()));
  set.add(path);
}

function wrap(value: unknown, kind: string, path: string, log: AccessLog, cache: WeakMap<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const hit = cache.get(value);
  if (hit) return hit;
  const isArray = Array.isArray(value);
  const child = (key: string): string => (isArray ? `${path}[]` : path === '' ? key : `${path}.${key}`);
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (typeof key === 'symbol' || (isArray && (key === 'length' || typeof v === 'function'))) return v;
      if (!isArray && typeof v === 'function' && !Object.prototype.hasOwnProperty.call(target, key)) return v;
      if (isArray && !/^\d+$/.test(key)) return v;
      note(log, kind, child(key));
      return wrap(v, kind, child(key), log, cache);
    },
    has(target, key) {
      if (typeof key === 'string') note(log, kind, child(key));
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      if (!isArray) note(log, kind, path === '' ? '*' : `${path}.*`);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  cache.set(value, proxy);
  return proxy;
}

/** Wraps objects so reads are recorded in `log`; the wrapped objects behave like the originals. */
export function recordAccess(objects: readonly K8sObject[], log: AccessLog): K8sObject[] {
  const cache = new WeakMap<object, unknown>();
  return objects.map((o) => (isRecord(o) ? (wrap(o, o.kind, '', log, cache) as K8sObject) : o));
}

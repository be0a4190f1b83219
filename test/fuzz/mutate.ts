/**
 * Type mutations of Kubernetes objects, the way hand-written YAML goes wrong: an unquoted number
 * where a string belongs (`namespace: 2024`), a scalar where a list belongs (`apiGroups: ""`,
 * `ports: 1`), a `null` list item, a map where a scalar belongs. Shared by the bounded property
 * test (test/unit/fuzz.test.ts) and the long run (test/fuzz/run.ts).
 */
import { isRecord, type K8sObject } from '../../src/model/k8s.js';

export type Path = readonly (string | number)[];

export const MUTATIONS = [
  'number',
  'string',
  'empty-string',
  'boolean',
  'null',
  'empty-list',
  'empty-map',
  'wrap-in-list',
  'unwrap-list',
  'null-item',
  'number-item',
  'string-of-number',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Every path inside an object (maps and lists, leaves included), in document order. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i], ...pathsOf(v, [...prefix, i]));
    });
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...pathsOf(v, [...prefix, k]));
  }
  return out;
}

function replacement(current: unknown, m: Mutation): unknown {
  switch (m) {
    case 'number':
      return 2024;
    case 'string':
      return 'x';
    case 'empty-string':
      return '';
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'empty-list':
      return [];
    case 'empty-map':
      return {};
    case 'wrap-in-list':
      return [current];
    case 'unwrap-list':
      return Array.isArray(current) ? (current[0] ?? '') : current;
    case 'null-item':
      return Array.isArray(current) ? [...current, null] : [null];
    case 'number-item':
      return Array.isArray(current) ? [...current, 1001] : [1001];
    case 'string-of-number':
      return typeof current === 'string' && /^\d+$/.test(current) ? Number(current) : typeof current === 'number' ? String(current) : 1001;
  }
}

/** A deep copy of `obj` with the value at `path` replaced according to `m`. */
export function mutate(obj: K8sObject, path: Path, m: Mutation): K8sObject {
  const copy = structuredClone(obj);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const last = path[path.length - 1]!;
  const holder = parent as Record<string | number, unknown>;
  holder[last] = replacement(holder[last], m);
  return copy;
}

/** `spec.template.spec.containers[0].ports` */
export function pathString(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

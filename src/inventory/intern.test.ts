import { describe, expect, it } from 'vitest';
import { Interner } from './intern.js';

const pod = (name: string, uid: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'a', uid, labels: { app: 'web', tier: 'front' } },
  spec: { containers: [{ name: 'web', image: 'registry.example/web:1.2.3', ports: [{ containerPort: 8080 }] }], tolerations: [{ key: 'k', operator: 'Exists' }] },
  status: { podIP: '10.0.0.1' },
});

describe('Interner', () => {
  it('shares equal sub-trees and strings between objects, and freezes what it shares', () => {
    const i = new Interner();
    const a = i.object(pod('web-1', 'uid-1'));
    const b = i.object(pod('web-2', 'uid-2'));
    expect(a.spec).toBe(b.spec);
    expect(a.metadata.labels).toBe(b.metadata.labels);
    expect(Object.isFrozen(a.spec)).toBe(true);
    expect(() => {
      (a.spec.containers[0] as { image: string }).image = 'evil';
    }).toThrow(TypeError);
    expect(b.spec.containers[0]!.image).toBe('registry.example/web:1.2.3');
  });

  it('keeps the root and its metadata per object, and never shares a sub-tree holding a unique field', () => {
    const i = new Interner();
    const a = i.object(pod('web-1', 'uid-1'));
    const b = i.object(pod('web-1', 'uid-1'));
    expect(a).not.toBe(b);
    expect(a.metadata).not.toBe(b.metadata);
    const owner = (uid: string) => ({ kind: 'Pod', metadata: { name: 'x', ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', uid }] } });
    const o1 = i.object(owner('u-1'));
    const o2 = i.object(owner('u-1'));
    expect(o1.metadata.ownerReferences).not.toBe(o2.metadata.ownerReferences);
    expect(Object.isFrozen(o1.metadata.ownerReferences)).toBe(false);
  });

  it('copies values exactly: a number, a string and a boolean that print alike stay distinct', () => {
    const i = new Interner();
    const x = i.object({ kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1', b: 'true' }, spec: { a: 1, b: true, c: null, d: [] as unknown[], e: {} } });
    const y = i.object({ kind: 'ConfigMap', metadata: { name: 'y' }, data: { a: 1, b: true }, spec: { a: '1', b: 'true', c: null, d: {}, e: [] as unknown[] } });
    expect(x.data).toEqual({ a: '1', b: 'true' });
    expect(y.data).toEqual({ a: 1, b: true });
    expect(x.spec).toEqual({ a: 1, b: true, c: null, d: [], e: {} });
    expect(y.spec).toEqual({ a: '1', b: 'true', c: null, d: {}, e: [] });
    // Same field names and values in another order are different objects (key order is kept).
    const p = i.object({ kind: 'K', metadata: { name: 'p' }, spec: { a: 'x', b: 'y' } });
    const q = i.object({ kind: 'K', metadata: { name: 'q' }, spec: { b: 'y', a: 'x' } });
    expect(Object.keys(q.spec)).toEqual(['b', 'a']);
    expect(p.spec).not.toBe(q.spec);
  });

  it('counts distinct strings and sub-trees', () => {
    const i = new Interner();
    i.object(pod('web-1', 'uid-1'));
    const first = i.size;
    i.object(pod('web-2', 'uid-2'));
    expect(i.size.nodes).toBe(first.nodes);
    expect(i.size.strings).toBe(first.strings + 1); // the new name; the uid is never tabled
  });

  it('never merges different sub-trees whose hashes collide (they are compared, not trusted)', () => {
    const i = new Interner();
    const made: { a: number; b: number }[] = [];
    for (let a = 0; a < 500; a++) for (let b = 0; b < 500; b++) made.push(i.object({ kind: 'K', metadata: { name: 'x' }, spec: { a, b } }).spec);
    // 250,000 distinct sub-trees in a 32-bit hash space: a few collide (the test would prove nothing otherwise).
    expect(i.size.collisions).toBeGreaterThan(0);
    expect(i.size.nodes).toBe(250_000);
    let k = 0;
    for (let a = 0; a < 500; a++) for (let b = 0; b < 500; b++, k++) expect(made[k]).toEqual({ a, b });
    // And equal ones are still shared after a collision.
    expect(i.object({ kind: 'K', metadata: { name: 'y' }, spec: { a: 7, b: 9 } }).spec).toBe(made[7 * 500 + 9]);
  });

  it('adopt: interns a tree it may reuse in place, with the same result as a copy, sharing with copies', () => {
    const i = new Interner();
    const copied = i.object(pod('web-1', 'uid-1'));
    const given = JSON.parse(JSON.stringify(pod('web-2', 'uid-2'))) as ReturnType<typeof pod>;
    const givenMeta = given.metadata;
    const adopted = i.adopt(given);
    expect(adopted).toBe(given);
    expect(adopted.metadata).toBe(givenMeta);
    expect(adopted.spec).toBe(copied.spec);
    expect(adopted.metadata.labels).toBe(copied.metadata.labels);
    expect(adopted).toEqual(pod('web-2', 'uid-2'));
    // A sub-tree seen first through adopt is kept as given (frozen) and shared by later copies.
    const fresh = JSON.parse(JSON.stringify({ ...pod('x', 'u-x'), spec: { containers: [{ name: 'db', image: 'db:1' }] } })) as { spec: unknown };
    const freshSpec = fresh.spec;
    const a = i.adopt(fresh);
    expect(a.spec).toBe(freshSpec);
    expect(Object.isFrozen(freshSpec)).toBe(true);
    expect(i.object({ ...pod('y', 'u-y'), spec: { containers: [{ name: 'db', image: 'db:1' }] } }).spec).toBe(freshSpec);
    // object() still copies: its input is left as it was.
    const input = pod('web-3', 'uid-3');
    const inputSpec = input.spec;
    i.object(input);
    expect(input.spec).toBe(inputSpec);
    expect(Object.isFrozen(inputSpec)).toBe(false);
  });

  it('keeps a key named __proto__ an own field (copied or adopted), never the prototype', () => {
    const text = '{"kind":"X","metadata":{"name":"a","__proto__":{"n":1}},"spec":{"__proto__":{"runAsNonRoot":true},"y":[{"__proto__":{"z":2}}]}}';
    for (const intern of [(i: Interner, o: object) => i.object(o), (i: Interner, o: object) => i.adopt(o)]) {
      const o = intern(new Interner(), JSON.parse(text) as object) as { metadata: Record<string, unknown>; spec: Record<string, unknown> & { y: Record<string, unknown>[] } };
      for (const rec of [o.metadata, o.spec, o.spec.y[0]!]) {
        expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
        expect(Object.keys(rec)).toContain('__proto__');
      }
      expect(o.spec['runAsNonRoot']).toBeUndefined();
      expect(JSON.stringify(o)).toBe(text);
    }
  });
});


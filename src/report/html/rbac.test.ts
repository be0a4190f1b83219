import { describe, expect, it } from 'vitest';
import { condenseAccess, readsSecrets, verbClass, verbClasses } from './rbac.js';

describe('RBAC verb classes', () => {
  it('puts each right in read, write, escalate or exec', () => {
    expect(verbClass('get secrets')).toEqual(['read']);
    expect(verbClass('watch pods')).toEqual(['read']);
    expect(verbClass('create deployments')).toEqual(['write']);
    expect(verbClass('delete pods')).toEqual(['write']);
    expect(verbClass('create pods/exec')).toEqual(['exec']);
    expect(verbClass('get pods/exec')).toEqual(['exec']);
    expect(verbClass('create pods/portforward')).toEqual(['exec']);
    expect(verbClass('get nodes/proxy')).toEqual(['exec']);
    expect(verbClass('escalate roles')).toEqual(['escalate']);
    expect(verbClass('bind clusterroles')).toEqual(['escalate']);
    expect(verbClass('impersonate users')).toEqual(['escalate']);
    expect(verbClass('create rolebindings')).toEqual(['escalate']);
    expect(verbClass('create serviceaccounts/token')).toEqual(['escalate']);
    expect(verbClass('*')).toEqual(['read', 'write', 'escalate', 'exec']);
    expect(verbClass('* pods')).toEqual(['read', 'write', 'escalate', 'exec']);
    expect(verbClass('create *')).toEqual(['write', 'escalate', 'exec']);
    // an unknown verb changes something: never read
    expect(verbClass('frobnicate widgets')).toEqual(['write']);
  });

  it('lists the classes of a set of rights in a fixed order and notes Secret reads', () => {
    expect(verbClasses(['create pods/exec', 'get pods', 'bind roles'])).toEqual(['read', 'escalate', 'exec']);
    expect(verbClasses([])).toEqual([]);
    expect(readsSecrets(['get secrets'])).toBe(true);
    expect(readsSecrets(['list *'])).toBe(true);
    expect(readsSecrets(['create secrets', 'get pods'])).toBe(false);
  });
});

describe('condensed access lines', () => {
  it('is one line per subject and identical rights, with its namespaces and every binding path once', () => {
    const lines = condenseAccess([
      { subject: 'User dave', tenant: 'none', namespace: 'a', verbs: ['get pods', 'create pods/exec'], via: ['CRB/x'] },
      { subject: 'Group ops', tenant: 'none', namespace: 'a', verbs: ['get pods'], via: ['CRB/y'] },
      { subject: 'User dave', tenant: 'none', namespace: 'b', verbs: ['create pods/exec', 'get pods'], via: ['CRB/x', 'RB/b/z'] },
      { subject: 'User dave', tenant: 'none', namespace: 'c', verbs: ['get pods'], via: ['RB/c/r'] },
    ]);
    expect(lines.map((l) => [l.subject, l.namespaces, l.classes, l.via])).toEqual([
      ['Group ops', ['a'], ['read'], ['CRB/y']],
      ['User dave', ['a', 'b'], ['read', 'exec'], ['CRB/x', 'RB/b/z']],
      ['User dave', ['c'], ['read'], ['RB/c/r']],
    ]);
    expect(lines[1]?.rights).toEqual(['get pods', 'create pods/exec']);
  });
});

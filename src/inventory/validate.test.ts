import { describe, expect, it } from 'vitest';
import { parseManifestText, type LoadedObjects } from './files.js';
import { Snapshot } from './snapshot.js';
import { fieldPath, validateObject } from './validate.js';

const empty = (): LoadedObjects => ({ objects: [], locations: new Map(), errors: [], warnings: [], files: [] });

function problemsOf(value: unknown): string[] {
  const out = validateObject(value);
  return out.ok ? [] : out.problems.map((p) => `${p.path} ${p.message}`);
}

const ns = (metadata: Record<string, unknown>): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', ...metadata } });

describe('object shape validation', () => {
  it('the realistic typos of unquoted YAML are errors naming the field and the type', () => {
    expect(problemsOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 2024 } })).toEqual(['metadata.namespace must be a string (got number 2024)']);
    expect(problemsOf(ns({ labels: { 'palisade.dev/tenant': 2024 } }))).toEqual(['metadata.labels["palisade.dev/tenant"] must be a string (got number 2024)']);
    const binding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'a' } };
    expect(problemsOf({ ...binding, subjects: [{ kind: 'User', name: 1001 }] })).toEqual(['subjects[0].name must be a string (got number 1001)']);
    expect(problemsOf({ ...binding, kind: 'Role', rules: [{ apiGroups: '', verbs: ['get'] }] })).toEqual(['rules[0].apiGroups must be a list (got string "")']);
    expect(problemsOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'a' }, spec: { ports: 1 } })).toEqual(['spec.ports must be a list (got number 1)']);
    expect(problemsOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a' }, spec: { containers: [{ name: 'c' }, null] } })).toEqual([
      'spec.containers[1] must be a map (got null)',
    ]);
  });

  it('checks owner references, selectors, ports and pod templates of every workload kind', () => {
    expect(problemsOf(ns({ ownerReferences: [{ kind: 'X', name: 'y', uid: 7 }] }))).toEqual(['metadata.ownerReferences[0].uid must be a string (got number 7)']);
    const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n', namespace: 'a' } };
    expect(problemsOf({ ...np, spec: { podSelector: { matchLabels: { app: true } } } })).toEqual(['spec.podSelector.matchLabels.app must be a string (got boolean true)']);
    expect(problemsOf({ ...np, spec: { ingress: [{ ports: [{ port: true }] }] } })).toEqual(['spec.ingress[0].ports[0].port must be an integer or a string (got boolean true)']);
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'a' } };
    expect(problemsOf({ ...cron, spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 5 }] } } } } } })).toEqual([
      'spec.jobTemplate.spec.template.spec.containers[0].image must be a string (got number 5)',
    ]);
  });

  it('accepts what the API server accepts: int-or-string ports, numeric quantities, unknown fields, null fields', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'a', labels: null },
      spec: { containers: [{ name: 'c', resources: { limits: { cpu: 1, memory: '1Gi' } }, livenessProbe: { httpGet: { port: 'http' } }, extra: { any: 1 } }], hostNetwork: null },
    };
    const out = validateObject(pod);
    // `field: null` is an absent field, as the API server decodes it; the object is kept as it is.
    expect(out.ok && out.object).toBe(pod);
    expect(problemsOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', labels: { team: null } } })).toEqual(['metadata.labels.team must be a string (got null)']);
    // A custom resource's spec is not looked into; its metadata is.
    expect(problemsOf({ apiVersion: 'x.io/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'big', n: [1] } })).toEqual([]);
    expect(problemsOf({ apiVersion: 'x.io/v1', kind: 'Widget', metadata: { name: 'w', annotations: { a: 1 } } })).toEqual(['metadata.annotations.a must be a string (got number 1)']);
  });

  it('a numeric name is a type error, not a missing name; names longer than Kubernetes allows are errors', () => {
    expect(problemsOf({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 1001, namespace: 'a' } })).toEqual(['metadata.name must be a string (got number 1001)']);
    expect(problemsOf({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { namespace: 'a' } })).toEqual(['metadata.name is missing']);
    expect(problemsOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c'.repeat(254) } })).toEqual(['metadata.name is 254 characters long; Kubernetes allows at most 253']);
    expect(problemsOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c'.repeat(253) } })).toEqual([]);
    expect(problemsOf(ns({ name: 'n'.repeat(64) }))).toEqual(['metadata.name is 64 characters long; Kubernetes allows at most 63']);
    expect(problemsOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n'.repeat(64) } })).toEqual([
      'metadata.namespace is 64 characters long; Kubernetes allows at most 63',
    ]);
  });
  it('fieldPath quotes keys that are not identifiers', () => {
    expect(fieldPath(['metadata', 'labels', 'palisade.dev/tenant'])).toBe('metadata.labels["palisade.dev/tenant"]');
    expect(fieldPath(['subjects', 0, 'name'])).toBe('subjects[0].name');
  });
});

describe('the snapshot leaves invalid objects out and reports each at its file and line', () => {
  it('offline: file:line, the object, the field path and the expected type; the valid objects are kept', () => {
    const out = empty();
    const text = [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: year\n  namespace: 2024',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: 1001, namespace: a}',
    ].join('\n---\n');
    parseManifestText(text, 'x.yaml', out);
    expect(out.errors.map((e) => e.message)).toEqual(['x.yaml:11: skipped document: metadata.name must be a string (got number 1001)']);
    const s = new Snapshot({ objects: out.objects, locations: out.locations, errors: out.errors, source: 'x.yaml', mode: 'offline' });
    expect(s.objects.map((o) => o.metadata.name)).toEqual(['a']);
    expect(s.errors.map((e) => [e.reason, e.message])).toEqual([
      ['invalid-object', 'x.yaml:11: skipped document: metadata.name must be a string (got number 1001)'],
      ['invalid-object', 'x.yaml:5: skipped ConfigMap/?/year: metadata.namespace must be a string (got number 2024)'],
    ]);
  });

  it('live (no location): the error names kind/namespace/name', () => {
    const s = new Snapshot({
      objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { 'palisade.dev/tenant': 2024 as unknown as string } } }],
      source: 'https://api',
      mode: 'live',
    });
    expect(s.objects).toEqual([]);
    expect(s.errors).toEqual([
      { source: 'Namespace/n', reason: 'invalid-object', message: 'skipped Namespace/n: metadata.labels["palisade.dev/tenant"] must be a string (got number 2024)' },
    ]);
  });
});

describe('kinds the newer rule families read', () => {
  it('HPA, PDB and ValidatingAdmissionPolicy fields are checked too', () => {
    expect(problemsOf({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'a' }, spec: { maxReplicas: '10' } })).toEqual([
      'spec.maxReplicas must be an integer (got string "10")',
    ]);
    expect(problemsOf({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'a' }, spec: { minAvailable: '50%', selector: { matchLabels: { app: 1 } } } })).toEqual([
      'spec.selector.matchLabels.app must be a string (got number 1)',
    ]);
    expect(problemsOf({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'v' }, spec: { validations: [{ expression: true }] } })).toEqual([
      'spec.validations[0].expression must be a string (got boolean true)',
    ]);
  });

  it('checks a shared (frozen) sub-tree once per shape, and never lets one object’s check excuse another', () => {
    const valid = new WeakMap();
    const pod = (name: string, spec: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'a' }, spec });
    // An invalid shared spec is an error in every object that has it.
    const bad = Object.freeze({ containers: Object.freeze([Object.freeze({ name: 5 })]) });
    for (const name of ['p1', 'p2']) {
      const out = validateObject(pod(name, bad), valid);
      expect(out.ok ? [] : out.problems.map((p) => `${p.path} ${p.message}`)).toEqual(['spec.containers[0].name must be a string (got number 5)']);
    }
    // A frozen map valid as labels is still checked where another shape applies to it.
    const shared = Object.freeze({ runAsUser: 'root' });
    expect(validateObject({ ...ns({ labels: shared }) }, valid).ok).toBe(true);
    const out = validateObject(pod('p3', { securityContext: shared, containers: [] }), valid);
    expect(out.ok ? [] : out.problems.map((p) => `${p.path} ${p.message}`)).toEqual(['spec.securityContext.runAsUser must be an integer (got string "root")']);
    // A valid shared spec is valid in every object.
    const good = Object.freeze({ containers: Object.freeze([Object.freeze({ name: 'c', image: 'i' })]) });
    expect([validateObject(pod('p4', good), valid).ok, validateObject(pod('p5', good), valid).ok]).toEqual([true, true]);
  });
});

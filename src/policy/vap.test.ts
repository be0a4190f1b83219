import { describe, expect, it } from 'vitest';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { defaultConfig } from '../config/types.js';
import { runRules } from '../engine/runner.js';
import { Snapshot } from '../inventory/snapshot.js';
import type { RuleResult } from '../model/result.js';
import { vapRules } from './vap.js';

const BASE = `apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {env: prod}}
---
apiVersion: v1
kind: Namespace
metadata: {name: dev, labels: {env: dev}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: limits, namespace: prod}
data: {max: "3"}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replicas.example.com}
spec:
  failurePolicy: Fail
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
  matchConditions:
    - {name: not-exempt, expression: "!has(object.metadata.labels) || !('exempt' in object.metadata.labels)"}
  variables:
    - {name: replicas, expression: "has(object.spec.replicas) ? object.spec.replicas : 1"}
  validations:
    - expression: "variables.replicas <= int(params.data.max)"
      messageExpression: "'replicas ' + string(variables.replicas) + ' > ' + params.data.max"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replicas-prod}
spec:
  policyName: replicas.example.com
  validationActions: [Deny]
  paramRef: {name: limits, parameterNotFoundAction: Deny}
  matchResources:
    namespaceSelector: {matchLabels: {env: prod}}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replicas-dev}
spec:
  policyName: replicas.example.com
  validationActions: [Warn, Audit]
  paramRef: {name: limits, namespace: prod, parameterNotFoundAction: Deny}
  matchResources:
    namespaceSelector: {matchLabels: {env: dev}}
`;

function deployment(name: string, ns: string, replicas: number, labels = '{}'): string {
  return `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${ns}, labels: ${labels}}\nspec: {replicas: ${replicas}}\n`;
}

function scan(yaml: string, mode: 'offline' | 'live' = 'offline'): RuleResult[] {
  const snapshot = new Snapshot({ objects: yamlObjects(yaml), source: 'test', mode });
  const rules = vapRules(snapshot);
  return [...runRules(snapshot, rules, { config: defaultConfig(), now: new Date('2026-06-01T00:00:00Z') }).results];
}

function byName(results: RuleResult[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.object.name, `${r.status}: ${r.message}`]));
}

describe('vap/<policy>: the cluster’s ValidatingAdmissionPolicies over existing objects', () => {
  it('one rule per policy, targeting the kinds its resourceRules match', () => {
    const snapshot = new Snapshot({ objects: yamlObjects(BASE + deployment('a', 'prod', 1)), source: 'test', mode: 'offline' });
    const rules = vapRules(snapshot);
    expect(rules.map((r) => r.meta.id)).toEqual(['vap/replicas.example.com']);
    expect(rules[0]!.meta.targets).toEqual(['Deployment']);
  });

  it('denies, warns and audits per binding, with params, variables, matchConditions and messageExpression', () => {
    const r = byName(
      scan(BASE + deployment('small', 'prod', 2) + deployment('big', 'prod', 5) + deployment('exempt', 'prod', 9, '{exempt: "yes"}') + deployment('devbig', 'dev', 7)),
    );
    expect(r['small']).toBe('pass: Admitted by ValidatingAdmissionPolicy replicas.example.com (bindings replicas-prod)');
    expect(r['big']).toBe('fail: Would be denied by ValidatingAdmissionPolicy replicas.example.com (binding replicas-prod): replicas 5 > 3');
    expect(r['exempt']).toMatch(/^not-applicable/);
    expect(r['devbig']).toContain('fail: Would be admitted with a warning from ValidatingAdmissionPolicy replicas.example.com (binding replicas-dev): replicas 7 > 3');
    expect(r['devbig']).toContain('Would be admitted and audited');
  });

  it('a missing param with parameterNotFoundAction Deny denies whatever the validation', () => {
    const r = byName(scan(BASE.replace('name: limits, namespace: prod}', 'name: other, namespace: prod}') + deployment('devsmall', 'dev', 1)));
    expect(r['devsmall']).toMatch(/^fail: Would be denied .*failed to configure binding: no params found/);
  });

  it('an evaluation error follows failurePolicy: Fail denies, Ignore admits with a note', () => {
    const broken = BASE.replace('"variables.replicas <= int(params.data.max)"', '"object.spec.nope > 1"');
    expect(byName(scan(broken + deployment('x', 'prod', 1)))['x']).toMatch(/^fail: Would be denied .*nope/);
    const ignored = broken.replace('failurePolicy: Fail', 'failurePolicy: Ignore');
    expect(byName(scan(ignored + deployment('x', 'prod', 1)))['x']).toMatch(/^pass: Admitted because failurePolicy is Ignore/);
  });

  it('a policy using a function Palisade does not support is an error naming it, never a pass', () => {
    const r = byName(scan(BASE.replace('"variables.replicas <= int(params.data.max)"', '"format.dns1123Label().validate(object.metadata.name).hasValue()"') + deployment('x', 'prod', 1)));
    expect(r['x']).toMatch(/^error: .*unsupported CEL function.*format\.dns1123Label/);
  });

  it('excludeResourceRules, resourceNames and objectSelector', () => {
    const extra = BASE.replace('resources: [deployments]}', 'resources: [deployments], resourceNames: [a, b]}').replace(
      'namespaceSelector: {matchLabels: {env: prod}}',
      'namespaceSelector: {matchLabels: {env: prod}}\n    objectSelector: {matchExpressions: [{key: skip, operator: DoesNotExist}]}',
    );
    const r = byName(scan(extra + deployment('a', 'prod', 9) + deployment('b', 'prod', 9, '{skip: "1"}') + deployment('c', 'prod', 9)));
    expect(r['a']).toMatch(/^fail/);
    expect(r['b']).toMatch(/^not-applicable/);
    expect(r['c']).toMatch(/^not-applicable/);
    const excluded = BASE.replace('  matchConditions:', '    excludeResourceRules:\n      - {apiGroups: [apps], apiVersions: ["*"], operations: ["*"], resources: ["*"], resourceNames: [a]}\n  matchConditions:');
    expect(byName(scan(excluded + deployment('a', 'prod', 9)))['a']).toMatch(/^not-applicable: matchConstraints: excluded/);
  });

  it('unknown when the namespace or live ConfigMap params cannot be read', () => {
    const noNs = BASE.replace('metadata: {name: prod, labels: {env: prod}}', 'metadata: {name: other}');
    expect(byName(scan(noNs + deployment('a', 'prod', 1)))['a']).toMatch(/^unknown: .*namespace prod is not in the input/);
    expect(byName(scan(BASE + deployment('a', 'prod', 1), 'live'))['a']).toMatch(/^unknown: .*metadata-only/);
  });
});

describe('fixtures from the VAP differential (test/fixtures/vap/*.yaml): the server verdict each object records', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const dir = join(import.meta.dirname, '../../test/fixtures/vap');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml'));

  it('there are fixtures', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file, async () => {
      const yaml = await readFile(join(dir, file), 'utf8');
      const results = scan(yaml);
      const objects = yamlObjects(yaml).filter((o) => o.metadata.annotations?.['palisade.dev/vap-server-verdict'] !== undefined);
      expect(objects.length).toBeGreaterThan(0);
      for (const o of objects) {
        const mine = results.filter((r) => r.object.name === o.metadata.name && r.object.kind === o.kind);
        const verdict = mine.some((r) => r.evidence.some((e) => e.actual === 'deny')) ? 'denied' : 'admitted';
        expect(`${o.metadata.name}: ${verdict}`).toBe(`${o.metadata.name}: ${o.metadata.annotations!['palisade.dev/vap-server-verdict']}`);
      }
    });
  }
});

describe('live scans read ConfigMaps metadata-only', () => {
  it('a vap/ rule over ConfigMaps outside kube-system is unknown live, evaluated offline', () => {
    const yaml = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: cm}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}]
  validations: [{expression: "has(object.data) && 'a' in object.data"}]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: cm}
spec: {policyName: cm, validationActions: [Deny]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app, namespace: prod}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kubeadm-config, namespace: kube-system}
data: {a: "1"}
`;
    expect(byName(scan(yaml, 'live'))['app']).toMatch(/^unknown: ConfigMap objects are read metadata-only/);
    expect(byName(scan(yaml, 'live'))['kubeadm-config']).toMatch(/^pass/);
    expect(byName(scan(yaml, 'offline'))['app']).toMatch(/^fail: Would be denied/);
  });
});

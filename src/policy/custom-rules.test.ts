import { describe, expect, it } from 'vitest';
import type { CustomRuleConfig } from '../config/types.js';
import { runCase } from '../../test/helpers/rule-tester.js';
import { compileCustomRule } from './custom-rules.js';

const NS = `apiVersion: v1
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
data: {maxReplicas: "3"}
`;

function deployment(ns: string, replicas: number, labels = '{app: web}'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}, labels: ${labels}}
spec: {replicas: ${replicas}}
---
${NS}`;
}

function rule(extra: Partial<CustomRuleConfig>): CustomRuleConfig {
  return { id: 'custom/t', title: 'T', severity: 'medium', targets: ['Deployment'], ...extra };
}

describe('CEL custom rules', () => {
  const max = compileCustomRule(rule({ validations: [{ expression: 'object.spec.replicas <= 4', messageExpression: "'replicas is ' + string(object.spec.replicas)", message: 'too many', reason: 'Forbidden' }] }));

  it('passes and fails on the expression, with messageExpression and reason as evidence', () => {
    expect(runCase(max, { name: 'ok', objects: deployment('prod', 2) }).status).toBe('pass');
    const out = runCase(max, { name: 'bad', objects: deployment('prod', 6) });
    expect(out.status).toBe('fail');
    expect(out.message).toBe('replicas is 6');
    expect(out.evidence).toEqual([{ path: 'validations[0]', actual: 'Forbidden', expected: 'object.spec.replicas <= 4' }]);
  });

  it('falls back to message when messageExpression fails', () => {
    const r = compileCustomRule(rule({ validations: [{ expression: 'false', messageExpression: 'object.nope', message: 'static' }] }));
    expect(runCase(r, { name: 'x', objects: deployment('prod', 1) }).message).toBe('static');
  });

  it('an expression that cannot be evaluated is an error, never a pass', () => {
    const r = compileCustomRule(rule({ validations: [{ expression: 'object.spec.missing > 1' }] }));
    const out = runCase(r, { name: 'x', objects: deployment('prod', 1) });
    expect(out.status).toBe('error');
    expect(out.message).toContain('missing');
    const nonBool = compileCustomRule(rule({ validations: [{ expression: 'object.spec.replicas' }] }));
    expect(runCase(nonBool, { name: 'y', objects: deployment('prod', 1) }).message).toContain('must evaluate to bool');
  });

  it('namespaceSelector, objectSelector and namespaces limit the targets', () => {
    const r = compileCustomRule(rule({ namespaceSelector: { matchLabels: { env: 'prod' } }, validations: [{ expression: 'false' }] }));
    expect(runCase(r, { name: 'prod', objects: deployment('prod', 1) }).status).toBe('fail');
    expect(runCase(r, { name: 'dev', objects: deployment('dev', 1) }).status).toBe('not-applicable');
    expect(runCase(r, { name: 'no ns', objects: deployment('prod', 1).split('---')[0]! }).status).toBe('unknown');
    const o = compileCustomRule(rule({ objectSelector: { matchLabels: { app: 'db' } }, validations: [{ expression: 'false' }] }));
    expect(runCase(o, { name: 'label', objects: deployment('prod', 1) }).status).toBe('not-applicable');
    const n = compileCustomRule(rule({ namespaces: ['de*'], validations: [{ expression: 'false' }] }));
    expect(runCase(n, { name: 'glob', objects: deployment('prod', 1) }).status).toBe('not-applicable');
    expect(runCase(n, { name: 'glob2', objects: deployment('dev', 1) }).status).toBe('fail');
  });

  it('binds params, namespaceObject and request', () => {
    const r = compileCustomRule(
      rule({
        paramRef: { kind: 'ConfigMap', name: 'limits', namespace: 'prod' },
        validations: [
          { expression: 'object.spec.replicas <= int(params.data.maxReplicas)', message: 'over the limit' },
          { expression: "namespaceObject.metadata.labels.env == 'prod'", message: 'not prod' },
          { expression: "request.operation == 'CREATE' && request.resource.resource == 'deployments' && request.namespace == object.metadata.namespace && oldObject == null", message: 'request' },
        ],
      }),
    );
    expect(runCase(r, { name: 'ok', objects: deployment('prod', 3) }).status).toBe('pass');
    expect(runCase(r, { name: 'over', objects: deployment('prod', 4) }).message).toBe('over the limit');
    expect(runCase(r, { name: 'dev', objects: deployment('dev', 1) }).message).toBe('not prod');
    const missing = compileCustomRule(rule({ paramRef: { kind: 'ConfigMap', name: 'nope', namespace: 'prod' }, validations: [{ expression: 'true' }] }));
    expect(runCase(missing, { name: 'p', objects: deployment('prod', 1) }).status).toBe('unknown');
  });
});

describe('live scans', () => {
  it('a custom rule over ConfigMaps outside kube-system is unknown live (their data is never read)', () => {
    const r = compileCustomRule(rule({ targets: ['ConfigMap'], validations: [{ expression: "has(object.data) && 'max' in object.data" }] }));
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: limits, namespace: prod}\n';
    expect(runCase(r, { name: 'live', objects: cm, mode: 'live' }).status).toBe('unknown');
    expect(runCase(r, { name: 'offline', objects: cm }).status).toBe('fail');
  });
});

describe('JSON Schema custom rules', () => {
  const r = compileCustomRule(rule({ targets: ['Namespace'], schema: { type: 'object', required: ['metadata'], properties: { metadata: { type: 'object', required: ['labels'], properties: { labels: { type: 'object', required: ['team'] } } } } } }));

  it('reports each schema violation with its path', () => {
    expect(runCase(r, { name: 'ok', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {team: x}}\n' }).status).toBe('pass');
    const out = runCase(r, { name: 'bad', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {env: x}}\n' });
    expect(out.status).toBe('fail');
    expect(out.message).toBe("metadata.labels: missing required field 'team'");
    expect(out.evidence[0]).toMatchObject({ path: 'metadata.labels', actual: { env: 'x' } });
  });
});

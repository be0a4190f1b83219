import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configLines, integrityOf, scanResultSha256, waiverLines } from '../../src/report/integrity.js';
import { renderJsonString } from '../../src/report/json.js';
import type { EffectiveConfig } from '../../src/report/model.js';
import { sampleResult } from '../fixtures/reports/sample.js';

const CONFIG: EffectiveConfig = {
  kubernetesVersion: '1.36',
  rules: { enabled: ['pss/privileged', 'rbac/wildcard-verbs'], disabled: ['workload/*'], only: [], severity: { 'rbac/wildcard-verbs': 'high' }, options: {}, excludeSystemRbac: true, custom: [] },
  waivers: [
    { rule: 'pss/privileged', namespace: 'kube-system', reason: 'CNI', approver: 'jane', expires: '2027-06-30', expired: false, applied: 3 },
    { rule: '*', reason: 'old', expires: '2020-01-01', expired: true, applied: 0 },
  ],
  annotationWaivers: false,
  annotationWaived: 0,
  tenancy: { labelKey: 'palisade.dev/tenant', capsule: true, systemNamespaces: ['kube-system'], selfNamespace: 'palisade', defined: [], tenants: [{ name: 'alpha', namespaces: ['team-a'] }] },
};

describe('integrity', () => {
  it('hashes exactly the bytes of the JSON document, and changes when the result does', () => {
    const r = sampleResult({ extra: { config: CONFIG } });
    const expected = createHash('sha256').update(Buffer.from(renderJsonString(r), 'utf8')).digest('hex');
    expect(scanResultSha256(r)).toBe(expected);
    expect(integrityOf(r)).toEqual({ sha256: expected, scannerVersion: '0.1.0', config: CONFIG });
    expect(scanResultSha256({ ...r, durationSeconds: 2 })).not.toBe(expected);
  });

  it('words the configuration: rules, waivers (expired ones marked), tenants; older results say it was not recorded', () => {
    expect(configLines(CONFIG)).toEqual([
      'Rules: 2 enabled (disabled workload/*; severity changed for rbac/wildcard-verbs=high; system RBAC excluded); Kubernetes 1.36',
      'Waivers: 2 configured (1 expired), 3 results waived by them; annotation waivers off',
      'Tenants: alpha (team-a); label palisade.dev/tenant, Capsule; system kube-system, palisade',
    ]);
    expect(waiverLines(CONFIG)).toEqual([
      'pss/privileged on kube-system: CNI; approver jane; expires 2027-06-30; 3 results waived',
      '* on everywhere: old; expires 2020-01-01 (EXPIRED); 0 results waived',
    ]);
    expect(configLines(undefined)).toEqual(['Effective configuration: not recorded (ScanResult written before schema 2.1)']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (p: string): unknown => parse(readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8'));

interface Rules {
  groups: { name: string; rules: { alert?: string; expr: string; labels?: Record<string, string> }[] }[];
}

describe('alert rules', () => {
  const plain = read('dashboards/alerts/palisade.rules.yml') as Rules;
  const cr = read('manifests/alerts/prometheusrule.yaml') as { apiVersion: string; kind: string; spec: Rules };

  it('the PrometheusRule carries exactly the groups of the plain rules file', () => {
    expect(cr.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(cr.kind).toBe('PrometheusRule');
    expect(cr.spec.groups).toEqual(plain.groups);
  });

  it('has the six alerts, each with a severity and a promtool unit test', () => {
    const alerts = plain.groups.flatMap((g) => g.rules).map((r) => r.alert);
    expect(alerts).toEqual([
      'PalisadeScanStale',
      'PalisadeScanFailing',
      'PalisadeNewCriticalFinding',
      'PalisadeScoreDrop',
      'PalisadeWaiverExpired',
      'PalisadeCrossTenantAccessAppeared',
    ]);
    for (const r of plain.groups.flatMap((g) => g.rules)) expect(['warning', 'critical']).toContain(r.labels?.['severity']);
    const tests = read('dashboards/alerts/palisade.rules.test.yml') as { tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[] };
    const fired = new Set(tests.tests.flatMap((t) => t.alert_rule_test).filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname));
    const silent = new Set(tests.tests.flatMap((t) => t.alert_rule_test).filter((a) => a.exp_alerts.length === 0).map((a) => a.alertname));
    for (const a of alerts) {
      expect(fired, `${a} fires in a test`).toContain(a);
      expect(silent, `${a} stays silent in a test`).toContain(a);
    }
  });

  it('aggregates by cluster so a restarted exporter pod is not a new finding', () => {
    for (const r of plain.groups.flatMap((g) => g.rules)) expect(r.expr).toMatch(/by \(cluster/);
  });
});

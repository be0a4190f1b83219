import { readFileSync } from 'node:fs';
import { CronTime } from 'cron';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (p: string): unknown => parse(readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8'));

interface Rule { alert?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
interface Rules {
  groups: { name: string; rules: Rule[] }[];
}
interface CronJobSpec {
  spec: { schedule: string; timeZone?: string; startingDeadlineSeconds: number; jobTemplate: { spec: { activeDeadlineSeconds: number } } };
}

/** The longest gap between two consecutive runs of a cron schedule, over the next `n` runs. */
export function longestInterval(schedule: string, timeZone: string, n = 200): number {
  const runs = new CronTime(schedule, timeZone).sendAt(n).map((d) => d.toMillis());
  let longest = 0;
  for (let i = 1; i < runs.length; i++) longest = Math.max(longest, (runs[i]! - runs[i - 1]!) / 1000);
  return longest;
}

/** Seconds a healthy install may go between two completed scans: interval + start deadline + run deadline. */
export function staleAfter(cj: CronJobSpec): number {
  return longestInterval(cj.spec.schedule, cj.spec.timeZone ?? 'Etc/UTC') + cj.spec.startingDeadlineSeconds + cj.spec.jobTemplate.spec.activeDeadlineSeconds;
}

describe('alert rules', () => {
  const plain = read('dashboards/alerts/palisade.rules.yml') as Rules;
  const cr = read('manifests/alerts/prometheusrule.yaml') as { apiVersion: string; kind: string; spec: Rules };
  const rules = plain.groups.flatMap((g) => g.rules);
  const runbooks = readFileSync(new URL('../../docs/runbooks.md', import.meta.url), 'utf8');

  it('the PrometheusRule carries exactly the groups of the plain rules file', () => {
    expect(cr.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(cr.kind).toBe('PrometheusRule');
    expect(cr.spec.groups).toEqual(plain.groups);
  });

  it('has the nine alerts, each with a severity and a promtool unit test', () => {
    const alerts = rules.map((r) => r.alert);
    expect(alerts).toEqual([
      'PalisadeScanStale',
      'PalisadeScanFailing',
      'PalisadeMetricsAbsent',
      'PalisadeNewCriticalFinding',
      'PalisadeScoreDrop',
      'PalisadeWaiverExpired',
      'PalisadeCrossTenantAccessAppeared',
      'PalisadeExporterAbsent',
      'PalisadeExporterDown',
    ]);
    expect(plain.groups.map((g) => g.name)).toEqual(['palisade', 'palisade-exporter']);
    for (const r of rules) expect(['warning', 'critical']).toContain(r.labels?.['severity']);
    const tests = read('dashboards/alerts/palisade.rules.test.yml') as { tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[] };
    const fired = new Set(tests.tests.flatMap((t) => t.alert_rule_test).filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname));
    const silent = new Set(tests.tests.flatMap((t) => t.alert_rule_test).filter((a) => a.exp_alerts.length === 0).map((a) => a.alertname));
    for (const a of alerts) {
      expect(fired, `${a} fires in a test`).toContain(a);
      expect(silent, `${a} stays silent in a test`).toContain(a);
    }
  });

  it('aggregates by cluster so a restarted exporter pod is not a new finding (absent() has nothing to aggregate)', () => {
    for (const r of rules) {
      if (r.expr.startsWith('absent(')) continue;
      expect(r.expr, r.alert).toMatch(/by \(cluster/);
    }
    expect(rules.filter((r) => r.expr.startsWith('absent(')).map((r) => r.alert)).toEqual(['PalisadeMetricsAbsent', 'PalisadeExporterAbsent']);
  });

  it.each(rules.map((r) => [r.alert!, r] as const))('%s has summary, description and a runbook_url into docs/runbooks.md', (name, r) => {
    expect(Object.keys(r.annotations ?? {}).sort()).toEqual(['description', 'runbook_url', 'summary']);
    const anchor = name.toLowerCase();
    expect(r.annotations!['runbook_url']).toBe(`https://palisade.dev/docs/runbooks#${anchor}`);
    // GitHub-style anchor of a "## PalisadeX" heading is its lower-cased name.
    expect(runbooks).toContain(`\n## ${name}\n`);
    const section = runbooks.slice(runbooks.indexOf(`\n## ${name}\n`)).split('\n## ')[1]!;
    for (const part of ['Meaning', 'Impact', 'Diagnosis', 'Mitigation']) expect(section, `${name}: ${part}`).toContain(`**${part}**`);
  });

  it("PalisadeScanStale's threshold is the shipped CronJob's schedule interval plus its start and run deadlines", () => {
    const cj = read('manifests/base/cronjob.yaml') as CronJobSpec;
    expect(longestInterval('17 */6 * * *', 'Etc/UTC')).toBe(6 * 3600);
    expect(longestInterval('0 9 * * 1-5', 'Etc/UTC')).toBe(3 * 86400); // Friday 09:00 → Monday 09:00
    const threshold = staleAfter(cj);
    expect(threshold).toBe(6 * 3600 + 600 + 1800);
    const stale = rules.find((r) => r.alert === 'PalisadeScanStale')!;
    expect(stale.expr).toBe(`time() - max by (cluster) (palisade_last_scan_timestamp_seconds) > ${threshold}`);
  });
});

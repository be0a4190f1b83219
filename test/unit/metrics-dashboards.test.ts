import { readdirSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PROCESS_FAMILIES, SCAN_FAMILIES } from '../../src/metrics/families.js';
import { SEVERITIES, SEVERITY_WEIGHT } from '../../src/model/result.js';
import { SEVERITY_COLORS, SEVERITY_WEIGHTS } from '../../dashboards/build.ts';

interface Target { expr: string; datasource: { uid: string } }
interface Override { matcher: { id: string; options: string }; properties: { id: string; value: { mode: string; fixedColor: string } }[] }
interface Panel { id: number; title: string; type: string; datasource: { uid: string }; targets: (Target & { legendFormat: string })[]; gridPos: { x: number; y: number; w: number; h: number }; fieldConfig: { overrides: Override[] } }
interface Dashboard { uid: string; title: string; panels: Panel[]; templating: { list: { name: string; type: string }[] } }

const dir = new URL('../../dashboards/', import.meta.url);
const dashboards = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, d: JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Dashboard }));
const known = new Set([...Object.values(SCAN_FAMILIES), ...Object.values(PROCESS_FAMILIES)].map((f) => f.name));
const docs = readFileSync(new URL('../../docs/dashboards.md', import.meta.url), 'utf8');

describe('Grafana dashboards', () => {
  it('are what dashboards/build.ts generates (edit the script, not the JSON)', async () => {
    const r = await execa(process.execPath, ['--no-warnings', 'dashboards/build.ts', '--check'], { reject: false });
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('are the five dashboards with unique uids, all in the kustomize ConfigMap', () => {
    expect(dashboards.map((x) => x.d.uid).sort()).toEqual(['palisade-compliance', 'palisade-fleet', 'palisade-overview', 'palisade-scanner-health', 'palisade-tenants']);
    const kustomization = readFileSync(new URL('kustomization.yaml', dir), 'utf8');
    for (const { file } of dashboards) expect(kustomization).toContain(`- ${file}=${file}`);
  });

  it.each(dashboards)('$file: datasource and cluster variables, every query filtered by cluster', ({ d }) => {
    expect(d.templating.list.slice(0, 2).map((v) => [v.name, v.type])).toEqual([['datasource', 'datasource'], ['cluster', 'query']]);
    expect(d.panels.length).toBeGreaterThan(5);
    for (const p of d.panels) {
      expect(p.datasource.uid, p.title).toBe('${datasource}');
      expect(p.targets.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets) {
        expect(t.datasource.uid).toBe('${datasource}');
        // =~ so that "All" (.*) also matches series without the label.
        expect(t.expr, p.title).toContain('cluster=~"$cluster"');
        expect(t.expr, p.title).not.toContain('cluster="$cluster"');
      }
    }
  });

  it.each(dashboards)('$file: every panel that splits by severity colours each severity, the same everywhere', ({ d }) => {
    const bySeverity = d.panels.filter((p) => p.targets.some((t) => t.legendFormat.includes('{{severity}}')));
    for (const p of bySeverity) {
      const colours = new Map<string, string>();
      for (const sev of SEVERITIES) {
        // The override's matcher has to pick the series Grafana names after the legend.
        const legend = p.targets.find((t) => t.legendFormat.includes('{{severity}}'))!.legendFormat.replace('{{severity}}', sev).replace(/\{\{\w+\}\}/g, 'x');
        const o = p.fieldConfig.overrides.find((x) => (x.matcher.id === 'byName' ? x.matcher.options === legend : new RegExp(x.matcher.options).test(legend)));
        expect(o, `${p.title}: ${legend}`).toBeDefined();
        colours.set(sev, o!.properties[0]!.value.fixedColor);
      }
      expect(Object.fromEntries(colours), p.title).toEqual(SEVERITY_COLORS);
    }
    if (d.uid === 'palisade-fleet') {
      // Fleet panels split by cluster (a multi-value picker); none may sum clusters into one number unasked.
      expect((d.templating.list[1] as unknown as { multi: boolean }).multi).toBe(true);
    }
    if (d.uid === 'palisade-overview') expect(bySeverity.map((p) => p.title)).toEqual(['Failing results by severity', 'Findings by severity over time', 'Top failing rules']);
  });

  it('severity colours are distinct and the weights are the score\'s', () => {
    expect(new Set(Object.values(SEVERITY_COLORS)).size).toBe(SEVERITIES.length);
    expect(Object.keys(SEVERITY_COLORS).sort()).toEqual([...SEVERITIES].sort());
    expect(SEVERITY_WEIGHTS).toEqual(Object.fromEntries(Object.entries(SEVERITY_WEIGHT).filter(([, w]) => w > 0)));
  });

  it('top failing rules rank by severity weight; compliance by framework is the report figure; p90 cannot be NaN', () => {
    const panel = (uid: string, title: string): Panel => dashboards.find((x) => x.d.uid === uid)!.d.panels.find((p) => p.title === title)!;
    const top = panel('palisade-overview', 'Top failing rules').targets[0]!.expr;
    for (const [sev, w] of Object.entries(SEVERITY_WEIGHTS)) expect(top).toContain(`severity="${sev}"}) * ${w}`);
    expect(top).not.toContain('severity="info"');
    expect(panel('palisade-compliance', 'Compliance by framework').targets[0]!.expr).toContain('palisade_framework_overall_compliance_ratio');
    const p90 = panel('palisade-scanner-health', 'Scan duration p90 (exporter)').targets[0]!.expr;
    expect(p90).toMatch(/^histogram_quantile\(0\.9, .*\) and on \(cluster\) sum by \(cluster\) \(increase\(palisade_scan_duration_seconds_count\{.*\}\[6h\]\)\) > 0$/);
  });

  it.each(dashboards)('$file: queries only use documented Palisade families', ({ d }) => {
    for (const p of d.panels) {
      for (const t of p.targets) {
        const names = t.expr.match(/palisade_[a-z_]+/g) ?? [];
        expect(names.length, p.title).toBeGreaterThan(0);
        for (const n of names) expect(known.has(n.replace(/_(bucket|sum|count)$/, '')), `${p.title}: ${n}`).toBe(true);
      }
    }
  });

  it.each(dashboards)('$file: panels do not overlap and fit 24 columns', ({ d }) => {
    const cells = new Set<string>();
    for (const p of d.panels) {
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${p.title} overlaps`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it.each(dashboards)('$file: docs/dashboards.md lists every panel and query', ({ d }) => {
    expect(docs).toContain(d.title);
    for (const p of d.panels) {
      expect(docs).toContain(`| ${p.title} |`);
      for (const t of p.targets) expect(docs).toContain(t.expr.replaceAll('|', '\\|'));
    }
  });
});

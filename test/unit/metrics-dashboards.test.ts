import { readdirSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PROCESS_FAMILIES, SCAN_FAMILIES } from '../../src/metrics/families.js';

interface Target { expr: string; datasource: { uid: string } }
interface Panel { id: number; title: string; type: string; datasource: { uid: string }; targets: Target[]; gridPos: { x: number; y: number; w: number; h: number } }
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

  it('are the four dashboards with unique uids', () => {
    expect(dashboards.map((x) => x.d.uid).sort()).toEqual(['palisade-compliance', 'palisade-overview', 'palisade-scanner-health', 'palisade-tenants']);
  });

  it.each(dashboards)('$file: datasource and cluster variables, every query filtered by cluster', ({ d }) => {
    expect(d.templating.list.slice(0, 2).map((v) => [v.name, v.type])).toEqual([['datasource', 'datasource'], ['cluster', 'query']]);
    expect(d.panels.length).toBeGreaterThan(5);
    for (const p of d.panels) {
      expect(p.datasource.uid, p.title).toBe('${datasource}');
      expect(p.targets.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets) {
        expect(t.datasource.uid).toBe('${datasource}');
        expect(t.expr, p.title).toContain('cluster="$cluster"');
      }
    }
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

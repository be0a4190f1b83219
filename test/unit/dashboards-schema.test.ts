/**
 * The dashboards against Grafana's published schema. `@grafana/schema` (the npm package Grafana
 * generates from its CUE schema) ships TypeScript types, not a JSON Schema: `Dashboard` (with
 * `Panel`, `VariableModel`, `FieldConfigSource`, `DataQuery`...) and one `Options` type per
 * panel plugin. So each dashboard is type-checked as an object literal of those types with the
 * TypeScript compiler: a misspelt or unknown key (excess property), a wrong value type or an
 * invalid enum value (e.g. a legend `displayMode`) is a diagnostic, and the test fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cluster/build.ts';

interface PanelJson { type: string; title: string; options: unknown }
interface DashboardJson { title: string; panels: PanelJson[] }

/** Panel plugin → the module of its options type in @grafana/schema. */
const OPTIONS_MODULE: Readonly<Record<string, string>> = {
  stat: 'stat/panelcfg/x/StatPanelCfg_types.gen',
  gauge: 'gauge/panelcfg/x/GaugePanelCfg_types.gen',
  bargauge: 'bargauge/panelcfg/x/BarGaugePanelCfg_types.gen',
  piechart: 'piechart/panelcfg/x/PieChartPanelCfg_types.gen',
  table: 'table/panelcfg/x/TablePanelCfg_types.gen',
  timeseries: 'timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen',
};

const dir = join(REPO_ROOT, 'dashboards');
const dashboards = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));

/** A TypeScript module that declares the dashboard and each panel's options with Grafana's types. */
export function typedSource(text: string): string {
  const d = JSON.parse(text) as DashboardJson;
  const types = [...new Set(d.panels.map((p) => p.type))];
  // Grafana's enums are TypeScript `enum`s; JSON holds their values. `Json<T>` is T with every
  // string enum replaced by the union of its values (`${E}`), everything else unchanged, so the
  // literals are checked against exactly the values the enum allows.
  const lines = [
    `import type { Dashboard } from '@grafana/schema';`,
    'type Json<T> = T extends string ? `${T}` : T extends number | boolean | null | undefined ? T : T extends readonly (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;',
  ];
  for (const t of types) {
    const mod = OPTIONS_MODULE[t];
    if (!mod) throw new Error(`${d.title}: panel type ${t} has no options type mapped in this test`);
    lines.push(`import type { Options as ${t}Options } from '@grafana/schema/dist/esm/raw/composable/${mod}';`);
  }
  lines.push(`export const dashboard: Json<Dashboard> = ${text.trim()};`);
  d.panels.forEach((p, i) => lines.push(`// ${p.title}\nexport const options${i}: Json<${p.type}Options> = ${JSON.stringify(p.options)};`));
  return lines.join('\n') + '\n';
}

/** Type-checks `source` as a file in the repository (so `@grafana/schema` resolves from node_modules). */
export function diagnostics(source: string, name: string): string[] {
  const file = join(REPO_ROOT, 'test', `.${name}.grafana-check.ts`);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError, create) => (f === file ? ts.createSourceFile(f, source, lang, true) : getSourceFile(f, lang, onError, create));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f === file || fileExists(f);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (f === file ? source : readFile(f));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName === file ? name : d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

describe("dashboards against Grafana's schema (@grafana/schema types)", () => {
  it.each(dashboards)('$file is a Dashboard and every panel has valid options for its plugin', ({ file, text }) => {
    expect(diagnostics(typedSource(text), file)).toEqual([]);
  });

  it('the check catches what Grafana would not understand', () => {
    const d = JSON.parse(dashboards[0]!.text) as { panels: { options: { legend?: unknown }; type: string; fieldConfig: Record<string, unknown> }[]; graphTooltip: unknown };
    const bad = structuredClone(d);
    bad.graphTooltip = 'shared';
    bad.panels[0]!.fieldConfig['overides'] = [];
    const ts0 = bad.panels.find((p) => p.type === 'timeseries')!;
    ts0.options.legend = { displayMode: 'bullets', placement: 'bottom', showLegend: true, calcs: [] };
    const found = diagnostics(typedSource(JSON.stringify(bad, null, 2)), 'bad.json').join('\n');
    expect(found).toContain('overides');
    expect(found).toContain("not assignable to type 'DashboardCursorSync");
    expect(found).toContain('"bullets"');
  });
});

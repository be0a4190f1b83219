/**
 * Generates the values table of charts/palisade/README.md from the `# --` comments in
 * values.yaml (the helm-docs convention): `npx node charts/palisade/values-table.ts` rewrites
 * the table between the markers; `--check` exits 1 when the README is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export interface ValueDoc {
  key: string;
  description: string;
  default: string;
}

const BEGIN = '<!-- values-table:begin -->';
const END = '<!-- values-table:end -->';

function at(values: unknown, path: string[]): unknown {
  let v = values;
  for (const k of path) v = (v as Record<string, unknown> | undefined)?.[k];
  return v;
}

/** Every key with a `# -- description` comment above it, in file order, with its default. */
export function valueDocs(text: string): ValueDoc[] {
  const values = parse(text) as unknown;
  const docs: ValueDoc[] = [];
  const stack: { indent: number; key: string }[] = [];
  let pending: string[] | undefined;
  for (const line of text.split('\n')) {
    const comment = /^\s*# -- (.*)$/.exec(line);
    if (comment) {
      pending = [comment[1]!];
      continue;
    }
    const more = /^\s*# (.*)$/.exec(line);
    if (more && pending) {
      pending.push(more[1]!);
      continue;
    }
    const key = /^(\s*)([A-Za-z][\w-]*):/.exec(line);
    if (!key) {
      if (line.trim() === '') pending = undefined;
      continue;
    }
    const indent = key[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    stack.push({ indent, key: key[2]! });
    if (pending) {
      const path = stack.map((s) => s.key);
      const v = at(values, path);
      const documentedChildren = v !== null && typeof v === 'object' && !Array.isArray(v) && hasDocumentedChild(text, line);
      docs.push({ key: path.join('.'), description: pending.join(' '), default: documentedChildren ? '' : `\`${JSON.stringify(v)}\`` });
    }
    pending = undefined;
  }
  return docs;
}

/** The next non-blank line after `line` is a `# --` comment indented deeper: its children carry the docs. */
function hasDocumentedChild(text: string, line: string): boolean {
  const rest = text.slice(text.indexOf(`${line}\n`) + line.length + 1).split('\n');
  const next = rest.find((l) => l.trim() !== '');
  return next !== undefined && /^\s+# -- /.test(next);
}

export function table(docs: readonly ValueDoc[]): string {
  const rows = docs.map((d) => `| \`${d.key}\` | ${d.default.replaceAll('|', '\\|')} | ${d.description.replaceAll('|', '\\|')} |`);
  return ['| key | default | description |', '|---|---|---|', ...rows].join('\n');
}

export function withTable(readme: string, values: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`charts/palisade/README.md: markers ${BEGIN} … ${END} not found`);
  return `${readme.slice(0, begin + BEGIN.length)}\n${table(valueDocs(values))}\n${readme.slice(end)}`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const here = new URL('./', import.meta.url);
  const readmeUrl = new URL('README.md', here);
  const current = readFileSync(readmeUrl, 'utf8');
  const next = withTable(current, readFileSync(new URL('values.yaml', here), 'utf8'));
  if (process.argv.includes('--check')) {
    if (next !== current) {
      process.stdout.write('stale: charts/palisade/README.md (run: npx node charts/palisade/values-table.ts)\n');
      process.exitCode = 1;
    }
  } else writeFileSync(readmeUrl, next);
}

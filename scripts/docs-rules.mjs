/**
 * Writes docs/rules/ from the rules' metadata: one page per built-in rule and an index.
 * `npm run docs:rules` (builds first: this reads dist/); test/unit/rule-docs.test.ts fails when the committed pages are stale.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ruleDocFiles } from '../dist/engine/rule-docs.js';
import { RULES } from '../dist/rules/index.js';

const OUT = join(import.meta.dirname, '../docs/rules');

/** Markdown files under dir, relative paths. */
async function listMarkdown(dir, prefix = '') {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listMarkdown(join(dir, e.name), rel)));
    else if (e.name.endsWith('.md')) out.push(rel);
  }
  return out;
}

const files = ruleDocFiles(RULES);
for (const stale of await listMarkdown(OUT)) if (!files.has(stale)) await rm(join(OUT, stale));
for (const [rel, text] of files) {
  await mkdir(dirname(join(OUT, rel)), { recursive: true });
  await writeFile(join(OUT, rel), text);
}
console.log(`docs/rules: ${files.size} files`);

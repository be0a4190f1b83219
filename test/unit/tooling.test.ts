import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { ruleFamily } from '../../src/engine/rule.js';

const RULES_DIR = join(import.meta.dirname, '../../src/rules');

/** Rule modules: every .ts under src/rules/<family>/ that default-exports defineRule(...). */
function ruleFiles(): string[] {
  const out: string[] = [];
  for (const family of readdirSync(RULES_DIR, { withFileTypes: true })) {
    if (!family.isDirectory()) continue;
    for (const f of readdirSync(join(RULES_DIR, family.name))) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      const path = join(RULES_DIR, family.name, f);
      if (/export default defineRule\(/.test(readFileSync(path, 'utf8'))) out.push(path);
    }
  }
  return out.sort();
}

describe('rule registry and files', () => {
  const files = ruleFiles();
  const byId = new Map(RULES.map((r) => [r.meta.id, r]));

  it('has rules', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(RULES.length).toBe(files.length);
  });

  it('IDs are unique and shaped <family>/<kebab-name>', () => {
    expect(new Set(RULES.map((r) => r.meta.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.meta.id).toMatch(/^[a-z0-9-]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const file of files) {
    const rel = relative(RULES_DIR, file).replace(/\.ts$/, '');
    const id = rel.split('/').join('/');
    describe(rel, () => {
      it('is registered in src/rules/index.ts under the ID that matches its path', () => {
        expect(byId.has(id), `rule file ${rel}.ts is not registered (or its id is not "${id}")`).toBe(true);
      });
      it('has a test beside it', () => {
        expect(existsSync(file.replace(/\.ts$/, '.test.ts')), `missing ${rel}.test.ts`).toBe(true);
      });
      it('every message is exercised by its test', () => {
        const rule = byId.get(id);
        if (!rule) return expect.fail(`unregistered ${id}`);
        const test = readFileSync(file.replace(/\.ts$/, '.test.ts'), 'utf8');
        for (const messageId of Object.keys(rule.meta.messages)) {
          expect(test, `message "${messageId}" of ${id} is not asserted by any test`).toMatch(
            new RegExp(`messages:\\s*\\[[^\\]]*['"]${messageId}['"]`),
          );
        }
      });
      it('has complete metadata', () => {
        const m = byId.get(id)?.meta;
        if (!m) return expect.fail(`unregistered ${id}`);
        expect(ruleFamily(m.id)).toBe(rel.split('/')[0]);
        expect(m.title.length).toBeGreaterThan(5);
        expect(m.description.length).toBeGreaterThan(20);
        expect(m.remediation.length).toBeGreaterThan(10);
        expect(m.targets.length).toBeGreaterThan(0);
      });
    });
  }
});

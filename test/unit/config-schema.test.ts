import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../../src/config/schema.js';
import { createAjv } from '../../src/config/ajv.js';
import { defaultConfig } from '../../src/config/types.js';

const PUBLISHED = join(import.meta.dirname, '../../docs/config.schema.json');

describe('docs/config.schema.json', () => {
  it('equals the schema the loader uses (regenerated here when stale: commit the result)', () => {
    const expected = JSON.stringify(CONFIG_SCHEMA, null, 2) + '\n';
    const actual = existsSync(PUBLISHED) ? readFileSync(PUBLISHED, 'utf8') : '';
    if (actual !== expected && process.env['CI'] !== 'true') writeFileSync(PUBLISHED, expected);
    expect(actual, 'docs/config.schema.json was stale and has been regenerated; re-run and commit it').toBe(expected);
  });

  it('accepts the embedded defaults written out in full', () => {
    const validate = createAjv().compile(CONFIG_SCHEMA);
    expect(validate(JSON.parse(JSON.stringify(defaultConfig()))), JSON.stringify(validate.errors)).toBe(true);
  });
});

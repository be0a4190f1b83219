/**
 * Validation of a saved ScanResult (`report --from-result`, `--baseline`) against the published
 * JSON schemas: docs/scan-result.schema.json (2.x) and docs/schemas/scan-result-1.schema.json
 * (1.x). The files are read from the package (the image copies docs/ for this), compiled once.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../config/ajv.js';

/** Schema files by major version, relative to the package root. */
export const RESULT_SCHEMA_FILES: Readonly<Record<string, string>> = {
  '1': 'docs/schemas/scan-result-1.schema.json',
  '2': 'docs/scan-result.schema.json',
};

export interface ResultSchemaProblem {
  /** The schema file the document was checked against. */
  schema: string;
  /** JSON pointer of the first failing value (`/results/3/status`), `/` for the document. */
  path: string;
  message: string;
}

const compiled = new Map<string, ValidateFunction>();

function validatorFor(major: string): ValidateFunction {
  let v = compiled.get(major);
  if (!v) {
    const file = RESULT_SCHEMA_FILES[major]!;
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8')) as object;
    v = createAjv().compile(schema);
    compiled.set(major, v);
  }
  return v;
}

function describeError(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'enum' && Array.isArray(p['allowedValues'])) return `must be one of ${p['allowedValues'].map((x) => JSON.stringify(x)).join(', ')}, not ${JSON.stringify(e.data)}`;
  if (e.keyword === 'additionalProperties') return `unknown property ${JSON.stringify(p['additionalProperty'])}`;
  if (e.keyword === 'type') return `${e.message ?? 'wrong type'}, not ${e.data === null ? 'null' : Array.isArray(e.data) ? 'an array' : typeof e.data}`;
  return e.message ?? e.keyword;
}

/**
 * The first schema violation of `doc` for its `schemaVersion`'s major (1 or 2), or undefined
 * when it is valid. A document whose major has no schema is the caller's error to report.
 */
export function checkResultSchema(doc: unknown, major: string): ResultSchemaProblem | undefined {
  if (!(major in RESULT_SCHEMA_FILES)) throw new Error(`no ScanResult schema for version ${major}.x`);
  const validate = validatorFor(major);
  if (validate(doc)) return undefined;
  // Ajv reports in document order, the innermost failing keyword first.
  const first = validate.errors?.[0];
  if (!first) return { schema: RESULT_SCHEMA_FILES[major]!, path: '/', message: 'invalid' };
  return { schema: RESULT_SCHEMA_FILES[major]!, path: first.instancePath || '/', message: describeError(first) };
}

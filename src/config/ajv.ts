import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the plugin function itself,
// while its typings describe `{ default: plugin }`. Accept either shape.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

/** A draft 2020-12 validator with the standard formats (date, date-time, uri...). */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  addFormats(ajv);
  return ajv;
}

/**
 * A validator for user-written schemas (customRules[].schema): unknown keywords and malformed
 * schemas are errors, but the stylistic strict checks are off, as in Polaris' customChecks
 * (`required: [team]` under a map whose properties are not listed is ordinary JSON Schema).
 */
export function createUserSchemaAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, strictTuples: false, verbose: true });
  addFormats(ajv);
  return ajv;
}

import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { globMatch } from '../engine/glob.js';
import { createAjv } from './ajv.js';
import { CONFIG_SCHEMA } from './schema.js';
import { ConfigError } from './errors.js';
import { defaultConfig, type CustomRuleConfig, type PalisadeConfig } from './types.js';

type CustomRuleChecks = Pick<typeof import('../policy/custom-rules.js'), 'compileUserSchema'> &
  Pick<typeof import('../policy/validations.js'), 'CelCompileError' | 'compileValidations'>;

export { ConfigError };

export interface ConfigCheckOptions {
  /** Registered rule IDs: IDs and globs in the config must match at least one. */
  ruleIds?: readonly string[];
}

/** Alias uses allowed in palisade.yaml: far more than a real config needs, far fewer than a bomb. */
const CONFIG_MAX_ALIASES = 100;

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  validator ??= createAjv().compile(CONFIG_SCHEMA);
  return validator;
}

/**
 * The CEL and JSON Schema compilers that customRules are checked with. They are loaded only for a
 * config that has custom rules (loadConfigFile does it): a scan without them never pays their memory.
 */
let customRuleChecks: CustomRuleChecks | undefined;

/** Loads the custom-rule compilers; `parseConfigText` of a config with customRules needs them. */
export async function loadCustomRuleChecks(): Promise<void> {
  const [custom, validations] = await Promise.all([import('../policy/custom-rules.js'), import('../policy/validations.js')]);
  customRuleChecks = { compileUserSchema: custom.compileUserSchema, CelCompileError: validations.CelCompileError, compileValidations: validations.compileValidations };
}

/** Reads, validates and merges palisade.yaml over the embedded defaults. */
export async function loadConfigFile(path: string, opts: ConfigCheckOptions = {}): Promise<PalisadeConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read config ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`, path);
  }
  const parsed = parseConfigYaml(text, path);
  const custom = (parsed.raw as { customRules?: unknown } | null)?.customRules;
  if (Array.isArray(custom) && custom.length > 0) await loadCustomRuleChecks();
  const config = checkConfig(parsed, opts);
  // Like a kubeconfig's certificate-authority: relative to the file that names it.
  const caFile = config.kubelet.caFile;
  if (caFile !== undefined && !isAbsolute(caFile)) config.kubelet.caFile = resolve(dirname(path), caFile);
  return config;
}

/** Parses and validates config text; `file` names it in messages. */
export function parseConfigText(text: string, file: string, opts: ConfigCheckOptions = {}): PalisadeConfig {
  return checkConfig(parseConfigYaml(text, file), opts);
}

interface ParsedConfig {
  raw: unknown;
  file: string;
  doc: Document;
  lineCounter: LineCounter;
}

function parseConfigYaml(text: string, file: string): ParsedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
    throw new ConfigError(`config ${file} is not valid YAML:\n  ${problems.join('\n  ')}`, file, problems);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: CONFIG_MAX_ALIASES }) ?? {};
  } catch (err) {
    // The yaml library refuses alias expansion past the limit (a "billion laughs" document).
    const detail = err instanceof Error && /alias/i.test(err.message) ? `YAML aliases expand too far (over ${CONFIG_MAX_ALIASES} alias uses); refused` : String(err);
    throw new ConfigError(`config ${file} is not valid YAML:\n  ${file}: ${detail}`, file, [detail]);
  }
  return { raw, file, doc, lineCounter };
}

function checkConfig({ raw, file, doc, lineCounter }: ParsedConfig, opts: ConfigCheckOptions): PalisadeConfig {
  const locate = (pointer: string, key?: string): string => {
    const line = lineOf(doc, lineCounter, pointer, key);
    return line === undefined ? file : `${file}:${line}`;
  };
  const problems = schemaProblems(raw, locate);
  if (problems.length === 0) problems.push(...kubeletProblems(raw as UserConfig, locate), ...isolationProblems(raw as UserConfig, locate));
  if (problems.length === 0) problems.push(...customRuleProblems((raw as UserConfig).customRules ?? [], opts.ruleIds ?? [], locate));
  if (problems.length === 0 && opts.ruleIds) {
    const custom = ((raw as UserConfig).customRules ?? []).map((r) => r.id);
    problems.push(...ruleIdProblems(raw as UserConfig, [...opts.ruleIds, ...custom], locate));
  }
  if (problems.length > 0) {
    throw new ConfigError(`invalid config ${file}:\n  ${problems.join('\n  ')}`, file, problems);
  }
  return mergeConfig(defaultConfig(), raw);
}

/** Shallow-by-section merge of a validated user config over the defaults. */
export function mergeConfig(base: PalisadeConfig, user: unknown): PalisadeConfig {
  const u = (user ?? {}) as UserConfig;
  return {
    ...base,
    ...u,
    rules: { ...base.rules, ...(u.rules ?? {}) },
    tenancy: { ...base.tenancy, ...(u.tenancy ?? {}) },
    waivers: u.waivers ?? base.waivers,
    kubelet: { ...base.kubelet, ...(u.kubelet ?? {}) },
    // Labels replace the default set (so `labels: {}` turns skipping off).
    skip: { labels: u.skip?.labels ?? base.skip.labels },
    ...(u.namespaces ? { namespaces: { include: u.namespaces.include ?? [], exclude: u.namespaces.exclude ?? [] } } : {}),
  } as PalisadeConfig;
}

type UserConfig = Partial<Omit<PalisadeConfig, 'rules' | 'tenancy' | 'kubelet' | 'namespaces' | 'skip'>> & {
  skip?: { labels?: Record<string, string> };
  namespaces?: { include?: string[]; exclude?: string[] };
  rules?: Partial<PalisadeConfig['rules']>;
  tenancy?: Partial<PalisadeConfig['tenancy']>;
  kubelet?: Partial<PalisadeConfig['kubelet']>;
};

/** A kubelet CA and "do not verify" contradict each other: say so instead of picking one. */
function kubeletProblems(c: UserConfig, locate: Locate): string[] {
  if (c.kubelet?.caFile === undefined || c.kubelet.insecureSkipTLSVerify !== true) return [];
  return [`${locate('/kubelet')}: kubelet: give caFile (verify kubelets against that CA) or insecureSkipTLSVerify: true (do not verify), not both`];
}

/** `untrusted: true` means hard isolation: a tenant that also says `isolation: soft` contradicts itself. */
function isolationProblems(c: UserConfig, locate: Locate): string[] {
  return (c.tenancy?.tenants ?? []).flatMap((t, i) =>
    t.untrusted === true && t.isolation === 'soft'
      ? [`${locate(`/tenancy/tenants/${i}`)}: tenancy.tenants[${i}] (${t.name}): untrusted: true means isolation: hard; drop one of them`]
      : [],
  );
}

// ---------------------------------------------------------------------------------------
// Schema errors → one readable line each: where (file:line, dotted path), what, and the fix.

type Locate = (pointer: string, key?: string) => string;

function schemaProblems(raw: unknown, locate: Locate): string[] {
  const check = validate();
  if (check(raw)) return [];
  const errors = (check.errors ?? []).filter((e) => !e.schemaPath.includes('/anyOf/') && e.keyword !== 'propertyNames');
  const lines = errors.map((e) => describeError(e, locate));
  return [...new Set(lines)];
}

/** `/rules/severity/pss~1privileged` → `rules.severity.pss/privileged`; `/waivers/0/rule` → `waivers[0].rule`. */
export function dottedPath(pointer: string, key?: string): string {
  const segments = pointerSegments(pointer);
  if (key !== undefined) segments.push(key);
  let out = '';
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out === '' ? s : `.${s}`;
  return out === '' ? '(top level)' : out;
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describeError(e: ErrorObject, locate: Locate): string {
  const at = dottedPath(e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: Record<string, unknown> }).properties ?? {});
      const guess = closest(key, allowed);
      const fix = guess ? `did you mean '${guess}'?` : `allowed keys: ${allowed.join(', ')}`;
      return `${locate(e.instancePath, key)}: unknown key '${key}' at ${at}: ${fix}`;
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return `${locate(e.instancePath)}: ${at}: missing required key '${missing}'`;
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      return `${locate(e.instancePath)}: ${at}: must be one of ${allowed.join('|')} (got ${JSON.stringify(e.data)})`;
    }
    case 'anyOf':
      return `${locate(e.instancePath)}: ${at}: must be a date (2026-12-31) or a date-time (2026-12-31T18:00:00Z), got ${JSON.stringify(e.data)}`;
    case 'type':
      return `${locate(e.instancePath)}: ${at}: must be ${article(String((e.params as { type: string }).type))} (got ${kindOf(e.data)})`;
    case 'pattern':
      return `${locate(e.instancePath)}: ${at}: ${JSON.stringify(e.data)} ${patternHint(String((e.params as { pattern: string }).pattern))}`;
    default:
      return `${locate(e.instancePath)}: ${at}: ${e.message ?? 'is invalid'}`;
  }
}

function patternHint(pattern: string): string {
  if (pattern.startsWith('^custom/')) return 'is not a custom rule ID: it must be custom/<kebab-name>, e.g. custom/replicas-max';
  if (pattern.startsWith('^[a-z0-9*?-]+')) return 'is not a rule ID (family/name, e.g. pss/privileged) or glob (pss/*)';
  if (pattern.startsWith('^v?1')) return 'is not a Kubernetes minor version such as "1.36"';
  if (pattern.startsWith('^[A-Z]')) return 'is not a Kubernetes kind such as "Deployment"';
  if (pattern.startsWith('^[a-z0-9](')) return 'is not a DNS label (lower case letters, digits, "-")';
  if (pattern.startsWith('^([0-9]{1,3}')) return 'is not a CIDR such as "10.244.0.0/16" or "fd00::/64"';
  return `does not match ${pattern}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** The allowed key closest to a typo, when it is close enough to be the likely intent. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** Damerau (optimal string alignment) distance: a swapped pair of letters counts as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** 1-based line of the node at a JSON pointer (or of one key of the map there). */
function lineOf(doc: Document, lc: LineCounter, pointer: string, key?: string): number | undefined {
  const path = pointerSegments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  let range: readonly number[] | null | undefined;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    range = (pair?.key as { range?: number[] } | null)?.range;
  } else if (node && typeof node === 'object' && 'range' in node) {
    range = (node as { range?: number[] | null }).range;
  } else if (isSeq(node)) {
    range = node.range;
  }
  return range ? lc.linePos(range[0]!).line : undefined;
}

// ---------------------------------------------------------------------------------------
// Custom rules: CEL must compile, a schema must be valid JSON Schema, IDs must be new.

function customRuleProblems(rules: readonly CustomRuleConfig[], builtIn: readonly string[], locate: Locate): string[] {
  const problems: string[] = [];
  if (rules.length === 0) return problems;
  if (!customRuleChecks) throw new Error('internal: customRules are checked only after loadCustomRuleChecks()');
  const { compileUserSchema, compileValidations, CelCompileError } = customRuleChecks;
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    const at = `/customRules/${i}`;
    const name = dottedPath(at);
    if (builtIn.includes(r.id)) problems.push(`${locate(`${at}/id`)}: ${name}.id: '${r.id}' is a built-in rule; choose another custom/<name>`);
    const first = seen.get(r.id);
    if (first !== undefined) problems.push(`${locate(`${at}/id`)}: ${name}.id: '${r.id}' is already used by customRules[${first}]; IDs must be unique`);
    else seen.set(r.id, i);
    if ((r.validations === undefined) === (r.schema === undefined)) {
      problems.push(`${locate(at)}: ${name}: give either validations (CEL) or schema (JSON Schema), ${r.schema ? 'not both' : 'one of them'}`);
      return;
    }
    if (r.schema !== undefined) {
      try {
        compileUserSchema(r.schema);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        problems.push(`${locate(`${at}/schema`)}: ${name}.schema: not a valid JSON Schema (draft 2020-12): ${why}; fix the schema (see docs/custom-rules.md)`);
      }
      return;
    }
    try {
      compileValidations(r.validations ?? []);
    } catch (err) {
      if (!(err instanceof CelCompileError)) throw err;
      problems.push(`${locate(`${at}/${err.field.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`)}: ${name}.${err.field}: ${err.message}; fix the expression (supported functions: docs/custom-rules.md)`);
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------
// Rule IDs: every ID or glob must name at least one registered rule.

function ruleIdProblems(c: UserConfig, ruleIds: readonly string[], locate: Locate): string[] {
  const problems: string[] = [];
  const check = (pattern: string, pointer: string, key?: string, exact = false): void => {
    if (exact ? ruleIds.includes(pattern) : ruleIds.some((id) => globMatch(pattern, id))) return;
    // vap/<policy-name> rules come from the cluster's ValidatingAdmissionPolicies, known only at scan time.
    if (pattern.startsWith('vap/')) return;
    const guess = closest(pattern, ruleIds);
    problems.push(
      `${locate(pointer, key)}: ${dottedPath(pointer, key)}: '${pattern}' ${exact ? 'is not a rule ID (no globs here)' : 'matches no rule'}; ${guess ? `did you mean '${guess}'?` : 'run "palisade rules" for the list'}`,
    );
  };
  c.rules?.disabled?.forEach((p, i) => check(p, `/rules/disabled/${i}`));
  c.rules?.only?.forEach((p, i) => check(p, `/rules/only/${i}`));
  // Severity and options are looked up by exact ID, so a glob there would silently do nothing.
  for (const id of Object.keys(c.rules?.severity ?? {})) check(id, '/rules/severity', id, true);
  for (const id of Object.keys(c.rules?.options ?? {})) check(id, '/rules/options', id, true);
  c.waivers?.forEach((w, i) => check(w.rule, `/waivers/${i}/rule`));
  if (problems.length > 0) return problems;

  const only = c.rules?.only ?? [];
  const disabled = c.rules?.disabled ?? [];
  const enabled = ruleIds.filter((id) => (only.length === 0 || only.some((g) => globMatch(g, id))) && !disabled.some((g) => globMatch(g, id)));
  if (enabled.length === 0) {
    problems.push(`${locate('/rules')}: rules: no rule is left enabled by rules.only and rules.disabled; remove some entries from rules.disabled`);
  }
  return problems;
}

/**
 * CEL as Kubernetes' ValidatingAdmissionPolicy evaluates it: @bufbuild/cel (standard library,
 * strings extension) plus the Kubernetes extension libraries in cel-ext.ts. Objects are
 * unstructured JSON: integral numbers are CEL ints, others doubles, as the API server decodes them.
 * A function outside this set is reported by name at compile time, never evaluated as false.
 */
import { celEnv, celMap, isCelError, type CelError, isCelList, isCelMap, parse, plan, type CelEnv, type CelInput, type CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { K8S_EXTENSIONS, opaqueString } from './cel-ext.js';

/** Functions parsed as calls but handled by the evaluator itself (operators, macros' internals). */
const BUILTIN = /^[_@!-]/;

/** Known Kubernetes CEL functions Palisade does not evaluate, with why: named in the error. */
const UNSUPPORTED_HINT: Record<string, string> = {
  authorizer: 'authorization checks need the live API server',
  format: 'the format library (format.dns1123Label() ...) is not supported yet',
  named: 'the format library is not supported yet',
  semver: 'the semver library is not supported yet',
  isSemver: 'the semver library is not supported yet',
  bind: 'cel.bind is not supported; repeat the expression or use a VAP variable',
};

/** Namespaces of Kubernetes CEL library functions (`format.dns1123Label()`, `cel.bind()`...): a call on one is a qualified function name, not a method. */
const LIBRARY_NAMESPACES = new Set(['format', 'cel', 'sets', 'math', 'base64', 'optional', 'strings', 'ip', 'authorizer']);

/**
 * @bufbuild/cel 0.6.1's native map answers `has(key)` with `get(key) != undefined`, so a key whose
 * value is null counts as absent, unlike cel-go (`has(object.rules)` is true for `rules: null`, which
 * is how the API server stores a ClusterRole without rules; the VAP differential found it). Until
 * that is fixed upstream, presence of a string key with a null value is answered here.
 */
function patchNullPresence(): void {
  const proto = Object.getPrototypeOf(celMap(new Map<string, CelInput>())) as {
    has(this: { _map: ReadonlyMap<unknown, unknown> }, key: unknown): boolean;
    [PATCHED]?: true;
  };
  if (proto[PATCHED]) return;
  const original = proto.has;
  proto.has = function (key) {
    return original.call(this, key) || (typeof key === 'string' && this._map instanceof Map && this._map.get(key) === null);
  };
  proto[PATCHED] = true;
}
const PATCHED = Symbol.for('palisade.cel.nullPresence');

let env: CelEnv | undefined;
function celEnvironment(): CelEnv {
  if (!env) patchNullPresence();
  env ??= celEnv({ funcs: [...strings, ...K8S_EXTENSIONS] });
  return env;
}

export type CelProgram = (vars: Record<string, CelInput>) => CelValue | CelError;

export type Compiled = { ok: true; run: CelProgram } | { ok: false; error: string };

interface AstNode {
  exprKind?: { case?: string; value?: unknown };
}

/** Every function name called anywhere in a parsed expression. */
function calledFunctions(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const n of node) calledFunctions(n, out);
    return out;
  }
  if (node === null || typeof node !== 'object') return out;
  const kind = (node as AstNode).exprKind;
  if (kind?.case === 'callExpr') {
    const call = kind.value as { function: string; target?: AstNode };
    // `ip.isCanonical(x)` parses as a method on the identifier `ip`; the library names it in full.
    const qualifier = call.target?.exprKind?.case === 'identExpr' ? (call.target.exprKind.value as { name: string }).name : undefined;
    const qualified = qualifier !== undefined && (celEnvironment().funcs.find(`${qualifier}.${call.function}`) !== undefined || LIBRARY_NAMESPACES.has(qualifier));
    out.add(qualified ? `${qualifier}.${call.function}` : call.function);
  }
  for (const [k, v] of Object.entries(node)) if (k !== '$typeName' && typeof v === 'object') calledFunctions(v, out);
  return out;
}

/** Parses and checks a CEL expression; `ok: false` says why (syntax, or the unsupported functions by name). */
export function compileCel(expression: string): Compiled {
  let ast: ReturnType<typeof parse>;
  try {
    ast = parse(expression);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const hint = /found \. but expecting/.test(msg) && expression.includes('.?') ? ' (optional field selection `.?` is not supported)' : '';
    return { ok: false, error: `CEL syntax error: ${msg.replace(/^<input>:/, '')}${hint}` };
  }
  const e = celEnvironment();
  const unsupported = [...calledFunctions(ast.expr, new Set())].filter((f) => !BUILTIN.test(f) && e.funcs.find(f) === undefined);
  if (unsupported.length > 0) {
    const why = unsupported.map((f) => {
      const hint = UNSUPPORTED_HINT[f] ?? UNSUPPORTED_HINT[f.split('.')[0]!];
      return hint ? `${f} (${hint})` : f;
    });
    return { ok: false, error: `unsupported CEL function${unsupported.length > 1 ? 's' : ''}: ${why.join(', ')}` };
  }
  const planned = plan(e, ast);
  return {
    ok: true,
    run: (vars) => planned(vars),
  };
}

/** Unstructured JSON → CEL input: integral numbers become ints (bigint), as in the API server. */
export function toCel(v: unknown): CelInput {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCel);
  if (typeof v === 'object') {
    // A Map, not a plain object: a key whose value is null is present (`has()` is true), as in
    // the API server's unstructured objects (a ClusterRole without rules is stored as `rules: null`).
    const out = new Map<string, CelInput>();
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out.set(k, toCel(x));
    return out;
  }
  return v as CelInput;
}

/** A CEL value as plain text for messages. */
export function celText(v: CelValue): string {
  const opaque = opaqueString(v);
  if (opaque !== undefined) return opaque;
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  if (isCelList(v)) return `[${[...v].map(celText).join(', ')}]`;
  if (isCelMap(v)) return `{${[...v.entries()].map(([k, x]) => `${String(k)}: ${celText(x)}`).join(', ')}}`;
  return String(v);
}

export type EvalOutcome = { ok: true; value: CelValue } | { ok: false; error: string };

/** Runs a compiled program; CEL errors (no such key, bad overload...) come back as `ok: false`. */
export function evalCel(program: CelProgram, vars: Record<string, CelInput>): EvalOutcome {
  try {
    const value = program(vars);
    if (isCelError(value)) return { ok: false, error: value.message };
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

type CelExpr = ReturnType<typeof parse>['expr'];

/** One operand of a top-level `&&` chain, with what it reads. */
export interface CelConjunct {
  /**
   * Every read of a free variable: `var.field` for a plain field selection on it (`request.namespace`),
   * `var` for anything else (the whole variable, an index, or a `has()` test on it).
   */
  reads: string[];
  run: CelProgram;
}

export type SplitConjuncts = { ok: true; parts: CelConjunct[] } | { ok: false; error: string };

/** The free-variable reads of an expression (comprehension variables are bound, not free). */
function freeReads(node: CelExpr | undefined, bound: ReadonlySet<string>, out: string[]): void {
  if (!node) return;
  const k = node.exprKind;
  switch (k.case) {
    case 'identExpr':
      if (!bound.has(k.value.name)) out.push(k.value.name);
      return;
    case 'selectExpr': {
      const op = k.value.operand;
      if (op?.exprKind.case === 'identExpr' && !bound.has(op.exprKind.value.name)) {
        out.push(k.value.testOnly ? op.exprKind.value.name : `${op.exprKind.value.name}.${k.value.field}`);
        return;
      }
      freeReads(op, bound, out);
      return;
    }
    case 'callExpr':
      freeReads(k.value.target, bound, out);
      for (const a of k.value.args) freeReads(a, bound, out);
      return;
    case 'listExpr':
      for (const e of k.value.elements) freeReads(e, bound, out);
      return;
    case 'structExpr':
      for (const e of k.value.entries) {
        if (e.keyKind.case === 'mapKey') freeReads(e.keyKind.value, bound, out);
        freeReads(e.value, bound, out);
      }
      return;
    case 'comprehensionExpr': {
      const c = k.value;
      freeReads(c.iterRange, bound, out);
      freeReads(c.accuInit, bound, out);
      const inner = new Set([...bound, c.iterVar, c.iterVar2, c.accuVar].filter((v) => v !== ''));
      freeReads(c.loopCondition, inner, out);
      freeReads(c.loopStep, inner, out);
      freeReads(c.result, inner, out);
      return;
    }
    default:
      return;
  }
}

/**
 * Splits a boolean CEL expression at its top-level `&&` and plans each operand on its own, with
 * the variables it reads. `a && b` is false as soon as one operand is false, whatever the others
 * give (errors included), so an operand that reads only what is known decides a false result alone.
 */
export function celConjuncts(expression: string): SplitConjuncts {
  const whole = compileCel(expression);
  if (!whole.ok) return whole;
  const ast = parse(expression).expr;
  const operands: CelExpr[] = [];
  const walk = (e: CelExpr): void => {
    if (e.exprKind.case === 'callExpr' && e.exprKind.value.function === '_&&_' && e.exprKind.value.target === undefined) e.exprKind.value.args.forEach(walk);
    else operands.push(e);
  };
  walk(ast);
  const e = celEnvironment();
  return {
    ok: true,
    parts: operands.map((op) => {
      const reads: string[] = [];
      freeReads(op, new Set(), reads);
      const planned = plan(e, op);
      return { reads: [...new Set(reads)].sort(), run: (vars) => planned(vars) };
    }),
  };
}

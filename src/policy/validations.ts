/**
 * `validations[]` as a ValidatingAdmissionPolicy runs them: each expression must be true; a false
 * one yields its messageExpression (when that gives a non-empty string), else its message, else
 * "failed expression: <expression>"; an expression that fails to evaluate, or is not a bool, is an
 * error, which the caller resolves (custom rule: an `error` result; VAP: the failurePolicy).
 */
import type { CelInput } from '@bufbuild/cel';
import { compileCel, evalCel, type CelProgram } from './cel.js';

export interface ValidationSpec {
  expression: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
}

export interface CompiledValidation {
  spec: ValidationSpec;
  program: CelProgram;
  messageProgram?: CelProgram;
}

type ValidationOutcome =
  | { index: number; status: 'pass' }
  | { index: number; status: 'fail'; message: string; reason: string }
  | { index: number; status: 'error'; error: string };

export class CelCompileError extends Error {
  constructor(
    message: string,
    /** `validations[2].expression` etc. */
    readonly field: string,
  ) {
    super(message);
    this.name = 'CelCompileError';
  }
}

/** Compiles every expression; throws CelCompileError naming the first one that does not compile. */
export function compileValidations(specs: readonly ValidationSpec[], path = 'validations'): CompiledValidation[] {
  return specs.map((spec, i) => {
    const c = compileCel(spec.expression);
    if (!c.ok) throw new CelCompileError(c.error, `${path}[${i}].expression`);
    const out: CompiledValidation = { spec, program: c.run };
    if (spec.messageExpression !== undefined) {
      const m = compileCel(spec.messageExpression);
      if (!m.ok) throw new CelCompileError(m.error, `${path}[${i}].messageExpression`);
      out.messageProgram = m.run;
    }
    return out;
  });
}

function failureMessage(v: CompiledValidation, vars: Record<string, CelInput>): string {
  if (v.messageProgram) {
    const m = evalCel(v.messageProgram, vars);
    if (m.ok && typeof m.value === 'string' && m.value.trim() !== '' && !m.value.includes('\n')) return m.value;
  }
  return v.spec.message ?? `failed expression: ${v.spec.expression}`;
}

/**
 * Evaluates every validation against the bound variables. A result that is not a bool is an error
 * for custom rules; the API server (nonBool: 'false') denies it like false, as it only admits `true`.
 */
export function runValidations(validations: readonly CompiledValidation[], vars: Record<string, CelInput>, nonBool: 'error' | 'false' = 'error'): ValidationOutcome[] {
  return validations.map((v, index): ValidationOutcome => {
    const r = evalCel(v.program, vars);
    if (!r.ok) return { index, status: 'error', error: `expression '${v.spec.expression}' resulted in error: ${r.error}` };
    if (typeof r.value !== 'boolean' && nonBool === 'error') return { index, status: 'error', error: `expression '${v.spec.expression}' must evaluate to bool` };
    if (r.value === true) return { index, status: 'pass' };
    return { index, status: 'fail', message: failureMessage(v, vars), reason: v.spec.reason ?? 'Invalid' };
  });
}

/**
 * `customRules` from palisade.yaml compiled into ordinary rules: CEL validations with
 * ValidatingAdmissionPolicy semantics, or a JSON Schema (ajv) over the target object.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { CelInput } from '@bufbuild/cel';
import { createUserSchemaAjv } from '../config/ajv.js';
import type { CustomRuleConfig } from '../config/types.js';
import { globMatch } from '../engine/glob.js';
import { defineRule, type Rule, type RuleContext } from '../engine/rule.js';
import { matchesSelector } from '../inventory/selectors.js';
import type { K8sObject } from '../model/k8s.js';
import { toCel } from './cel.js';
import { metadataOnlyReason, requestOf } from './resources.js';
import { compileValidations, runValidations, type CompiledValidation } from './validations.js';

type CustomMessage = 'violation';
type CustomContext = RuleContext<CustomMessage>;

/** Compiles a user JSON Schema; throws with ajv's reason when it is not a valid schema. */
export function compileUserSchema(schema: Record<string, unknown>): ValidateFunction {
  return createUserSchemaAjv().compile(schema);
}

/** Dotted path of an ajv instance pointer: `/spec/containers/0/image` → `spec.containers[0].image`. */
function dotted(pointer: string): string {
  let out = '';
  for (const s of pointer.split('/').slice(1).map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    out += /^\d+$/.test(s) ? `[${s}]` : out === '' ? s : `.${s}`;
  }
  return out === '' ? '(object)' : out;
}

function schemaMessage(e: ErrorObject): string {
  const at = dotted(e.instancePath);
  if (e.keyword === 'required') return `${at === '(object)' ? '' : `${at}: `}missing required field '${String((e.params as { missingProperty: string }).missingProperty)}'`;
  return `${at}: ${e.message ?? 'is invalid'}`;
}

/** Namespace, label and param filters shared by both kinds of custom rule; false = not evaluated (already reported). */
function inScope(cfg: CustomRuleConfig, ctx: CustomContext): boolean {
  const { target, snapshot } = ctx;
  const hidden = metadataOnlyReason(target, snapshot);
  if (hidden !== undefined) {
    ctx.unknown(hidden);
    return false;
  }
  const ns = target.metadata.namespace;
  if (cfg.namespaces && (ns === undefined || !cfg.namespaces.some((g) => globMatch(g, ns)))) {
    ctx.notApplicable(`namespace ${ns ?? '(cluster-scoped)'} is not in namespaces`);
    return false;
  }
  if (cfg.objectSelector && !matchesSelector(cfg.objectSelector, target.metadata.labels)) {
    ctx.notApplicable('labels do not match objectSelector');
    return false;
  }
  if (cfg.namespaceSelector && ns !== undefined) {
    const nsObj = snapshot.namespace(ns);
    if (!nsObj) {
      ctx.unknown(`namespace ${ns} is not in the input, so namespaceSelector cannot be evaluated`);
      return false;
    }
    if (!matchesSelector(cfg.namespaceSelector, nsObj.metadata.labels)) {
      ctx.notApplicable(`namespace ${ns} does not match namespaceSelector`);
      return false;
    }
  }
  return true;
}

function paramsOf(cfg: CustomRuleConfig, ctx: CustomContext): K8sObject | null | undefined {
  if (!cfg.paramRef) return null;
  const { kind, name, namespace } = cfg.paramRef;
  const p = ctx.snapshot.get(kind, name, namespace);
  if (!p) ctx.unknown(`paramRef ${kind}/${namespace ? `${namespace}/` : ''}${name} is not in the input`);
  return p;
}

function celCheck(cfg: CustomRuleConfig, validations: readonly CompiledValidation[], ctx: CustomContext): void {
  if (!inScope(cfg, ctx)) return;
  const params = paramsOf(cfg, ctx);
  if (params === undefined) return;
  const { target, snapshot } = ctx;
  const ns = target.metadata.namespace;
  const vars: Record<string, CelInput> = {
    object: toCel(target),
    oldObject: null,
    params: toCel(params),
    namespaceObject: ns === undefined ? null : toCel(snapshot.namespace(ns) ?? null),
    request: toCel(requestOf(target, snapshot)),
  };
  const errors: string[] = [];
  for (const o of runValidations(validations, vars)) {
    if (o.status === 'fail') {
      ctx.fail('violation', { message: o.message }, [{ path: `validations[${o.index}]`, actual: o.reason, expected: validations[o.index]!.spec.expression }]);
    } else if (o.status === 'error') {
      errors.push(`validations[${o.index}]: ${o.error}`);
    }
  }
  // An expression that cannot be evaluated is never a pass: the runner records it as `error`.
  if (errors.length > 0) throw new Error(errors.join('; '));
}

function schemaCheck(cfg: CustomRuleConfig, validate: ValidateFunction, ctx: CustomContext): void {
  if (!inScope(cfg, ctx)) return;
  if (validate(ctx.target)) return;
  for (const e of validate.errors ?? []) {
    ctx.fail('violation', { message: schemaMessage(e) }, [{ path: dotted(e.instancePath), actual: e.data, expected: `${e.keyword}: ${e.message ?? ''}`.trim() }]);
  }
}

/** One custom rule as a Rule. Throws on a rule that does not compile (config validation reports those first, with lines). */
export function compileCustomRule(cfg: CustomRuleConfig): Rule {
  const requires = [...(cfg.paramRef ? [cfg.paramRef.kind] : []), ...(cfg.namespaceSelector ? ['Namespace'] : [])];
  const meta = {
    id: cfg.id,
    title: cfg.title,
    description: cfg.description ?? `Site rule from palisade.yaml (${cfg.schema ? 'JSON Schema' : 'CEL'}).`,
    remediation: cfg.remediation ?? (cfg.validations?.map((v) => v.message ?? v.expression).join('; ') || `Make the object satisfy the rule's JSON Schema: ${cfg.title}`),
    severity: cfg.severity,
    category: cfg.category ?? 'security',
    references: [],
    targets: cfg.targets,
    scope: 'object' as const,
    ...(requires.length > 0 ? { requires } : {}),
    messages: { violation: '{{message}}' },
  };
  if (cfg.schema) {
    const validate = compileUserSchema(cfg.schema);
    return defineRule<CustomMessage>({ meta, check: (ctx) => schemaCheck(cfg, validate, ctx) });
  }
  const validations = compileValidations(cfg.validations ?? []);
  return defineRule<CustomMessage>({ meta, check: (ctx) => celCheck(cfg, validations, ctx) });
}

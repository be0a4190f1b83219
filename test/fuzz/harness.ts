/**
 * One fuzz case: a base inventory with some objects mutated (test/fuzz/mutate.ts), scanned
 * in-process through the engine, and checked against what issue 13 asks:
 * - nothing throws (no internal error), and no rule reports `error` (no rule met a type it did not check);
 * - each object the validator refuses is one `invalid-object` inventory error, and the scan says incomplete;
 * - the exit code is in the documented set;
 * - every result of an object that was not mutated equals its result in a scan where the refused
 *   objects were never given (an invalid object leaves no trace in the others' results).
 */
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import { validateObject } from '../../src/inventory/validate.js';
import { objectKey, refString, type K8sObject } from '../../src/model/k8s.js';
import type { RuleResult } from '../../src/model/result.js';
import type { ScanResult } from '../../src/report/model.js';
import { RULES } from '../../src/rules/index.js';
import { exitCode } from '../../src/cli/commands/scan.js';
import { mutate, pathsOf, pathString, type Mutation } from './mutate.js';

/** Exit codes a scan may end with (docs/cli.md); 2 and 4 cannot come from an in-process scan of objects. */
export const SCAN_EXIT_CODES: ReadonlySet<number> = new Set([0, 1, 3]);

export interface MutationSpec {
  /** Index into the base objects (taken modulo their number). */
  object: number;
  /** Index into the object's paths (modulo their number). */
  path: number;
  mutation: Mutation;
}

export interface CaseOutcome {
  /** What was done, for a failure message: `Deployment/shop/web spec.replicas number`. */
  applied: string[];
  mutated: number;
  refused: number;
  problems: string[];
  exitCode: number;
}

/** The results of a scan; the one place that knows where a ScanResult keeps them. */
export function resultsOf(result: ScanResult): readonly RuleResult[] {
  return [...result.results];
}

const config = defaultConfig();
const NOW = new Date('2026-06-01T00:00:00Z');

function scan(objects: readonly K8sObject[]): ScanResult {
  const snapshot = new Snapshot({ objects: [...objects], source: 'fuzz', mode: 'offline' });
  return scanSnapshot(snapshot, { config, rules: RULES, now: NOW }).result;
}

/** The mutated inventory: each spec mutates one object (several specs may hit the same one). */
export function applyMutations(base: readonly K8sObject[], specs: readonly MutationSpec[]): { objects: K8sObject[]; touched: Set<number>; applied: string[] } {
  const objects = [...base];
  const touched = new Set<number>();
  const applied: string[] = [];
  for (const spec of specs) {
    const i = spec.object % objects.length;
    const paths = pathsOf(objects[i]);
    if (paths.length === 0) continue;
    const path = paths[spec.path % paths.length]!;
    applied.push(`${describe(base[i]!)} ${pathString(path)} ${spec.mutation}`);
    objects[i] = mutate(objects[i]!, path, spec.mutation);
    touched.add(i);
  }
  return { objects, touched, applied };
}

function describe(o: K8sObject): string {
  return objectKey(o);
}

function resultKey(r: RuleResult): string {
  return `${r.rule}\u0000${r.object.kind}/${r.object.namespace ?? ''}/${r.object.name}`;
}

function comparable(r: RuleResult): string {
  return JSON.stringify({ status: r.status, message: r.message, evidence: r.evidence, severity: r.severity, tenant: r.tenant });
}

/** Runs one case; `problems` is empty when every property holds. */
export function runCase(base: readonly K8sObject[], specs: readonly MutationSpec[]): CaseOutcome {
  const { objects, touched, applied } = applyMutations(base, specs);
  const problems: string[] = [];
  const refusedIdx = [...touched].filter((i) => !validateObject(objects[i]).ok);
  const refused = new Set(refusedIdx);
  let result: ScanResult;
  try {
    result = scan(objects);
  } catch (err) {
    return { applied, mutated: touched.size, refused: refused.size, problems: [`scan threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`], exitCode: -1 };
  }
  const code = exitCode(result, undefined);
  if (!SCAN_EXIT_CODES.has(code)) problems.push(`exit code ${code} is not in the documented set`);
  for (const r of resultsOf(result)) if (r.status === 'error') problems.push(`rule error: ${r.rule} on ${r.object.kind}/${r.object.name}: ${r.message}`);
  const invalid = result.errors.filter((e) => e.reason === 'invalid-object').length;
  if (invalid !== refused.size) problems.push(`${invalid} invalid-object errors for ${refused.size} refused objects`);
  if (refused.size > 0 && !result.incomplete) problems.push('objects were refused but the scan is not marked incomplete');

  // The reference: the same inventory without the refused objects.
  const reference = scan(objects.filter((_, i) => !refused.has(i)));
  const expected = new Map(resultsOf(reference).map((r) => [resultKey(r), comparable(r)]));
  const mutatedKeys = new Set([...touched].filter((i) => !refused.has(i)).map((i) => objectKey(objects[i]!)));
  const seen = new Set<string>();
  for (const r of resultsOf(result)) {
    if (mutatedKeys.has(refString(r.object))) continue;
    const key = resultKey(r);
    seen.add(key);
    const want = expected.get(key);
    if (want !== comparable(r)) problems.push(`result changed: ${key.replace('\u0000', ' ')}: ${want ?? '(absent)'} -> ${comparable(r)}`);
    if (problems.length > 20) break;
  }
  for (const r of resultsOf(reference)) {
    if (!mutatedKeys.has(refString(r.object)) && !seen.has(resultKey(r))) problems.push(`result lost: ${resultKey(r).replace('\u0000', ' ')}`);
    if (problems.length > 20) break;
  }
  return { applied, mutated: touched.size, refused: refused.size, problems, exitCode: code };
}

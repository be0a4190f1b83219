import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { defaultConfig, type PalisadeConfig } from '../../src/config/types.js';
import { evaluate } from '../../src/engine/runner.js';
import type { MessageData, Rule, RuleContext } from '../../src/engine/rule.js';
import { isK8sObject, refString, objectRef, type K8sObject } from '../../src/model/k8s.js';
import type { Evidence, Status } from '../../src/model/result.js';
import { Snapshot, type ClusterInfo, type SnapshotInit } from '../../src/inventory/snapshot.js';
import { Interner } from '../../src/inventory/intern.js';
import { isBuiltInRuleId } from '../../src/engine/rule-docs.js';
import { loadMatchConditionCel } from '../../src/policy/match-conditions.js';
import { GENERATED_EXAMPLES } from '../../src/rules/examples.generated.js';
import { examplesFromCases } from './rule-examples.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Objects from a YAML string (one or more documents). */
export function yamlObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((o): o is K8sObject => isK8sObject(o));
}

export interface RuleCase {
  name: string;
  /** The object under test (first document) plus any others the snapshot should hold. */
  objects: K8sObject[] | string;
  /** `Kind/ns/name` of the target when it is not the first object. */
  target?: string;
  config?: (c: PalisadeConfig) => void;
  now?: Date;
  /** Where the snapshot came from; defaults to `offline` (manifests). */
  mode?: 'offline' | 'live' | 'snapshot';
  /** What the source knows about the cluster (`version` from /version, `targetVersion` from the flag). */
  cluster?: ClusterInfo;
  /** `--release-data` in effect. */
  releaseData?: SnapshotInit['releaseData'];
  /** Kinds the source could not read (live: forbidden, timed out). */
  gaps?: SnapshotInit['gaps'];
}

export interface ValidCase extends RuleCase {
  /** Defaults to `pass`. */
  status?: Extract<Status, 'pass' | 'not-applicable' | 'unknown'>;
}

export interface InvalidCase extends RuleCase {
  /** The exact set of message IDs the rule must report. */
  messages: string[];
  /** Evidence paths that must be present. */
  paths?: string[];
  /** Substring of the rendered message. */
  messageIncludes?: string;
}

interface Outcome {
  status: Status;
  message: string;
  evidence: Evidence[];
  fired: string[];
}

/**
 * Runs one case. With `interned`, the objects first go through the inventory's interner
 * (src/inventory/intern.ts: equal sub-trees shared and frozen), as every loaded object does:
 * testRule requires the same outcome both ways, so no rule depends on object identity or writes
 * to the snapshot.
 */
export function runCase(rule: Rule, c: RuleCase, interned = false): Outcome {
  const given = typeof c.objects === 'string' ? yamlObjects(c.objects) : c.objects;
  const interner = new Interner();
  const objects = interned ? given.map((o) => interner.object(o)) : given;
  const snapshot = new Snapshot({
    objects,
    source: 'test',
    mode: c.mode ?? 'offline',
    ...(c.cluster ? { cluster: c.cluster } : {}),
    ...(c.releaseData ? { releaseData: c.releaseData } : {}),
    ...(c.gaps ? { gaps: c.gaps } : {}),
  });
  const config = defaultConfig();
  c.config?.(config);
  const target = c.target ? objects.find((o) => refString(objectRef(o)) === c.target) : objects[0];
  if (!target) throw new Error(`test case "${c.name}": target ${c.target ?? '(first object)'} not found`);
  const fired: string[] = [];
  const spy: Rule = {
    meta: rule.meta,
    check(ctx: RuleContext) {
      rule.check({
        ...ctx,
        fail(id: string, data: MessageData, ev: Evidence[]) {
          fired.push(id);
          ctx.fail(id, data, ev);
        },
      });
    },
  };
  const r = evaluate(spy, rule.meta.severity, target, snapshot, config, c.now ?? new Date('2026-06-01T00:00:00Z'));
  return { status: r.status, message: r.message, evidence: r.evidence, fired: [...new Set(fired)].sort() };
}

/** Per test file: the cases of each rule's tables (several testRule calls add up), in order, for its explain examples. */
const tables = new Map<string, { failing: { c: RuleCase; objects: K8sObject[] }[]; passing: { c: RuleCase; objects: K8sObject[] }[] }>();

const caseObjects = (c: RuleCase): K8sObject[] => (typeof c.objects === 'string' ? yamlObjects(c.objects) : c.objects);

/**
 * The explain examples of a rule (src/rules/examples.generated.ts) must be what its tables give
 * now. With PALISADE_EXAMPLES_OUT=DIR (npm run docs:examples) they are written to DIR instead.
 */
function checkExamples(rule: Rule): void {
  const id = rule.meta.id;
  if (tables.has(id)) return; // the first table's describe holds the check for all of them
  tables.set(id, { failing: [], passing: [] });
  if (!isBuiltInRuleId(id)) return;
  it('explain examples are the first failing and passing cases (npm run docs:examples)', () => {
    const t = tables.get(id)!;
    // Hand-written meta.examples win; they are copied so every reader (SARIF help) finds them by ID.
    const examples = rule.meta.examples ?? examplesFromCases(t.failing, t.passing);
    const out = process.env['PALISADE_EXAMPLES_OUT'];
    if (out) {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, `${id.replace('/', '__')}.json`), JSON.stringify(examples));
      return;
    }
    expect(GENERATED_EXAMPLES[id] ?? {}, `src/rules/examples.generated.ts is stale for ${id}: run "npm run docs:examples"`).toEqual(examples);
  });
}

/** ESLint-style table test: valid cases must not fail, invalid ones must fail with exactly these messages. */
export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    // What rulesFor prepares for a scan whose objects have matchConditions.
    beforeAll(loadMatchConditionCel);
    checkExamples(rule);
    const table = tables.get(rule.meta.id)!;
    for (const c of cases.invalid) table.failing.push({ c, objects: caseObjects(c) });
    for (const c of cases.valid) if ((c.status ?? 'pass') === 'pass') table.passing.push({ c, objects: caseObjects(c) });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const out = runCase(rule, c);
        expect(out.status, out.message).toBe(c.status ?? 'pass');
        expect(runCase(rule, c, true), 'outcome on interned (shared, frozen) objects').toEqual(out);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const out = runCase(rule, c);
        expect(out.status, out.message).toBe('fail');
        expect(out.fired).toEqual([...c.messages].sort());
        expect(out.evidence.length).toBeGreaterThan(0);
        for (const p of c.paths ?? []) expect(out.evidence.map((e) => e.path)).toContain(p);
        if (c.messageIncludes) expect(out.message).toContain(c.messageIncludes);
        expect(out.message).not.toMatch(/\{\{/);
        expect(runCase(rule, c, true), 'outcome on interned (shared, frozen) objects').toEqual(out);
      });
    }
  });
}

/**
 * `palisade explain` examples from the rule tests: the first failing (invalid) and the first
 * passing (valid, status pass) case of each rule's table, as YAML (the target first, then the
 * objects it reads). Cases a plain file scan reproduces (no config change, offline, no cluster
 * version or release data) are preferred; otherwise the first case is used and what else it
 * needs is stated in leading YAML comments (the palisade.yaml sections it changes, a live scan, the
 * cluster version). `npm run docs:examples` writes them to
 * src/rules/examples.generated.ts; each rule's own test checks its entry is fresh.
 */
import { stringify } from 'yaml';
import { defaultConfig } from '../../src/config/types.js';
import type { RuleExamples } from '../../src/engine/rule.js';
import { objectRef, refString, type K8sObject } from '../../src/model/k8s.js';
import type { RuleCase } from './rule-tester.js';

export function reproducible(c: RuleCase): boolean {
  return c.config === undefined && (c.mode ?? 'offline') === 'offline' && c.cluster === undefined && c.releaseData === undefined && c.now === undefined;
}

/** The case's objects as one YAML stream, target first, after comments saying what else the case needs. */
export function caseYaml(c: RuleCase, objects: readonly K8sObject[]): string {
  const target = c.target;
  const i = target ? objects.findIndex((o) => refString(objectRef(o)) === target) : 0;
  const ordered = i > 0 ? [objects[i]!, ...objects.slice(0, i), ...objects.slice(i + 1)] : [...objects];
  const docs = ordered.map((o) => stringify(o, { lineWidth: 0 }).trimEnd()).join('\n---\n');
  const notes = caseNotes(c);
  return notes.length > 0 ? `${notes.map((l) => `# ${l}`.trimEnd()).join('\n')}\n${docs}` : docs;
}

function caseNotes(c: RuleCase): string[] {
  const notes: string[] = [];
  const config = configChanges(c);
  if (config !== undefined) notes.push('With palisade.yaml:', ...stringify(config, { lineWidth: 0 }).trimEnd().split('\n').map((l) => `  ${l}`));
  if (c.mode === 'live') notes.push('Read from a live cluster (not from files).');
  if (c.mode === 'snapshot') notes.push('Read from a saved snapshot.');
  if (c.cluster?.version) notes.push(`Cluster version ${c.cluster.version}.`);
  if (c.cluster?.targetVersion) notes.push(`With --target-version ${c.cluster.targetVersion}.`);
  if (c.releaseData) notes.push('With --release-data (Kubernetes release data).');
  if (c.now) notes.push(`Scanned at ${c.now.toISOString()}.`);
  return notes;
}

/** The parts of the config a case's `config` function changes (undefined: none). */
function configChanges(c: RuleCase): Record<string, unknown> | undefined {
  if (!c.config) return undefined;
  const changed = defaultConfig();
  c.config(changed);
  const diff = deepDiff(defaultConfig(), changed);
  return isPlainObject(diff) && Object.keys(diff).length > 0 ? diff : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepDiff(base: unknown, next: unknown): unknown {
  if (JSON.stringify(base) === JSON.stringify(next)) return undefined;
  if (!isPlainObject(base) || !isPlainObject(next)) return next;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(next)) {
    const d = deepDiff(base[k], next[k]);
    if (d !== undefined) out[k] = d;
  }
  return out;
}

export function examplesFromCases(failing: readonly { c: RuleCase; objects: readonly K8sObject[] }[], passing: readonly { c: RuleCase; objects: readonly K8sObject[] }[]): RuleExamples {
  const fail = failing.find((x) => reproducible(x.c)) ?? failing[0];
  const pass = passing.find((x) => reproducible(x.c)) ?? passing[0];
  return {
    ...(fail ? { failing: caseYaml(fail.c, fail.objects) } : {}),
    ...(pass ? { passing: caseYaml(pass.c, pass.objects) } : {}),
  };
}

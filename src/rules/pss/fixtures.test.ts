/**
 * The fixture corpus in test/fixtures/pss/ against Palisade's own PSS rules. Each file's header
 * says what the real PodSecurity admission does with it (checked against kube-apiserver v1.36.3
 * with server-side dry-run); this test holds the rules to the same verdicts:
 *  - the rule named in the file name fails on `fail` fixtures and does not fail on `pass` ones;
 *  - evaluating every PSS rule of a level admits exactly the levels in `admitted-by`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/types.js';
import { evaluate } from '../../engine/runner.js';
import { Snapshot } from '../../inventory/snapshot.js';
import { yamlObjects } from '../../../test/helpers/rule-tester.js';
import type { K8sObject } from '../../model/k8s.js';
import { PSS_RULES } from './index.js';
import { failingAt, PSS_LEVELS } from '../../../test/helpers/pss-levels.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/pss');
function header(text: string, key: string): string {
  const m = new RegExp(`^# ${key}: (.*)$`, 'm').exec(text);
  if (!m?.[1]) throw new Error(`missing "# ${key}:" header`);
  return m[1].trim();
}

interface Fixture {
  file: string;
  rule: string;
  expect: 'pass' | 'fail';
  admittedBy: string[];
  version: string;
  pod: K8sObject;
}

function loadFixtures(): Fixture[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const [pod] = yamlObjects(text);
      if (!pod) throw new Error(`${file}: no object`);
      const expectation = header(text, 'expect');
      if (expectation !== 'pass' && expectation !== 'fail') throw new Error(`${file}: bad expect ${expectation}`);
      return {
        file,
        rule: header(text, 'rule'),
        expect: expectation,
        admittedBy: header(text, 'admitted-by').split(',').map((s) => s.trim()),
        version: header(text, 'enforce-version'),
        pod,
      };
    });
}

function snapshotFor(f: Fixture): { snapshot: Snapshot; pod: K8sObject } {
  const pod: K8sObject = { ...f.pod, metadata: { ...f.pod.metadata, namespace: 'fixtures' } };
  const ns: K8sObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'fixtures', labels: { 'pod-security.kubernetes.io/enforce-version': f.version } },
  };
  return { snapshot: new Snapshot({ objects: [pod, ns], source: 'test', mode: 'offline', cluster: { version: 'v1.36.3' } }), pod };
}

const fixtures = loadFixtures();
const byId = new Map(PSS_RULES.map((r) => [r.meta.id, r]));

describe('PSS fixture corpus', () => {
  it('has at least one pass and one fail fixture per PSS rule', () => {
    for (const rule of PSS_RULES) {
      const mine = fixtures.filter((f) => f.rule === rule.meta.id);
      expect(mine.map((f) => f.expect), rule.meta.id).toContain('pass');
      expect(mine.map((f) => f.expect), rule.meta.id).toContain('fail');
    }
  });

  for (const f of fixtures) {
    it(f.file, () => {
      expect(f.file.startsWith(`${f.rule.slice('pss/'.length)}.${f.expect}.`), 'file name matches its header').toBe(true);
      const { snapshot, pod } = snapshotFor(f);
      const config = defaultConfig();
      const now = new Date('2026-06-01T00:00:00Z');
      const status = new Map(PSS_RULES.map((r) => [r.meta.id, evaluate(r, r.meta.severity, pod, snapshot, config, now)]));
      const own = status.get(f.rule);
      if (!own || !byId.has(f.rule)) return expect.fail(`unknown rule ${f.rule}`);
      expect(own.status === 'fail' ? 'fail' : 'pass', own.message).toBe(f.expect);

      const minor = Number(/^v1\.(\d+)$/.exec(f.version)?.[1] ?? 36);
      const failing = (level: (typeof PSS_LEVELS)[number]): string[] => failingAt(level, minor, status);
      const admitted = PSS_LEVELS.filter((l) => l === 'privileged' || failing(l).length === 0);
      expect(admitted, `failing at restricted: ${failing('restricted').join(', ')}`).toEqual(f.admittedBy);
    });
  }
});

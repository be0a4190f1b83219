/**
 * JUnit XML: one test suite per rule, one test case per rule × object result. Failures carry
 * the message and the evidence; rule errors are <error>; unknown and not-applicable results are
 * <skipped> with the reason; waived results pass and say so in <system-out>. Each test case has a
 * `file`: the manifest (or, for scope results, the causing object's manifest) or the object's
 * `k8s://` URI (src/report/locate.ts).
 */
import { refString } from '../model/k8s.js';
import type { RuleResult } from '../model/result.js';
import { describe, evidenceText, refsText, ruleIndex, waiverText } from './common.js';
import type { ScanResult } from './model.js';
import { locationText, resultLocator } from './locate.js';

/** XML 1.0 allows only these characters; anything else (e.g. ESC from an object name) is dropped. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

function testcase(r: RuleResult, title: string, refs: string, file: string): string {
  const head = `    <testcase${attrs({ classname: r.rule, name: refString(r.object), file, time: 0 })}`;
  const detail = [
    `${r.message}`,
    `Object: ${refString(r.object)}${r.object.apiVersion ? ` (${r.object.apiVersion})` : ''}`,
    `Rule: ${r.rule} — ${title} (${r.severity})`,
    ...r.evidence.map((e) => `Evidence: ${evidenceText(e)}`),
    ...(refs ? [`References: ${refs}`] : []),
    ...(r.location ? [`Location: ${r.location.file}:${r.location.line}`] : []),
  ].join('\n');
  switch (r.status) {
    case 'fail':
      return `${head}>\n      <failure${attrs({ message: r.message, type: r.severity })}>${xmlEscape(detail)}</failure>\n    </testcase>`;
    case 'error':
      return `${head}>\n      <error${attrs({ message: r.message, type: 'rule-error' })}>${xmlEscape(detail)}</error>\n    </testcase>`;
    case 'unknown':
    case 'not-applicable':
      return `${head}>\n      <skipped${attrs({ message: `${r.status}: ${r.message}` })}/>\n    </testcase>`;
    case 'waived':
      return `${head}>\n      <system-out>${xmlEscape(`waived: ${r.message}\n${r.waiver ? waiverText(r.waiver) : ''}`)}</system-out>\n    </testcase>`;
    case 'pass':
      return `${head}/>`;
  }
}

export function* streamJunit(result: ScanResult): Generator<string> {
  const rules = ruleIndex(result);
  const store = result.results;
  const all = store.indexes();
  const locate = resultLocator(result);
  const cluster = result.source.cluster?.name;
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({
      name: `${result.scanner.name} ${result.source.location}`,
      tests: all.length,
      failures: store.countStatus(all, 'fail'),
      errors: store.countStatus(all, 'error'),
      skipped: store.countStatus(all, 'unknown', 'not-applicable'),
      time: result.durationSeconds,
    })}>`,
  ].join('\n');
  for (const [id, rs] of store.sortedByRule()) {
    const d = describe(rules, id, rs.length > 0 ? store.severityOf(rs[0]!) : 'info');
    const refs = refsText(d.references);
    yield '\n' + [
      `  <testsuite${attrs({
        name: id,
        tests: rs.length,
        failures: store.countStatus(rs, 'fail'),
        errors: store.countStatus(rs, 'error'),
        skipped: store.countStatus(rs, 'unknown', 'not-applicable'),
        time: 0,
        timestamp: result.startedAt.replace(/\.\d+Z$|Z$/, ''),
      })}>`,
      `    <properties>`,
      `      <property${attrs({ name: 'title', value: d.title })}/>`,
      `      <property${attrs({ name: 'severity', value: d.severity })}/>`,
      ...(refs ? [`      <property${attrs({ name: 'references', value: refs })}/>`] : []),
      ...(d.remediation ? [`      <property${attrs({ name: 'remediation', value: d.remediation })}/>`] : []),
      `    </properties>`,
    ].join('\n');
    for (const i of rs) {
      const r = store.at(i);
      yield '\n' + testcase(r, d.title, refs, locationText(locate, r, cluster));
    }
    yield '\n  </testsuite>';
  }
  yield '\n</testsuites>\n';
}

/** The whole document as one string: tests and small results; writers use `streamJunit`. */
export function renderJunit(result: ScanResult): string {
  return [...streamJunit(result)].join('');
}

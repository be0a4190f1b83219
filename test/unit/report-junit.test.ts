import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import { SAMPLE_RESULTS, sampleResult, XSS_NAME } from '../fixtures/reports/sample.js';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** Strict, namespace-aware XML 1.0 parse (saxes throws on any well-formedness error). */
function parseXml(xml: string): El {
  const parser = new SaxesParser({ xmlns: false });
  const root: El = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t: SaxesTagPlain) => {
    const el: El = { name: t.name, attrs: { ...(t.attributes as Record<string, string>) }, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  expect(root.children).toHaveLength(1);
  return root.children[0]!;
}

const ALLOWED_CHILDREN: Record<string, string[]> = {
  testsuites: ['testsuite'],
  testsuite: ['properties', 'testcase', 'system-out', 'system-err'],
  properties: ['property'],
  property: [],
  testcase: ['failure', 'error', 'skipped', 'system-out', 'system-err'],
  failure: [],
  error: [],
  skipped: [],
  'system-out': [],
};

function checkShape(el: El): void {
  const allowed = ALLOWED_CHILDREN[el.name];
  expect(allowed, `unexpected element <${el.name}>`).toBeDefined();
  for (const c of el.children) {
    expect(allowed).toContain(c.name);
    checkShape(c);
  }
}

describe('JUnit XML', () => {
  const xml = renderJunit(sampleResult());
  const doc = parseXml(xml);

  it('is well-formed XML with the testsuites > testsuite > testcase shape and consistent counts', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(doc.name).toBe('testsuites');
    checkShape(doc);
    const cases = doc.children.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    expect(cases).toHaveLength(SAMPLE_RESULTS.length);
    expect(Number(doc.attrs['tests'])).toBe(SAMPLE_RESULTS.length);
    expect(Number(doc.attrs['failures'])).toBe(SAMPLE_RESULTS.filter((r) => r.status === 'fail').length);
    expect(Number(doc.attrs['errors'])).toBe(1);
    expect(Number(doc.attrs['skipped'])).toBe(2);
    for (const suite of doc.children) {
      const tc = suite.children.filter((c) => c.name === 'testcase');
      expect(Number(suite.attrs['tests'])).toBe(tc.length);
      expect(Number(suite.attrs['failures'])).toBe(tc.filter((c) => c.children.some((x) => x.name === 'failure')).length);
      expect(Number(suite.attrs['skipped'])).toBe(tc.filter((c) => c.children.some((x) => x.name === 'skipped')).length);
    }
  });

  it('the parser is strict: malformed XML and raw control characters are rejected', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a>\u001b</a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
  });

  it('has one test case per rule × object, failures with message and evidence, skipped for unknown/n-a', () => {
    const suite = (id: string) => doc.children.find((s) => s.attrs['name'] === id)!;
    const priv = suite('pss/privileged').children.filter((c) => c.name === 'testcase');
    expect(priv.map((c) => c.attrs['name'])).toEqual([`Deployment/team-a/${XSS_NAME}`, 'Deployment/team-b/web']);
    const failure = priv[0]!.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.attrs['type']).toBe('critical');
    expect(failure.attrs['message']).toBe(`Container "x" runs privileged, said "${XSS_NAME}"`);
    expect(failure.text).toContain('Evidence: spec.template.spec.containers[0].securityContext.privileged: actual true, expected unset or false');
    expect(failure.text).toContain('References: CIS 1.12 §5.2.2, PSS baseline/privileged');
    expect(failure.text).toContain('Location: manifests/team-a/app.yaml:12');
    expect(priv[1]!.children).toEqual([]);
    const limits = suite('workload/resource-limits').children.filter((c) => c.name === 'testcase');
    expect(limits.map((c) => c.children[0]?.name)).toEqual(['skipped', 'skipped']);
    const waived = suite('pss/run-as-non-root').children.find((c) => c.attrs['name'] === 'Deployment/team-a/legacy')!;
    expect(waived.children[0]?.name).toBe('system-out');
    expect(waived.children[0]?.text).toContain('ticket: SEC-42');
    const err = suite('tenancy/default-deny-ingress').children.find((c) => c.name === 'testcase')!;
    expect(err.children[0]?.name).toBe('error');
    // the ESC control character (invalid in XML 1.0) was dropped, the rest kept
    expect(err.children[0]?.attrs['message']).toBe('rule threw: TypeError: boom [31m');
  });
});

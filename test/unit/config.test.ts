import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, closest, dottedPath, loadConfigFile, parseConfigText } from '../../src/config/load.js';
import { defaultConfig } from '../../src/config/types.js';
import { RULES } from '../../src/rules/index.js';

const ruleIds = RULES.map((r) => r.meta.id);
const ROOT = join(import.meta.dirname, '../..');

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, 'palisade.yaml', { ruleIds });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return expect.fail('expected a ConfigError');
}

describe('config file', () => {
  it('an empty file gives the defaults', () => {
    expect(parseConfigText('', 'c.yaml', { ruleIds })).toEqual(defaultConfig());
  });

  it('merges sections over the defaults', () => {
    const c = parseConfigText(
      `clusterName: prod\nrules:\n  disabled: ['pss/*x*']\n  severity: {pss/privileged: high}\ntenancy:\n  tenants: [{name: team-a, namespaces: [a1, a2]}]\nwaivers:\n  - {rule: pss/privileged, namespace: 'legacy-*', reason: vendor image, approver: jane, ticket: SEC-1, expires: 2026-12-31}\n`,
      'c.yaml',
      { ruleIds: [...ruleIds, 'pss/xx'] },
    );
    expect(c.clusterName).toBe('prod');
    expect(c.rules.severity).toEqual({ 'pss/privileged': 'high' });
    expect(c.rules.excludeSystemRbac).toBe(true); // default kept
    expect(c.tenancy.labelKey).toBe('palisade.dev/tenant');
    expect(c.tenancy.tenants[0]?.namespaces).toEqual(['a1', 'a2']);
    expect(c.waivers[0]?.expires).toBe('2026-12-31');
  });

  it('rejects an unknown top-level key and suggests the right one, with file and line', () => {
    const [p, ...rest] = problemsOf(`clusterName: x\nwaviers: []\n`);
    expect(rest).toEqual([]);
    expect(p).toBe("palisade.yaml:2: unknown key 'waviers' at (top level): did you mean 'waivers'?");
  });

  it('rejects an unknown nested key and lists the allowed ones when nothing is close', () => {
    const [p] = problemsOf(`rules:\n  disabled: []\n  zzzzzzzz: 1\n`);
    expect(p).toContain('palisade.yaml:3:');
    expect(p).toContain("unknown key 'zzzzzzzz' at rules");
    expect(p).toContain('allowed keys: disabled, only, severity, options, excludeSystemRbac');
  });

  it('names a bad severity value and the allowed ones', () => {
    const [p] = problemsOf(`rules:\n  severity:\n    pss/privileged: urgent\n`);
    expect(p).toBe('palisade.yaml:3: rules.severity.pss/privileged: must be one of critical|high|medium|low|info (got "urgent")');
  });

  it('reports a missing waiver reason and a bad expiry date', () => {
    const problems = problemsOf(`waivers:\n  - rule: pss/privileged\n    expires: next week\n`);
    expect(problems).toContain("palisade.yaml:2: waivers[0]: missing required key 'reason'");
    expect(problems).toContain(
      'palisade.yaml:3: waivers[0].expires: must be a date (2026-12-31) or a date-time (2026-12-31T18:00:00Z), got "next week"',
    );
  });

  it('accepts a date-time expiry and rejects an impossible date', () => {
    expect(() => parseConfigText(`waivers: [{rule: pss/privileged, reason: r, expires: '2026-12-31T18:00:00Z'}]`, 'c', { ruleIds })).not.toThrow();
    expect(problemsOf(`waivers: [{rule: pss/privileged, reason: r, expires: '2026-02-30'}]`)[0]).toContain('waivers[0].expires');
  });

  it('reports wrong types with what was found', () => {
    expect(problemsOf(`annotationWaivers: "yes"\n`)).toEqual(['palisade.yaml:1: annotationWaivers: must be a boolean (got string "yes")']);
    expect(problemsOf(`rules: [a]\n`)[0]).toContain('rules: must be an object (got a list)');
  });

  it('rejects rule IDs and globs that match no registered rule, with a suggestion', () => {
    const problems = problemsOf(`rules:\n  disabled: [pss/privilegd]\n  only: ['nosuch/*']\nwaivers: [{rule: pss/privilegedd, reason: r}]\n`);
    expect(problems).toEqual([
      "palisade.yaml:2: rules.disabled[0]: 'pss/privilegd' matches no rule; did you mean 'pss/privileged'?",
      `palisade.yaml:3: rules.only[0]: 'nosuch/*' matches no rule; run "palisade rules" for the list`,
      "palisade.yaml:4: waivers[0].rule: 'pss/privilegedd' matches no rule; did you mean 'pss/privileged'?",
    ]);
  });

  it('rejects globs where only exact IDs work (severity, options)', () => {
    const [p] = problemsOf(`rules:\n  severity: {'pss/*': low}\n`);
    expect(p).toContain("rules.severity.pss/*: 'pss/*' is not a rule ID (no globs here)");
  });

  it('rejects a config that leaves no rule enabled', () => {
    const [p] = problemsOf(`rules:\n  disabled: ['*']\n`);
    expect(p).toContain('no rule is left enabled');
  });

  it('reports malformed YAML and duplicate keys with a line', () => {
    expect(problemsOf(`rules:\n  disabled: [a\n`)[0]).toMatch(/^palisade\.yaml:\d+: /);
    expect(problemsOf(`clusterName: a\nclusterName: b\n`)[0]).toMatch(/^palisade\.yaml:2: .*unique/i);
  });

  it('accepts pod CIDRs and explains a bad one', () => {
    const c = parseConfigText(`tenancy:\n  podCIDRs: [10.244.0.0/16, 'fd00:10:244::/56']\n`, 'c.yaml', { ruleIds });
    expect(c.tenancy.podCIDRs).toEqual(['10.244.0.0/16', 'fd00:10:244::/56']);
    expect(problemsOf(`tenancy:\n  podCIDRs: [10.244.0.0]\n`)).toEqual([
      'palisade.yaml:2: tenancy.podCIDRs[0]: "10.244.0.0" is not a CIDR such as "10.244.0.0/16" or "fd00::/64"',
    ]);
  });

  it('names a missing file', async () => {
    await expect(loadConfigFile('/nonexistent/palisade.yaml')).rejects.toThrow('cannot read config /nonexistent/palisade.yaml: no such file');
  });

  it('examples/palisade.yaml validates against the registered rules', async () => {
    const c = await loadConfigFile(join(ROOT, 'examples/palisade.yaml'), { ruleIds });
    expect(c.waivers.length).toBeGreaterThan(0);
    expect(c.tenancy.tenants.length).toBeGreaterThan(0);
  });
});

describe('config helpers', () => {
  it('dottedPath decodes JSON pointers', () => {
    expect(dottedPath('')).toBe('(top level)');
    expect(dottedPath('/rules/severity/pss~1privileged')).toBe('rules.severity.pss/privileged');
    expect(dottedPath('/waivers/0', 'rule')).toBe('waivers[0].rule');
  });
  it('closest finds typos and transpositions, not unrelated words', () => {
    expect(closest('waviers', ['waivers', 'rules'])).toBe('waivers');
    expect(closest('tenacy', ['tenancy', 'rules'])).toBe('tenancy');
    expect(closest('banana', ['waivers', 'rules'])).toBeUndefined();
  });
});

describe('examples/palisade.yaml', () => {
  it('is commented for readers', async () => {
    const text = await readFile(join(ROOT, 'examples/palisade.yaml'), 'utf8');
    expect(text.split('\n').filter((l) => l.trim().startsWith('#')).length).toBeGreaterThan(10);
  });
});

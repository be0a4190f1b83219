import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LIVE_KINDS, NEVER_LIST } from './kinds.js';

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}

async function readerRules(): Promise<PolicyRule[]> {
  const doc = parse(await readFile(new URL('../../../manifests/base/clusterrole.yaml', import.meta.url), 'utf8')) as {
    kind: string;
    metadata: { name: string };
    rules: PolicyRule[];
  };
  expect(doc.kind).toBe('ClusterRole');
  expect(doc.metadata.name).toBe('palisade-reader');
  return doc.rules;
}

function grants(rules: PolicyRule[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of rules) {
    for (const g of r.apiGroups ?? []) {
      for (const res of r.resources ?? []) {
        const key = `${g}/${res}`;
        const verbs = out.get(key) ?? new Set<string>();
        for (const v of r.verbs ?? []) verbs.add(v);
        out.set(key, verbs);
      }
    }
  }
  return out;
}

describe('manifests/base ClusterRole palisade-reader vs the live kind list', () => {
  it('grants get+list on every kind the live source lists', async () => {
    const g = grants(await readerRules());
    const missing = LIVE_KINDS.filter((k) => {
      const verbs = g.get(`${k.group}/${k.resource}`);
      return !verbs || !verbs.has('get') || !verbs.has('list');
    }).map((k) => `${k.group}/${k.resource}`);
    expect(missing).toEqual([]);
  });

  it('grants nothing the live source does not list (every permission is used)', async () => {
    const listed = new Set(LIVE_KINDS.map((k) => `${k.group}/${k.resource}`));
    // nodes/configz is not listed: src/inventory/kubelet.ts GETs each kubelet's /configz with it.
    const otherUses = new Set(['/nodes/configz']);
    const extra = [...grants(await readerRules()).keys()].filter((key) => !listed.has(key) && !otherUses.has(key));
    expect(extra).toEqual([]);
  });

  it('is read-only, with no wildcard, no secrets, no nodes/proxy, no exec', async () => {
    const rules = await readerRules();
    for (const r of rules) {
      expect(r.verbs?.every((v) => v === 'get' || v === 'list'), JSON.stringify(r)).toBe(true);
      for (const field of [r.apiGroups, r.resources, r.verbs]) expect(field ?? []).not.toContain('*');
      for (const res of r.resources ?? []) {
        expect(NEVER_LIST.has(res), res).toBe(false);
        expect(['nodes/proxy', 'pods/exec', 'pods/attach', 'pods/portforward']).not.toContain(res);
      }
    }
  });

  it('never lists Secrets', () => {
    expect(LIVE_KINDS.some((k) => k.resource === 'secrets' || k.kind === 'Secret')).toBe(false);
  });
});

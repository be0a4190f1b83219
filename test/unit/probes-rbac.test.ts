/**
 * `palisade probes-rbac`: the least RBAC for the dry-run probes. The shipped overlay file is its
 * output for a cluster without tenants; for the demo cluster it names exactly the probed subjects,
 * and Palisade's own rule judges the grant by their rights.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { loadManifests } from '../../src/inventory/files.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { RULES } from '../../src/rules/index.js';
import { REPO_ROOT } from '../cluster/build.ts';
import { runCli } from '../helpers/cli.ts';

const cli = (args: string[]) => runCli(['probes-rbac', ...args]);

const docs = (text: string): K8sObject[] => parseAllDocuments(text).map((d) => d.toJS() as K8sObject);
const DEMO = join(REPO_ROOT, 'examples/demo-cluster');

describe('palisade probes-rbac', () => {
  it('the shipped manifests/overlays/probes/impersonation.yaml is its output for a cluster without tenants', async () => {
    const r = await cli(['--from', join(REPO_ROOT, 'manifests/base')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(await readFile(join(REPO_ROOT, 'manifests/overlays/probes/impersonation.yaml'), 'utf8'));
    expect(r.stderr).toContain('0 subjects may be impersonated');
    // Without tenants it grants SubjectAccessReviews and no impersonation at all.
    expect(JSON.stringify(docs(r.stdout))).not.toContain('"verbs":["impersonate"]');
  });

  it('for the demo cluster: users and groups in one ClusterRole, ServiceAccounts by a Role in their own namespace, never unrestricted', async () => {
    const r = await cli(['--from', DEMO, '--service-account', 'security/scanner']);
    expect(r.code).toBe(0);
    const objs = docs(r.stdout);
    const role = objs.find((o) => o.kind === 'ClusterRole')!;
    const rules = role['rules'] as { resources: string[]; verbs: string[]; resourceNames?: string[] }[];
    for (const rule of rules.filter((x) => x.verbs.includes('impersonate'))) expect(rule.resourceNames?.length, JSON.stringify(rule)).toBeGreaterThan(0);
    const named = (resource: string): string[] => rules.find((x) => x.resources.includes(resource))?.resourceNames ?? [];
    // bob is a configured initech subject; a tenant known by its group is probed as palisade-probe:<tenant>.
    expect(named('users')).toEqual(expect.arrayContaining(['bob@initech.example', 'palisade-probe:acme']));
    expect(named('groups')).toEqual(expect.arrayContaining(['acme-devs', 'system:authenticated']));
    expect(named('serviceaccounts')).toEqual([]);
    const saRoles = objs.filter((o) => o.kind === 'Role');
    expect(saRoles.map((o) => o.metadata.namespace)).toEqual(expect.arrayContaining(['acme-web', 'globex-ci', 'initech']));
    expect(saRoles.find((o) => o.metadata.namespace === 'globex-ci')?.['rules']).toEqual([
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'], resourceNames: ['build-agent', 'ci-deployer', 'default'] },
    ]);
    // Every binding goes to the named ServiceAccount.
    for (const b of objs.filter((o) => o.kind.endsWith('Binding'))) expect(b['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'scanner', namespace: 'security' }]);
    expect(objs.filter((o) => o.kind === 'RoleBinding')).toHaveLength(saRoles.length);
  });

  it("the generated grant, scanned with the demo cluster, fails rbac/bind-escalate-impersonate through initech's planted secret reader", async () => {
    const r = await cli(['--from', DEMO]);
    const demo = await loadManifests([DEMO]);
    const snapshot = new Snapshot({ objects: [...demo.objects, ...docs(r.stdout)], source: 'test', mode: 'offline' });
    const { result } = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES });
    const mine = result.results.filter((x) => x.rule === 'rbac/bind-escalate-impersonate' && x.object.name === 'palisade-probes-impersonate');
    const cluster = mine.find((x) => x.object.kind === 'ClusterRoleBinding')!;
    expect(cluster.status).toBe('fail');
    expect(cluster.message).toContain('can impersonate User bob@initech.example cluster-wide');
    expect(cluster.message).toContain('read secrets cluster-wide');
    // The ServiceAccount Roles reach only namespaced ServiceAccounts without such rights.
    const namespaced = mine.filter((x) => x.object.kind === 'RoleBinding');
    expect(namespaced.length).toBeGreaterThan(3);
    expect(namespaced.map((x) => x.status)).toEqual(namespaced.map(() => 'pass'));
    expect(namespaced[0]!.message).toMatch(/can impersonate only ServiceAccount .* in namespace/);
  });

  it('--output writes the file; bad arguments are usage errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-probes-rbac-'));
    const out = join(dir, 'impersonation.yaml');
    const r = await cli(['--from', join(REPO_ROOT, 'manifests/base'), '--output', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(await readFile(out, 'utf8')).toContain('kind: ClusterRoleBinding');
    const bad = await cli(['--from', DEMO, '--service-account', 'scanner']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--service-account scanner: expected NAMESPACE/NAME');
    const missing = await cli(['--from', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');
  });
});

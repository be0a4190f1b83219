import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { parseResult } from '../../test/helpers/result-json.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { runCli } from '../../test/helpers/cli.js';
import { applyDefaultNamespace } from './default-namespace.js';
import { loadManifests } from './files.js';

const MIXED = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {serviceAccountName: test, containers: [{name: c, image: nginx:1.27}]}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: test}
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: [{kind: ServiceAccount, name: test}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kept, namespace: elsewhere}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec: {group: example.com, scope: Namespaced, names: {kind: Widget, plural: widgets}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec: {group: example.com, scope: Cluster, names: {kind: Gadget, plural: gadgets}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
---
apiVersion: example.com/v1
kind: Gadget
metadata: {name: g}
---
apiVersion: other.io/v1
kind: Unknown
metadata: {name: u}
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
metadata: {name: node-1}
`;

describe('applyDefaultNamespace', () => {
  it('puts namespaced objects without a namespace in the default one, as kubectl does', () => {
    const objects = yamlObjects(MIXED);
    applyDefaultNamespace(objects, 'team-x');
    expect(Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o.metadata.namespace ?? null]))).toEqual({
      'Pod/p': 'team-x',
      'ServiceAccount/test': 'team-x',
      'ClusterRole/r': null,
      'RoleBinding/b': 'team-x',
      'ConfigMap/kept': 'elsewhere',
      'CustomResourceDefinition/widgets.example.com': null,
      'CustomResourceDefinition/gadgets.example.com': null,
      'Widget/w': 'team-x',
      'Gadget/g': null,
      // A custom kind without its CRD, and a component configuration file: scope unknown, left as written.
      'Unknown/u': null,
      'KubeletConfiguration/node-1': null,
    });
  });

  it('loadManifests defaults to the namespace "default"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-ns-'));
    await writeFile(join(dir, 'app.yaml'), MIXED);
    const loaded = await loadManifests([dir], dir);
    expect(loaded.objects.find((o) => o.kind === 'Pod')?.metadata.namespace).toBe('default');
  });
});

describe('scan --from with objects that name no namespace', () => {
  it('a Pod and its ServiceAccount in one file find each other (default namespace or --namespace)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-ns-cli-'));
    await writeFile(join(dir, 'app.yaml'), MIXED);
    for (const [args, ns] of [[[], 'default'], [['--namespace', 'team-x'], 'team-x'], [['-n', 'team-y'], 'team-y']] as const) {
      const run = await runCli(['scan', '--from', dir, '--format', 'json', ...args]);
      const result = parseResult(run.stdout);
      const automount = result.results.find((r) => r.rule === 'workload/automount-service-account-token' && r.object?.kind === 'Pod');
      expect(automount?.object?.namespace).toBe(ns);
      expect(automount?.message ?? '').not.toContain('not in the scanned objects');
      expect(automount?.status).toBe('pass');
    }
  });

  it('--namespace that is no namespace name is a usage error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-ns-bad-'));
    await writeFile(join(dir, 'app.yaml'), MIXED);
    const bad = await runCli(['scan', '--from', dir, '--namespace', 'Team_X']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a valid namespace name');
  });
});

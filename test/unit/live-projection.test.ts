/**
 * The live inventory's projection (src/inventory/projection.ts) against what the rules touch:
 * on the demo cluster and a generated benchmark cluster, (1) every field any rule, analysis or
 * index reads is one the projection keeps (recorded with Proxies), and (2) every rule reports
 * exactly the same things on projected and unprojected objects. Every rule test case checks (2)
 * too, through test/helpers/rule-tester.ts.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../benchmarks/generate.ts';
import { buildTenantModel } from '../../src/analysis/tenants.js';
import { defaultConfig } from '../../src/config/types.js';
import { CLUSTER_KIND, SYNTHETIC_API_VERSION, TENANT_KIND, type Rule, type RuleContext } from '../../src/engine/rule.js';
import { loadManifests } from '../../src/inventory/files.js';
import { Interner, keepsPath, LIVE_PROJECTION, project, projectObject } from '../../src/inventory/projection.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import { isK8sObject, objectKey, type K8sObject } from '../../src/model/k8s.js';
import { RULES } from '../../src/rules/index.js';
import { recordAccess, type AccessLog } from '../helpers/access-recorder.js';

const ROOT = join(import.meta.dirname, '..', '..');
const NOW = new Date('2026-06-01T00:00:00Z');

interface Corpus {
  name: string;
  objects: K8sObject[];
}

let corpora: Corpus[];

beforeAll(async () => {
  const demo = await loadManifests([join(ROOT, 'examples', 'demo-cluster')], ROOT);
  expect(demo.errors).toEqual([]);
  const gen = generate({ objects: 1000, namespaces: 8, seed: 7 });
  const generated = ([...gen.cluster, ...[...gen.byNamespace.values()].flat()] as unknown[]).filter(isK8sObject);
  corpora = [
    { name: 'demo cluster', objects: demo.objects },
    { name: 'generated 1k', objects: generated },
  ];
});

/** Everything every rule reports on every target, in order, as a plain value. */
function runAll(objects: readonly K8sObject[]): unknown[] {
  const snapshot = new Snapshot({ objects: [...objects], source: 'test', mode: 'offline' });
  const config = defaultConfig();
  const tenants = buildTenantModel(snapshot, config);
  const synthetic: Record<string, K8sObject[]> = {
    [CLUSTER_KIND]: [{ apiVersion: SYNTHETIC_API_VERSION, kind: CLUSTER_KIND, metadata: { name: 'cluster' } }],
    [TENANT_KIND]: tenants.tenants().map((t) => ({
      apiVersion: SYNTHETIC_API_VERSION,
      kind: TENANT_KIND,
      metadata: { name: t.name, labels: { 'palisade.dev/tenant': t.name } },
      spec: { namespaces: t.namespaces },
    })),
  };
  const out: unknown[] = [];
  for (const rule of RULES as readonly Rule[]) {
    for (const kind of rule.meta.targets) {
      for (const target of synthetic[kind] ?? snapshot.ofKind(kind)) {
        const calls: unknown[] = [];
        const ctx: RuleContext = {
          target,
          snapshot,
          config,
          options: {},
          now: NOW,
          fail: (id, data, evidence) => void calls.push(['fail', id, data, evidence]),
          pass: (id, data, evidence) => void calls.push(['pass', id, data, evidence]),
          notApplicable: (reason) => void calls.push(['n/a', reason]),
          unknown: (reason) => void calls.push(['unknown', reason]),
        };
        try {
          rule.check(ctx);
        } catch (err) {
          calls.push(['threw', String(err)]);
        }
        out.push([rule.meta.id, objectKey(target), calls]);
      }
    }
  }
  return out;
}

describe('live projection', () => {
  it('keeps every field the rules read (recorded on the demo and generated clusters)', () => {
    const log: AccessLog = new Map();
    for (const c of corpora) runAll(recordAccess(c.objects, log));
    const dropped: string[] = [];
    let checked = 0;
    for (const [kind, paths] of log) {
      for (const path of paths) {
        checked++;
        if (!keepsPath(kind, path)) dropped.push(`${kind} ${path}`);
      }
    }
    expect(dropped).toEqual([]);
    // The recorder saw the rules at work on the projected kinds (not a vacuous pass).
    expect(checked).toBeGreaterThan(500);
    expect([...(log.get('Pod') ?? [])]).toContain('spec.containers[].securityContext');
    expect([...(log.get('Deployment') ?? [])]).toContain('spec.template.spec.containers[].image');
  }, 120_000);

  it('gives every rule the same results on projected and unprojected objects', () => {
    for (const c of corpora) {
      const interner = new Interner();
      const plain = runAll(c.objects);
      const projected = runAll(c.objects.map((o) => projectObject(o, interner)));
      expect(projected.length, c.name).toBe(plain.length);
      expect(projected, c.name).toEqual(plain);
      // Rules fired: the comparison covers failures, not just passes.
      expect(plain.filter((r) => JSON.stringify(r).includes('"fail"')).length, c.name).toBeGreaterThan(50);
    }
  }, 120_000);

  it('drops what rules do not read from a pod as the API server returns it', () => {
    const pod = livePod();
    const p = projectObject(pod);
    const spec = p['spec'] as Record<string, unknown>;
    const c = (spec['containers'] as Record<string, unknown>[])[0]!;
    expect(Object.keys(p.metadata).sort()).toEqual(['creationTimestamp', 'labels', 'name', 'namespace', 'ownerReferences', 'uid']);
    expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f', uid: 'rs-1', controller: true }]);
    expect(Object.keys(spec).sort()).toEqual(['containers', 'nodeName', 'securityContext', 'serviceAccountName', 'tolerations', 'volumes']);
    expect(Object.keys(c).sort()).toEqual(['image', 'imagePullPolicy', 'name', 'resources', 'securityContext']);
    expect(p['status']).toEqual({ phase: 'Running', podIP: '10.0.0.7', hostIP: '172.20.0.10' });
    // Kept fields are unchanged.
    expect(spec['volumes']).toEqual((pod['spec'] as Record<string, unknown>)['volumes']);
    expect(JSON.stringify(p).length).toBeLessThan(JSON.stringify(pod).length * 0.6);
  });

  it('keeps kinds without a table entry whole, after the usual trim', () => {
    const vap: K8sObject = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'v', resourceVersion: '7', managedFields: [{ manager: 'x' }] } as K8sObject['metadata'],
      spec: { validations: [{ expression: 'true' }], paramKind: { kind: 'ConfigMap' } },
    };
    expect(LIVE_PROJECTION['ValidatingAdmissionPolicy']).toBeUndefined();
    expect(projectObject(vap)).toEqual({ ...vap, metadata: { name: 'v', resourceVersion: '7' } });
  });

  it('interns repeated strings and leaves unique ones out of the table', () => {
    const one = new Interner();
    projectObject(livePod('web-0', 'uid-0'), one);
    const many = new Interner();
    const projected = Array.from({ length: 50 }, (_, i) => projectObject(livePod(`web-${i}`, `uid-${i}`), many));
    // Label values, image, namespace, owner, node, ServiceAccount: one entry each, however many pods.
    expect(one.size).toBeGreaterThanOrEqual(8);
    expect(many.size).toBe(one.size);
    // Per-object names, uids, timestamps and IPs stay out of the table, and the values are intact.
    expect(projected[3]!.metadata.name).toBe('web-3');
    expect(projected[3]!.metadata.uid).toBe('uid-3');
    expect(projected[3]!.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': '5d8f' });
  });

  it('projects values by shape: named keys, "*" for the rest, arrays element by element', () => {
    expect(project({ a: 1, b: { c: 2, d: 3 }, e: [{ f: 1, g: 2 }] }, { b: { c: true }, e: { g: true } }, undefined)).toEqual({ b: { c: 2 }, e: [{ g: 2 }] });
    expect(project({ a: 1, b: { c: 2, d: 3 } }, { '*': true, b: { d: true } }, undefined)).toEqual({ a: 1, b: { d: 3 } });
    expect(keepsPath('Pod', 'spec.containers[].securityContext.privileged')).toBe(true);
    expect(keepsPath('Pod', 'spec.containers[].terminationMessagePath')).toBe(false);
    expect(keepsPath('Pod', 'metadata.resourceVersion')).toBe(false);
    expect(keepsPath('Deployment', 'spec.strategy.type')).toBe(true);
    expect(keepsPath('Deployment', 'spec.template.spec.dnsPolicy')).toBe(false);
    expect(keepsPath('ValidatingAdmissionPolicy', 'spec.anything')).toBe(true);
    expect(keepsPath('Pod', 'metadata.labels.app')).toBe(true);
    // Subtrees kept whole are shared with the parsed input, not copied.
    const spec = { containers: [{ name: 'a', securityContext: { privileged: true } }] };
    const out = project({ spec }, LIVE_PROJECTION['Pod']!, undefined) as { spec: typeof spec };
    expect(out.spec.containers[0]!.securityContext).toBe(spec.containers[0]!.securityContext);
  });
});

/** A Pod the way a kube-apiserver returns it (defaults, token volume, tolerations, status). */
function livePod(name = 'web-5d8f-x1', uid = 'pod-1'): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid,
      resourceVersion: '12345',
      creationTimestamp: '2026-11-01T00:00:00Z',
      labels: { app: 'web', 'pod-template-hash': '5d8f' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f', uid: 'rs-1', controller: true, blockOwnerDeletion: true } as never],
      managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', fieldsV1: { 'f:metadata': {} } }],
    } as K8sObject['metadata'],
    spec: {
      containers: [
        {
          name: 'web',
          image: 'registry.example.com/shop/web:1.2.3',
          imagePullPolicy: 'IfNotPresent',
          resources: { requests: { cpu: '100m' } },
          securityContext: { runAsNonRoot: true },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ name: 'kube-api-access-abcde', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      nodeName: 'node-001',
      securityContext: {},
      schedulerName: 'default-scheduler',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      volumes: [{ name: 'kube-api-access-abcde', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }], defaultMode: 420 } }],
    },
    status: {
      phase: 'Running',
      podIP: '10.0.0.7',
      hostIP: '172.20.0.10',
      qosClass: 'Burstable',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-01T00:00:05Z' }],
      containerStatuses: [{ name: 'web', ready: true, restartCount: 0, image: 'registry.example.com/shop/web:1.2.3', imageID: 'sha256:abc', containerID: 'containerd://def' }],
    },
  };
}

/**
 * The bundled demo cluster (examples/demo-cluster) is a fixture other tests and the docs rely on:
 * it must load cleanly, be internally consistent the way a real cluster export is, hold the
 * tenants docs/demo-cluster.md describes, and name only objects that exist.
 * (That a real kube-apiserver accepts every object is checked by examples/demo-cluster/apply.ts.)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildTenantModel } from '../../src/analysis/tenants.js';
import { defaultConfig } from '../../src/config/types.js';
import { podSpecOf } from '../../src/engine/workloads.js';
import { loadManifests, type LoadedObjects } from '../../src/inventory/files.js';
import { matchesSelector, type LabelSelector } from '../../src/inventory/selectors.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import { isRecord, objectKey, type K8sObject } from '../../src/model/k8s.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO = join(ROOT, 'examples', 'demo-cluster');
const DOC = join(ROOT, 'docs', 'demo-cluster.md');

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kinds whose names must be DNS-1123 labels (they become DNS names or label values). */
const LABEL_NAMED = new Set(['Namespace', 'Service']);
/** RBAC objects may use path-segment names such as `system:coredns`. */
const PATH_SEGMENT_NAMED = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
const CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

let loaded: LoadedObjects;
let snapshot: Snapshot;

function spec(o: K8sObject): Record<string, unknown> {
  return isRecord(o['spec']) ? o['spec'] : {};
}

function ofKind(kind: string): K8sObject[] {
  return loaded.objects.filter((o) => o.kind === kind);
}

beforeAll(async () => {
  loaded = await loadManifests([DEMO], ROOT);
  snapshot = new Snapshot({ objects: loaded.objects, locations: loaded.locations, errors: loaded.errors, source: DEMO, mode: 'offline' });
});

describe('demo cluster: loading', () => {
  it('loads every file without errors', () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.files.length).toBeGreaterThanOrEqual(10);
  });

  it('holds 150-220 objects with unique identities', () => {
    expect(loaded.objects.length).toBeGreaterThanOrEqual(150);
    expect(loaded.objects.length).toBeLessThanOrEqual(220);
    const keys = loaded.objects.map(objectKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('has no Secret carrying data', async () => {
    // The raw files, not the loaded objects: the loader trims Secret data away.
    const withData: string[] = [];
    for (const file of loaded.files) {
      for (const doc of parseAllDocuments(await readFile(file, 'utf8'))) {
        const v = doc.toJS() as unknown;
        if (isRecord(v) && v['kind'] === 'Secret' && (v['data'] !== undefined || v['stringData'] !== undefined)) withData.push(file);
      }
    }
    expect(withData).toEqual([]);
  });
});

describe('demo cluster: tenants', () => {
  it('has the three documented tenants and the unassigned/system groups', () => {
    const model = buildTenantModel(snapshot, defaultConfig());
    const tenants = Object.fromEntries(model.tenants().map((t) => [t.name, [...t.namespaces].sort()]));
    expect(tenants).toEqual({
      acme: ['acme-data', 'acme-web'],
      globex: ['globex-ci', 'globex-shop'],
      initech: ['initech'],
    });
    expect(model.tenantOf('kube-system')).toBe('system');
    expect(model.tenantOf('default')).toBe('unassigned');
    expect(model.tenantOf('monitoring')).toBe('unassigned');
  });

  it('sets the PSA enforce levels the docs describe', () => {
    const enforce = (ns: string): string | undefined => snapshot.namespace(ns)?.metadata.labels?.['pod-security.kubernetes.io/enforce'];
    expect(enforce('acme-web')).toBe('restricted');
    expect(enforce('acme-data')).toBe('restricted');
    expect(enforce('globex-shop')).toBe('baseline');
    expect(enforce('initech')).toBe('baseline');
    expect(enforce('logging')).toBe('privileged');
    expect(enforce('globex-ci')).toBeUndefined();
    expect(enforce('monitoring')).toBeUndefined();
  });
});

describe('demo cluster: what a real API server requires', () => {
  it('uses valid DNS-1123 names', () => {
    const bad: string[] = [];
    for (const o of loaded.objects) {
      const name = o.metadata.name;
      const ok = PATH_SEGMENT_NAMED.has(o.kind)
        ? name.length > 0 && !/[/%]/.test(name) && name !== '.' && name !== '..'
        : LABEL_NAMED.has(o.kind)
          ? name.length <= 63 && DNS1123_LABEL.test(name)
          : name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
      if (!ok) bad.push(objectKey(o));
    }
    expect(bad).toEqual([]);
  });

  it('puts every namespaced object in a namespace that exists', () => {
    const namespaces = new Set(ofKind('Namespace').map((n) => n.metadata.name));
    const orphans = loaded.objects.filter((o) => o.metadata.namespace !== undefined && !namespaces.has(o.metadata.namespace));
    expect(orphans.map(objectKey)).toEqual([]);
  });

  it('gives every Deployment/StatefulSet/DaemonSet/ReplicaSet a selector that matches its template labels', () => {
    const controllers = loaded.objects.filter((o) => CONTROLLERS.has(o.kind));
    expect(controllers.length).toBeGreaterThanOrEqual(15);
    const mismatched = controllers.filter((o) => {
      const selector = spec(o)['selector'] as LabelSelector | undefined;
      const labels = podSpecOf(o)?.metadata.labels;
      return !selector || !matchesSelector(selector, labels);
    });
    expect(mismatched.map(objectKey)).toEqual([]);
  });

  it('gives Jobs no hand-written selector (the API server generates it)', () => {
    const jobs = ofKind('Job');
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    for (const j of jobs) expect(spec(j)['selector']).toBeUndefined();
  });

  it('references only ServiceAccounts that exist in the pod namespace (but the one planted for references/pod-service-account)', () => {
    const accounts = new Set(ofKind('ServiceAccount').map(objectKey));
    const missing: string[] = [];
    for (const o of loaded.objects) {
      const view = podSpecOf(o);
      if (!view) continue;
      const isMirror = o.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
      if (isMirror) continue; // kubelet static pods have no ServiceAccount
      const sa = view.spec.serviceAccountName ?? 'default';
      if (!accounts.has(`ServiceAccount/${o.metadata.namespace}/${sa}`)) missing.push(`${objectKey(o)} -> ${sa}`);
    }
    expect(missing).toEqual(['Job/initech/reports-backfill -> reports-backfill']);
  });

  it('resolves every ownerReference to an exported object with the same uid', () => {
    const dangling: string[] = [];
    for (const o of loaded.objects) {
      for (const ref of o.metadata.ownerReferences ?? []) {
        const owner = snapshot.get(ref.kind, ref.name, ref.kind === 'Node' ? undefined : o.metadata.namespace);
        if (!owner || owner.metadata.uid !== ref.uid) dangling.push(`${objectKey(o)} -> ${ref.kind}/${ref.name}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('binds only roles that exist (bootstrap system: roles excepted)', () => {
    const missing: string[] = [];
    for (const b of [...ofKind('RoleBinding'), ...ofKind('ClusterRoleBinding')]) {
      const roleRef = b['roleRef'] as { kind: string; name: string };
      if (roleRef.name.startsWith('system:')) continue;
      const ns = roleRef.kind === 'Role' ? b.metadata.namespace : undefined;
      if (!snapshot.get(roleRef.kind, roleRef.name, ns)) missing.push(`${objectKey(b)} -> ${roleRef.kind}/${roleRef.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('gives every Ingress a class and every path a pathType', () => {
    for (const ing of ofKind('Ingress')) {
      expect(spec(ing)['ingressClassName'], objectKey(ing)).toBe('nginx');
      const rules = (spec(ing)['rules'] ?? []) as { http?: { paths?: { pathType?: string }[] } }[];
      for (const r of rules) for (const p of r.http?.paths ?? []) expect(['Prefix', 'Exact', 'ImplementationSpecific']).toContain(p.pathType);
    }
  });

  it('keeps NodePorts in the default range and unique', () => {
    const ports = ofKind('Service').flatMap((s) => ((spec(s)['ports'] ?? []) as { nodePort?: number }[]).map((p) => p.nodePort)).filter((p): p is number => p !== undefined);
    expect(ports.length).toBeGreaterThanOrEqual(1);
    for (const p of ports) expect(p >= 30000 && p <= 32767, String(p)).toBe(true);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('makes control-plane pods look like kubeadm mirror pods', () => {
    const components = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'];
    for (const c of components) {
      const pods = snapshot.select('Pod', { matchLabels: { component: c, tier: 'control-plane' } }, 'kube-system');
      expect(pods.length, c).toBe(1);
      const pod = pods[0]!;
      expect(pod.metadata.annotations?.['kubernetes.io/config.mirror'], c).toBeTruthy();
      expect(pod.metadata.ownerReferences?.[0]?.kind, c).toBe('Node');
      expect(spec(pod)['nodeName'], c).toBe('cp-1');
      const command = (podSpecOf(pod)?.spec.containers[0]?.command ?? []).join(' ');
      expect(command.startsWith(c), c).toBe(true);
    }
  });
});

describe('docs/demo-cluster.md', () => {
  it('names only objects that exist in the demo cluster', async () => {
    const doc = await readFile(DOC, 'utf8');
    const refs = [...doc.matchAll(/`([A-Z][A-Za-z]+\/[a-z0-9.:@-]+(?:\/[a-z0-9.:@-]+)?)`/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(40);
    const missing = [...new Set(refs)].filter((ref) => {
      const parts = ref.split('/');
      const [kind, a, b] = parts as [string, string, string | undefined];
      return b === undefined ? !snapshot.get(kind, a) : !snapshot.get(kind, b, a);
    });
    expect(missing).toEqual([]);
  });
});

/**
 * charts/palisade on the real kube-apiserver: every rendering (defaults, each overlay's switch,
 * all at once; test/helpers/helm.ts) is server-side applied with strict field validation and
 * accepted (ServiceMonitor and PrometheusRule against the minimal CRDs in test/fixtures/crds/),
 * and the release namespace's restricted Pod Security admits the CronJob's and the exporter's
 * pods and rejects them privileged. Objects this file creates are deleted at the end; the
 * Namespace stays (without a namespace controller it would stay Terminating).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { statusMessage } from '../../src/inventory/live/client.js';
import { collectionPath } from '../../src/inventory/live/discovery.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { REPO_ROOT } from '../cluster/build.ts';
import { clusterFor, type TestCluster } from '../helpers/cluster.ts';
import { HELM_CASE_NAMES, HELM_CASES, helmAvailable, helmTemplate, type HelmCase } from '../helpers/helm.ts';
import { find, podTemplateOf } from '../helpers/kustomize.ts';

const info = inject('cluster');
const helmOk = await helmAvailable();
const FIELD_MANAGER = 'palisade-helm-test';

async function yamlObjects(file: string): Promise<K8sObject[]> {
  return parseAllDocuments(await readFile(join(REPO_ROOT, file), 'utf8'))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

const key = (o: K8sObject): string => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

describe.skipIf(!info || !helmOk)('Helm chart on the real kube-apiserver', () => {
  let k: TestCluster;
  const rendered = new Map<HelmCase, K8sObject[]>();
  const created = new Map<string, K8sObject>();

  /** Server-side apply with fieldValidation=Strict: unknown or duplicate fields are errors. */
  async function strictApply(obj: K8sObject): Promise<{ status: number; message: string }> {
    if (!created.has(key(obj)) && obj.kind !== 'Namespace' && (await k.get(obj)) === undefined) created.set(key(obj), obj);
    const res = await k.resourceFor(obj.apiVersion, obj.kind);
    const path = `${collectionPath(res, obj.metadata.namespace)}/${encodeURIComponent(obj.metadata.name)}`;
    const r = await k.call('PATCH', path, obj, { fieldManager: FIELD_MANAGER, force: 'true', fieldValidation: 'Strict' }, 'application/apply-patch+yaml');
    return { status: r.status, message: r.status < 300 ? '' : statusMessage(r.body) };
  }

  beforeAll(async () => {
    k = clusterFor(info!);
    for (const c of HELM_CASE_NAMES) rendered.set(c, (await helmTemplate(HELM_CASES[c])).objects);
    const crds = [
      ...(await yamlObjects('test/fixtures/crds/monitoring.coreos.com_servicemonitors.yaml')),
      ...(await yamlObjects('test/fixtures/crds/monitoring.coreos.com_prometheusrules.yaml')),
    ];
    expect((await k.applyObjects(crds)).rejected).toEqual([]);
    for (let i = 0; i < 150; i++) {
      k.refreshDiscovery();
      const ok = await k.resourceFor('monitoring.coreos.com/v1', 'PrometheusRule').then(() => true, () => false);
      if (ok && (await k.resourceFor('monitoring.coreos.com/v1', 'ServiceMonitor').then(() => true, () => false))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    for (const obj of [...created.values()].reverse()) await k?.delete(obj).catch(() => undefined);
  });

  it.each(HELM_CASE_NAMES.map((c) => [c]))('%s: every object is accepted by server-side apply (strict field validation)', async (c) => {
    const refused: string[] = [];
    // Namespace first, as helm installs it.
    const objs = [...rendered.get(c)!].sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'));
    for (const obj of objs) {
      const r = await strictApply(obj);
      if (r.status >= 300) refused.push(`${obj.kind}/${obj.metadata.name}: HTTP ${r.status} ${r.message}`);
    }
    expect(refused).toEqual([]);
    const cj = await k.get(find(objs, 'CronJob', 'palisade'));
    expect(cj?.['spec']).toMatchObject({ concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 600, jobTemplate: { spec: { activeDeadlineSeconds: 1800 } } });
  });

  it('restricted Pod Security admits the CronJob\'s and the exporter\'s pods, and rejects them privileged', async () => {
    const objs = rendered.get('all')!;
    for (const obj of objs) await strictApply(obj);
    const ns = await k.get(find(objs, 'Namespace', 'palisade'));
    expect(ns?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const w of [find(objs, 'CronJob', 'palisade'), find(objs, 'Deployment', 'palisade-exporter')]) {
      const template = podTemplateOf(w);
      const pod: K8sObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `helm-psa-${w.kind.toLowerCase()}`, namespace: 'palisade', labels: template.metadata?.['labels'] as Record<string, string> }, spec: template.spec };
      expect(await k.dryRunCreate(pod), `${w.kind}/${w.metadata.name}`).toEqual({ verdict: 'admitted', status: 201, message: '' });
      const spec = template.spec as unknown as { containers: { securityContext?: Record<string, unknown> }[] };
      const privileged: K8sObject = { ...pod, spec: { ...spec, containers: spec.containers.map((ct) => ({ ...ct, securityContext: { ...ct.securityContext, privileged: true, allowPrivilegeEscalation: true } })) } };
      const denied = await k.dryRunCreate(privileged);
      expect(denied.verdict, `${w.kind} privileged`).toBe('policy-denied');
      expect(denied.message).toMatch(/privileged/);
    }
  });
});

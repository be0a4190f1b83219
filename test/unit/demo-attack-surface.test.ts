/**
 * The attack-surface, hard multi-tenancy and image-provenance rules (issue 16) on the demo cluster,
 * scanned with its own config (examples/demo-cluster.palisade.yaml: acme hard and requiring digests,
 * allowed registries). Every rule must fail on exactly the objects docs/demo-cluster.md plants for
 * it, have its generated doc page, be named in docs/demo-cluster.md and in its family doc, and carry
 * its framework references.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { loadManifests } from '../../src/inventory/files.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import { refString } from '../../src/model/k8s.js';
import { isFrameworkRef, type RuleResult } from '../../src/model/result.js';
import { RULES } from '../../src/rules/index.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Rule → the objects it fails on in the demo (with its config), and the family doc that explains it. */
const PLANTED: Record<string, { fails: string[]; doc: string }> = {
  'network/cloud-metadata-egress': {
    doc: 'attack-surface.md',
    fails: [
      'CronJob/globex-ci/nightly-build', 'DaemonSet/logging/fluent-bit', 'DaemonSet/monitoring/node-exporter', 'Deployment/globex-ci/build-agent',
      'Deployment/globex-shop/recommendations', 'Deployment/globex-shop/storefront', 'Deployment/ingress-nginx/ingress-nginx-controller', 'Deployment/initech/billing',
      'Deployment/initech/reports', 'Deployment/monitoring/grafana', 'Job/globex-ci/db-migrate-20261101', 'Job/initech/reports-backfill',
      'Pod/default/apiserver-debug', 'Pod/default/debug-shell', 'StatefulSet/monitoring/prometheus',
    ],
  },
  'admission/webhook-external-url': { doc: 'attack-surface.md', fails: ['ValidatingWebhookConfiguration/secretguard-scanner'] },
  'admission/webhook-tenant-backend': { doc: 'attack-surface.md', fails: ['MutatingWebhookConfiguration/globex-ci-pod-defaults'] },
  'admission/webhook-fail-open': { doc: 'attack-surface.md', fails: ['MutatingWebhookConfiguration/globex-ci-pod-defaults', 'ValidatingWebhookConfiguration/secretguard-scanner'] },
  'admission/webhook-system-exemption': { doc: 'attack-surface.md', fails: ['ValidatingWebhookConfiguration/ingress-nginx-admission'] },
  'apiservice/insecure-skip-tls-verify': { doc: 'attack-surface.md', fails: ['APIService/v1beta1.metrics.k8s.io'] },
  'apiservice/tenant-backend': { doc: 'attack-surface.md', fails: ['APIService/v1beta1.custom.metrics.k8s.io'] },
  'exposure/admin-ui': { doc: 'attack-surface.md', fails: ['Deployment/kube-system/kubernetes-dashboard', 'Deployment/monitoring/grafana'] },
  'exposure/admin-ui-privileged': { doc: 'attack-surface.md', fails: ['Deployment/kube-system/kubernetes-dashboard'] },
  'exposure/shadow-apiserver': { doc: 'attack-surface.md', fails: ['Pod/default/apiserver-debug'] },
  'workload/image-registry': { doc: 'attack-surface.md', fails: ['Deployment/kube-system/kubernetes-dashboard', 'Pod/default/debug-shell', 'StatefulSet/acme-data/postgres'] },
  'workload/image-digest': { doc: 'attack-surface.md', fails: ['CronJob/acme-data/postgres-backup'] },
  'admission/image-signature': { doc: 'attack-surface.md', fails: ['Cluster/demo-prod-eu1'] },
  'tenancy/mesh-mtls': { doc: 'tenancy.md', fails: ['Tenant/globex', 'Tenant/initech'] },
  'tenancy/runtime-class': { doc: 'tenancy.md', fails: ['CronJob/acme-data/postgres-backup', 'Deployment/acme-web/api', 'Deployment/acme-web/frontend', 'StatefulSet/acme-data/postgres'] },
  'tenancy/user-namespaces': { doc: 'tenancy.md', fails: ['CronJob/acme-data/postgres-backup', 'Deployment/acme-web/api', 'Deployment/acme-web/frontend', 'StatefulSet/acme-data/postgres'] },
  'tenancy/node-isolation': { doc: 'tenancy.md', fails: ['CronJob/acme-data/postgres-backup'] },
  'tenancy/default-deny-ingress': { doc: 'tenancy.md', fails: ['Namespace/globex-ci', 'Namespace/globex-shop'] },
  'tenancy/default-deny-egress': { doc: 'tenancy.md', fails: ['Namespace/globex-ci', 'Namespace/globex-shop', 'Namespace/initech'] },
  'tenancy/shared-service-account': { doc: 'tenancy.md', fails: ['ServiceAccount/globex-ci/ci-deployer'] },
  'tenancy/persistent-volume-reuse': { doc: 'tenancy.md', fails: ['PersistentVolume/pv-reports-hostpath'] },
  'tenancy/service-exposure': { doc: 'tenancy.md', fails: ['Service/globex-shop/storefront', 'Service/initech/legacy-gateway'] },
};

/** Rules without a Microsoft-matrix or ATT&CK technique, and why (the references list holds MTB / CIS instead). */
const NO_TECHNIQUE: Record<string, string> = {
  'tenancy/default-deny-ingress': 'MTB and CIS 5.3.2',
  'tenancy/default-deny-egress': 'MTB and CIS 5.3.2',
  'tenancy/shared-service-account': 'MTB-PL1-CC-TI-2',
  'tenancy/persistent-volume-reuse': 'MTB pending #1199/#1200, MTB-PL1-BC-HI-1',
  'tenancy/service-exposure': 'MTB-PL1-BC-HI-1, CIS',
};

let results: RuleResult[];

beforeAll(async () => {
  const config = await loadConfigFile(join(ROOT, 'examples', 'demo-cluster.palisade.yaml'));
  const loaded = await loadManifests([join(ROOT, 'examples', 'demo-cluster')]);
  expect(loaded.errors).toEqual([]);
  const snapshot = new Snapshot({ objects: loaded.objects, source: 'demo', mode: 'offline' });
  results = [...scanSnapshot(snapshot, { config, rules: RULES, now: new Date('2026-11-22T00:00:00Z') }).result.results];
});

describe('issue-16 rules on the demo cluster (its own config)', () => {
  it.each(Object.entries(PLANTED))('%s fails on exactly its planted objects and is evaluated everywhere else', (id, { fails }) => {
    const mine = results.filter((r) => r.rule === id);
    expect(mine.filter((r) => r.status === 'fail').map((r) => refString(r.object)).sort()).toEqual([...fails].sort());
    expect(mine.filter((r) => r.status === 'unknown' || r.status === 'error').map((r) => `${refString(r.object)}: ${r.message}`)).toEqual([]);
  });

  it('requires acme\'s digests only: workload/image-digest is not applicable outside acme, and passes acme\'s pinned images', () => {
    const digest = results.filter((r) => r.rule === 'workload/image-digest');
    const judged = digest.filter((r) => r.status !== 'not-applicable').map((r) => refString(r.object));
    expect(judged.every((ref) => /\/acme-(web|data)\//.test(ref))).toBe(true);
    expect(digest.find((r) => refString(r.object) === 'Deployment/acme-web/doc-renderer')?.status).toBe('pass');
    expect(digest.find((r) => refString(r.object) === 'CronJob/acme-data/postgres-backup')?.message).toContain('registry.acme.example/ops/pg-backup:1.8.2');
  });

  it.each(Object.entries(PLANTED))('%s has a generated doc page, a demo case in demo-cluster.md and a section in its family doc', async (id, { doc }) => {
    expect(existsSync(join(ROOT, 'docs', 'rules', `${id}.md`))).toBe(true);
    expect(await readFile(join(ROOT, 'docs', 'demo-cluster.md'), 'utf8')).toContain(`\`${id}\``);
    expect(await readFile(join(ROOT, 'docs', doc), 'utf8')).toContain(`\`${id}\``);
  });

  it.each(Object.keys(PLANTED))('%s names its framework references', (id) => {
    const rule = RULES.find((r) => r.meta.id === id)!;
    const frameworks = rule.meta.references.filter(isFrameworkRef).map((r) => r.framework);
    if (NO_TECHNIQUE[id]) expect(frameworks.length).toBeGreaterThan(0);
    else expect(frameworks.some((f) => f === 'MITRE ATT&CK' || f === 'Microsoft Threat Matrix')).toBe(true);
  });
});

/**
 * The optional, CRD-provided kinds on a real kube-apiserver: Kyverno ClusterPolicy / Policy /
 * ImageValidatingPolicy, sigstore policy-controller ClusterImagePolicy, Ratify's RatifyVerification
 * constraint and Istio PeerAuthentication, plus Connaisseur's webhook (no CRD). Minimal CRDs
 * (schemaless, as the kinds' own CRDs are to Palisade) are applied first and waited for until
 * served, then the custom resources. The server is scanned live as Palisade's own ServiceAccount
 * (RBAC from manifests/base: the ClusterRole must grant each kind) and `admission/image-signature`
 * and `tenancy/mesh-mtls` must give what the offline scan of the same objects gives, status,
 * message and evidence, both before and after a namespace is opted in to policy-controller.
 *
 * A dedicated apiserver, not the run's shared one: the CRDs and the fail-closed Connaisseur webhook
 * (registered last, with no backend) would change discovery and admission for the other tests.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import { objectKey, refString, type K8sObject } from '../../src/model/k8s.js';
import type { RuleResult } from '../../src/model/result.js';
import { RULES } from '../../src/rules/index.js';
import { startCluster, type RunningCluster } from '../cluster/harness.ts';
import { TestCluster, kubeconfigWithToken } from '../helpers/cluster.ts';

const shared = inject('cluster');
const BASE = new URL('../../manifests/base/', import.meta.url);
const RULE_IDS = ['admission/image-signature', 'tenancy/mesh-mtls'];

/** A schemaless CRD for `kind` (what Palisade reads of these kinds is unstructured anyway). */
function crd(group: string, plural: string, kind: string, scope: 'Cluster' | 'Namespaced', version: string): K8sObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope,
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
      versions: [{ name: version, served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
}

const CRDS: K8sObject[] = [
  crd('kyverno.io', 'clusterpolicies', 'ClusterPolicy', 'Cluster', 'v1'),
  crd('kyverno.io', 'policies', 'Policy', 'Namespaced', 'v1'),
  crd('policies.kyverno.io', 'imagevalidatingpolicies', 'ImageValidatingPolicy', 'Cluster', 'v1alpha1'),
  crd('policy.sigstore.dev', 'clusterimagepolicies', 'ClusterImagePolicy', 'Cluster', 'v1beta1'),
  // Gatekeeper names a constraint kind's resource by the lower-cased kind, without a plural.
  crd('constraints.gatekeeper.sh', 'ratifyverification', 'RatifyVerification', 'Cluster', 'v1beta1'),
  crd('security.istio.io', 'peerauthentications', 'PeerAuthentication', 'Namespaced', 'v1'),
];

/**
 * Five tenants. Signatures: acme by a Kyverno ClusterPolicy, globex by a Kyverno Policy in its
 * namespace, initech by policy-controller (opted in by label), umbrella by Ratify; hooli by nothing
 * until it is labelled for policy-controller. An ImageValidatingPolicy in Audit mode covers nothing.
 * Mesh: acme STRICT in both namespaces (pass), globex meshed without a policy (PERMISSIVE), initech
 * outside the mesh, hooli STRICT but a workload policy turns it PERMISSIVE, umbrella outside.
 */
const NAMESPACES = `
apiVersion: v1
kind: Namespace
metadata: {name: crd-acme-web, labels: {palisade.dev/tenant: acme, istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: crd-acme-data, labels: {palisade.dev/tenant: acme, istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: crd-globex, labels: {palisade.dev/tenant: globex, istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: crd-initech, labels: {palisade.dev/tenant: initech, policy.sigstore.dev/include: "true"}}
---
apiVersion: v1
kind: Namespace
metadata: {name: crd-umbrella, labels: {palisade.dev/tenant: umbrella}}
---
apiVersion: v1
kind: Namespace
metadata: {name: crd-hooli, labels: {palisade.dev/tenant: hooli, istio.io/rev: stable}}
`;

const CUSTOM = `
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: verify-acme}
spec:
  validationFailureAction: Enforce
  rules:
    - name: cosign
      match: {any: [{resources: {kinds: [Pod], namespaces: ["crd-acme-*"]}}]}
      verifyImages:
        - imageReferences: ["registry.acme.example/*"]
          attestors: [{entries: [{keys: {publicKeys: "-----BEGIN PUBLIC KEY-----"}}]}]
---
apiVersion: kyverno.io/v1
kind: Policy
metadata: {name: verify-globex, namespace: crd-globex}
spec:
  rules:
    - name: keyless
      match: {any: [{resources: {kinds: [Pod]}}]}
      verifyImages:
        - imageReferences: ["ghcr.io/globex/*"]
          failureAction: Enforce
          attestors: [{entries: [{keyless: {issuer: "https://token.actions.githubusercontent.com", subject: "https://github.com/globex/*"}}]}]
---
apiVersion: policies.kyverno.io/v1alpha1
kind: ImageValidatingPolicy
metadata: {name: audit-everything}
spec:
  validationActions: [Audit]
  matchConstraints:
    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [pods]}]
  attestors: [{name: cosign, cosign: {key: {data: "-----BEGIN PUBLIC KEY-----"}}}]
  validations: [{expression: "images.containers.map(image, verifyImageSignatures(image, [attestors.cosign])).all(e, e > 0)"}]
---
apiVersion: policy.sigstore.dev/v1beta1
kind: ClusterImagePolicy
metadata: {name: signed-by-fulcio}
spec:
  images: [{glob: "**"}]
  authorities: [{keyless: {url: "https://fulcio.sigstore.dev", identities: [{issuer: "https://accounts.google.com", subject: "release@initech.example"}]}}]
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: RatifyVerification
metadata: {name: ratify-constraint}
spec:
  enforcementAction: deny
  match:
    kinds: [{apiGroups: [""], kinds: [Pod]}]
    namespaces: [crd-umbrella]
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: crd-acme-web}
spec: {mtls: {mode: STRICT}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: crd-acme-data}
spec: {mtls: {mode: STRICT}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: crd-hooli}
spec: {mtls: {mode: STRICT}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: legacy-metrics, namespace: crd-hooli}
spec: {selector: {matchLabels: {app: legacy}}, mtls: {mode: PERMISSIVE}}
`;

/** Connaisseur's webhook, registered last: fail-closed on pods with no backend, only in namespaces labelled for it (none). */
const CONNAISSEUR = `
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: connaisseur-webhook}
webhooks:
  - name: connaisseur-svc.connaisseur.svc
    clientConfig: {service: {namespace: connaisseur, name: connaisseur-svc, path: /mutate}}
    rules: [{operations: [CREATE, UPDATE], apiGroups: ["*"], apiVersions: ["*"], resources: [pods, deployments, replicasets, daemonsets, statefulsets, jobs, cronjobs]}]
    namespaceSelector: {matchLabels: {securesystemsengineering.connaisseur/webhook: validate}}
    failurePolicy: Fail
    sideEffects: None
    admissionReviewVersions: [v1]
`;

function docs(text: string): K8sObject[] {
  return parseAllDocuments(text).map((d) => d.toJS() as K8sObject);
}

async function baseManifests(): Promise<K8sObject[]> {
  const kust = parse(await readFile(new URL('kustomization.yaml', BASE), 'utf8')) as { resources: string[] };
  const out: K8sObject[] = [];
  for (const file of kust.resources) out.push(...docs(await readFile(new URL(file, BASE), 'utf8')));
  return out;
}

const key = (r: RuleResult): string => `${r.rule} ${refString(r.object)}`;
/** What live and offline must agree on, per (rule, object). */
const view = (rs: readonly RuleResult[]): Record<string, unknown> => Object.fromEntries(rs.map((r) => [key(r), { status: r.status, message: r.message, evidence: r.evidence }]));

describe.skipIf(!shared)('CRD-provided kinds: live scan of a real apiserver = offline scan of the same objects', () => {
  let cluster: RunningCluster;
  let k: TestCluster;
  let dir: string;
  let kubeconfig: string;
  let fixtures: K8sObject[];
  const config = defaultConfig();
  const now = new Date('2026-11-22T00:00:00Z');

  const select = (rs: Iterable<RuleResult>): RuleResult[] => [...rs].filter((r) => RULE_IDS.includes(r.rule));
  async function scanBoth(objects: K8sObject[]): Promise<{ live: RuleResult[]; offline: RuleResult[]; snapshot: Snapshot }> {
    const snapshot = await liveSnapshot({ kubeconfig });
    const live = select(scanSnapshot(snapshot, { config, rules: RULES, now }).result.results);
    const offlineSnap = new Snapshot({ objects, source: 'fixtures', mode: 'offline', cluster: { version: snapshot.cluster.version! } });
    return { live, offline: select(scanSnapshot(offlineSnap, { config, rules: RULES, now }).result.results), snapshot };
  }

  beforeAll(async () => {
    cluster = await startCluster();
    dir = await mkdtemp(join(tmpdir(), 'palisade-crds-'));
    k = new TestCluster(cluster);
    const first = await k.applyObjects([...(await baseManifests()), ...docs(NAMESPACES), ...CRDS]);
    expect(first.rejected.map((r) => `${objectKey(r.object)}: ${r.message}`)).toEqual([]);
    const custom = docs(CUSTOM);
    // The CRDs' kinds are served once they are established; discovery is re-read until then.
    let served = false;
    for (let attempt = 0; attempt < 150 && !served; attempt++) {
      k.refreshDiscovery();
      served = (await Promise.all(custom.map((o) => k.resourceFor(o.apiVersion, o.kind).then(() => true, () => false)))).every(Boolean);
      if (!served) await new Promise((r) => setTimeout(r, 200));
    }
    expect(served, 'the CRDs were not served within 30 s').toBe(true);
    const second = await k.applyObjects([...custom, ...docs(CONNAISSEUR)]);
    expect(second.rejected.map((r) => `${objectKey(r.object)}: ${r.message}`)).toEqual([]);
    fixtures = [...docs(NAMESPACES), ...custom, ...docs(CONNAISSEUR)];
    kubeconfig = join(dir, 'palisade.kubeconfig');
    await writeFile(kubeconfig, await kubeconfigWithToken(cluster, await k.tokenFor('palisade', 'palisade'), 'palisade-sa'), { mode: 0o600 });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists every optional kind as Palisade\'s ServiceAccount, with no gap', async () => {
    const { snapshot } = await scanBoth(fixtures);
    expect(snapshot.gaps).toEqual([]);
    expect(snapshot.errors).toEqual([]);
    for (const o of fixtures.filter((x) => !['Namespace'].includes(x.kind))) {
      expect(snapshot.get(o.kind, o.metadata.name, o.metadata.namespace), objectKey(o)).toBeDefined();
    }
  });

  it('fails image-signature on the one uncovered tenant and judges the mesh per tenant, as offline', async () => {
    const { live, offline } = await scanBoth(fixtures);
    expect(offline.length).toBe(6); // one cluster result, five tenants
    expect(view(live)).toEqual(view(offline));
    const signature = live.find((r) => r.rule === 'admission/image-signature')!;
    expect(signature.status).toBe('fail');
    expect(signature.message).toBe('No enforcing image-signature policy covers 1 tenant namespace(s): crd-hooli (hooli)');
    const policies = signature.evidence.find((e) => e.path === 'image-signature policies')!.actual;
    expect(policies).toEqual({
      enforcing: [
        'ClusterPolicy/verify-acme rule cosign',
        'Policy/crd-globex/verify-globex rule keyless',
        'ClusterImagePolicy/signed-by-fulcio',
        'RatifyVerification/ratify-constraint',
        'MutatingWebhookConfiguration/connaisseur-webhook',
      ],
      auditOnly: ['ImageValidatingPolicy/audit-everything'],
    });
    const mesh = Object.fromEntries(live.filter((r) => r.rule === 'tenancy/mesh-mtls').map((r) => [r.object.name, r.status]));
    expect(mesh).toEqual({ acme: 'pass', globex: 'fail', initech: 'fail', hooli: 'fail', umbrella: 'fail' });
    expect(live.find((r) => r.rule === 'tenancy/mesh-mtls' && r.object.name === 'hooli')!.message).toContain('PeerAuthentication/crd-hooli/legacy-metrics');
  });

  it('passes image-signature once the last tenant is opted in to policy-controller, as offline', async () => {
    const hooli = fixtures.find((o) => o.kind === 'Namespace' && o.metadata.name === 'crd-hooli')!;
    const labelled: K8sObject = { ...hooli, metadata: { ...hooli.metadata, labels: { ...hooli.metadata.labels, 'policy.sigstore.dev/include': 'true' } } };
    await k.apply(labelled);
    const { live, offline } = await scanBoth(fixtures.map((o) => (o === hooli ? labelled : o)));
    expect(view(live)).toEqual(view(offline));
    const signature = live.find((r) => r.rule === 'admission/image-signature')!;
    expect(signature.status).toBe('pass');
    const covering = signature.evidence.find((e) => e.path === 'covering policies')!.actual;
    expect(covering).toEqual(['ClusterImagePolicy/signed-by-fulcio', 'ClusterPolicy/verify-acme rule cosign', 'Policy/crd-globex/verify-globex rule keyless', 'RatifyVerification/ratify-constraint']);
  });
});

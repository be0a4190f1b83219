/**
 * The attack-surface rules (admission webhooks, aggregated APIs, exposed admin UIs, shadow API
 * servers, cloud metadata egress) on a real kube-apiserver: the fixtures are applied, scanned live
 * as Palisade's own ServiceAccount (RBAC from manifests/base, so the ClusterRole must grant
 * apiservices and the webhook configurations), and must give the results the offline scan of the
 * same objects gives. One webhook exempts kube-system by a CEL matchCondition, which the server
 * compiles as it registers it.
 *
 * A dedicated apiserver, not the run's shared one: the fixtures register webhooks and APIServices
 * that have no backend. They are harmless by construction (failurePolicy Ignore, or rules on a
 * resource nobody creates; an APIService whose Service is missing only becomes unavailable), but
 * on the shared server they would still change discovery and admission for the other tests.
 * The server and its data directory are removed afterwards.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { defaultConfig } from '../../src/config/types.js';
import { rulesFor } from '../../src/engine/rules-for.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import { objectKey, refString, type K8sObject } from '../../src/model/k8s.js';
import type { RuleResult } from '../../src/model/result.js';
import { startCluster, type RunningCluster } from '../cluster/harness.ts';
import { TestCluster, kubeconfigWithToken } from '../helpers/cluster.ts';

const shared = inject('cluster');
const BASE = new URL('../../manifests/base/', import.meta.url);

const RULE_IDS = [
  'admission/webhook-external-url',
  'admission/webhook-fail-open',
  'admission/webhook-system-exemption',
  'admission/webhook-tenant-backend',
  'apiservice/insecure-skip-tls-verify',
  'apiservice/tenant-backend',
  'exposure/admin-ui',
  'exposure/admin-ui-privileged',
  'exposure/shadow-apiserver',
  'network/cloud-metadata-egress',
];

/** Objects that must exist before the webhooks are registered (a webhook on pods would see the pod). */
const WORKLOADS = `
apiVersion: v1
kind: Namespace
metadata: {name: attack-ops, labels: {palisade-test/webhooks: "on"}}
---
apiVersion: v1
kind: Namespace
metadata: {name: attack-acme, labels: {palisade.dev/tenant: acme}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: dashboard, namespace: attack-ops}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: attack-ops}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: attack-acme}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: attack-dashboard-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: dashboard, namespace: attack-ops}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dashboard, namespace: attack-ops}
spec:
  selector: {matchLabels: {k8s-app: kubernetes-dashboard}}
  template:
    metadata: {labels: {k8s-app: kubernetes-dashboard}}
    spec:
      serviceAccountName: dashboard
      containers:
        - {name: dashboard, image: "kubernetesui/dashboard:v2.7.0", args: [--auto-generate-certificates, --enable-skip-login]}
---
apiVersion: v1
kind: Service
metadata: {name: dashboard, namespace: attack-ops}
spec: {type: LoadBalancer, selector: {k8s-app: kubernetes-dashboard}, ports: [{port: 443, targetPort: 8443}]}
---
apiVersion: v1
kind: Pod
metadata: {name: apiserver-debug, namespace: attack-ops, labels: {app: apiserver-debug}}
spec:
  containers:
    - {name: kube-apiserver, image: "registry.k8s.io/kube-apiserver:v1.36.3", command: [kube-apiserver, --authorization-mode=AlwaysAllow, "--etcd-servers=https://10.20.0.10:2379"]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: attack-acme}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-internet, namespace: attack-acme}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress:
    - to:
        - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32, 100.100.100.200/32]}
        - ipBlock: {cidr: "::/0", except: ["fd00:ec2::254/128"]}
`;

/** The admission configuration and aggregated APIs, registered last. */
const ADMISSION = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: attack-external-secrets}
webhooks:
  - name: scan.secrets.invalid
    clientConfig: {url: "https://admit.secrets.invalid/scan"}
    rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [secrets]}]
    namespaceSelector: {matchLabels: {palisade-test/never: "true"}}
    failurePolicy: Ignore
    sideEffects: None
    admissionReviewVersions: [v1]
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: attack-tenant-pods}
webhooks:
  - name: pods.acme.invalid
    clientConfig: {service: {namespace: attack-acme, name: hook}}
    rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods], scope: Namespaced}]
    namespaceSelector: {matchLabels: {palisade-test/webhooks: "on"}}
    failurePolicy: Ignore
    sideEffects: None
    admissionReviewVersions: [v1]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: attack-lockout}
webhooks:
  - name: widgets.example.invalid
    clientConfig: {service: {namespace: attack-ops, name: widgets}}
    rules: [{apiGroups: [widgets.example.com], apiVersions: [v1], operations: [CREATE], resources: [widgets]}]
    failurePolicy: Fail
    sideEffects: None
    admissionReviewVersions: [v1]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: attack-cel-exempt}
webhooks:
  - name: widgets-cel.example.invalid
    clientConfig: {service: {namespace: attack-ops, name: widgets}}
    rules: [{apiGroups: [widgets.example.com], apiVersions: [v1], operations: [CREATE], resources: [widgets]}]
    matchConditions: [{name: not-platform, expression: "!(request.namespace in ['kube-system', 'attack-ops'])"}]
    failurePolicy: Fail
    sideEffects: None
    admissionReviewVersions: [v1]
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.insecure.palisade.test}
spec: {group: insecure.palisade.test, version: v1beta1, service: {namespace: attack-ops, name: missing}, insecureSkipTLSVerify: true, groupPriorityMinimum: 100, versionPriority: 100}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.tenant.palisade.test}
spec: {group: tenant.palisade.test, version: v1beta1, service: {namespace: attack-acme, name: adapter}, groupPriorityMinimum: 100, versionPriority: 100}
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

describe.skipIf(!shared)('attack-surface rules: live scan of a real apiserver = offline scan of the fixtures', () => {
  let cluster: RunningCluster;
  let dir: string;
  let fixtures: K8sObject[];
  let live: Awaited<ReturnType<typeof liveSnapshot>>;
  let offlineResults: RuleResult[];
  let liveResults: RuleResult[];

  beforeAll(async () => {
    cluster = await startCluster();
    dir = await mkdtemp(join(tmpdir(), 'palisade-attack-'));
    const k = new TestCluster(cluster);
    fixtures = [...docs(WORKLOADS), ...docs(ADMISSION)];
    const { rejected } = await k.applyObjects([...(await baseManifests()), ...fixtures]);
    expect(rejected.map((r) => `${objectKey(r.object)}: ${r.message}`)).toEqual([]);
    const kubeconfig = join(dir, 'palisade.kubeconfig');
    await writeFile(kubeconfig, await kubeconfigWithToken(cluster, await k.tokenFor('palisade', 'palisade'), 'palisade-sa'), { mode: 0o600 });
    live = await liveSnapshot({ kubeconfig });
    const config = defaultConfig();
    const now = new Date('2026-11-22T00:00:00Z');
    const mine = new Set(fixtures.map(objectKey));
    const select = (rs: Iterable<RuleResult>): RuleResult[] => [...rs].filter((r) => RULE_IDS.includes(r.rule) && mine.has(refString(r.object)));
    // rulesFor, as a scan does: it loads the CEL evaluator the matchCondition cases need.
    liveResults = select(scanSnapshot(live, { config, rules: await rulesFor(config, live), now }).result.results);
    const offline = new Snapshot({ objects: fixtures, source: 'fixtures', mode: 'offline', cluster: { version: live.cluster.version! } });
    offlineResults = select(scanSnapshot(offline, { config, rules: await rulesFor(config, offline), now }).result.results);
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('Palisade\'s ServiceAccount lists APIServices and webhook configurations; the unavailable APIServices leave no gap', () => {
    expect(live.gaps).toEqual([]);
    expect(live.errors).toEqual([]);
    expect(live.get('APIService', 'v1beta1.insecure.palisade.test')).toBeDefined();
    expect(live.get('APIService', 'v1beta1.tenant.palisade.test')).toBeDefined();
    expect(live.get('ValidatingWebhookConfiguration', 'attack-external-secrets')).toBeDefined();
    expect(live.get('MutatingWebhookConfiguration', 'attack-tenant-pods')).toBeDefined();
  });

  it('finds every planted case live', () => {
    const failing = liveResults.filter((r) => r.status === 'fail').map(key).sort();
    expect(failing).toEqual(
      [
        'admission/webhook-external-url ValidatingWebhookConfiguration/attack-external-secrets',
        'admission/webhook-fail-open MutatingWebhookConfiguration/attack-tenant-pods',
        'admission/webhook-fail-open ValidatingWebhookConfiguration/attack-external-secrets',
        'admission/webhook-system-exemption ValidatingWebhookConfiguration/attack-lockout',
        'admission/webhook-tenant-backend MutatingWebhookConfiguration/attack-tenant-pods',
        'apiservice/insecure-skip-tls-verify APIService/v1beta1.insecure.palisade.test',
        'apiservice/tenant-backend APIService/v1beta1.tenant.palisade.test',
        'exposure/admin-ui Deployment/attack-ops/dashboard',
        'exposure/admin-ui-privileged Deployment/attack-ops/dashboard',
        'exposure/shadow-apiserver Pod/attack-ops/apiserver-debug',
        'network/cloud-metadata-egress Deployment/attack-ops/dashboard',
        'network/cloud-metadata-egress Pod/attack-ops/apiserver-debug',
      ].sort(),
    );
    expect(liveResults.find((r) => key(r) === 'network/cloud-metadata-egress Deployment/attack-acme/web')?.status).toBe('pass');
    // The same lockout case, exempted by a CEL matchCondition on request.namespace (which the server compiled).
    expect(liveResults.find((r) => key(r) === 'admission/webhook-system-exemption ValidatingWebhookConfiguration/attack-cel-exempt')?.status).toBe('pass');
    expect(liveResults.find((r) => key(r) === 'exposure/admin-ui-privileged Deployment/attack-ops/dashboard')?.message).toContain('its ServiceAccount attack-ops/dashboard can cluster-admin');
  });

  it('gives the same (rule, object) → status and message live as offline', () => {
    const view = (rs: RuleResult[]): Record<string, string> => Object.fromEntries(rs.map((r) => [key(r), `${r.status}: ${r.message}`]));
    expect(offlineResults.length).toBeGreaterThan(20);
    expect(view(liveResults)).toEqual(view(offlineResults));
  });
});

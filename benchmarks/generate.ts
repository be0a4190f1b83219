/**
 * Seeded synthetic cluster generator for benchmarks.
 *
 *   npx node benchmarks/generate.ts --objects 10000 --namespaces 100 --seed 1 --out .cache/bench/10k.json
 *   npx node benchmarks/generate.ts --namespaces 1000 --pods 10000 --netpols 3000 --out .cache/bench/tenancy.json
 *   npx node benchmarks/generate.ts --objects 1000 --namespaces 10 --out DIR [--format yaml|json]
 *
 * Output: a JSON `List` (`.json`), one multi-document YAML (`.yaml`/`.yml`), or a directory with one
 * file per namespace plus `00-cluster.<ext>`. The same seed and options give byte-identical output.
 *
 * The mix follows shared/reference/performance.md §7 (60% Pods, 10% ReplicaSets, 5% Deployments,
 * 5% Services, 8% ConfigMaps, 5% Secrets, 4% RBAC, 3% NetworkPolicies). Each namespace also gets its
 * Namespace and default ServiceAccount. Pods look like real API output: managedFields, a projected
 * token volume, default tolerations and full status. They are owned by ReplicaSets, which are owned
 * by Deployments. Secrets are metadata-only, which is what Palisade's live inventory reads.
 * About one workload in ten carries a planted problem (privileged, latest tag, no resources,
 * hostNetwork), so rules fire as on a real cluster.
 *
 * A standalone Node 24 script (native type stripping): no imports from src/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { seededRandom } from '../test/helpers/rng.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export interface GenerateOptions {
  objects?: number;
  namespaces: number;
  pods?: number;
  netpols?: number;
  seed: number;
}

/** Share of each kind in the mix (after the per-namespace Namespace + default ServiceAccount). */
const MIX = { Pod: 0.6, ReplicaSet: 0.1, Deployment: 0.05, Service: 0.05, ConfigMap: 0.08, Secret: 0.05, Rbac: 0.04, NetworkPolicy: 0.03 } as const;


class Gen {
  readonly r: () => number;
  private uidCounter = 0;
  constructor(seed: number) {
    this.r = seededRandom(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += Math.floor(this.r() * 0x100000000).toString(16).padStart(8, '0');
    return s.slice(0, n);
  }
  /** Pod-name suffix alphabet of the ReplicaSet controller (no vowels). */
  suffix(n: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.r() * alphabet.length)];
    return s;
  }
  uid(): string {
    this.uidCounter++;
    const h = this.hex(20) + this.uidCounter.toString(16).padStart(12, '0');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  time(daysBack: number): string {
    const base = Date.UTC(2026, 10, 1, 0, 0, 0);
    return new Date(base - Math.floor(this.r() * daysBack * 86400) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  rv(): string {
    return String(this.int(1_000_000, 99_999_999));
  }
}

const TEAMS = ['checkout', 'search', 'payments', 'catalog', 'identity', 'ledger', 'media', 'ingest', 'reports', 'notify'];
const COMPONENTS = ['api', 'web', 'worker', 'cache', 'gateway', 'scheduler', 'indexer', 'exporter', 'sync', 'proxy'];
const IMAGES = ['registry.example.com/{t}/{c}', 'ghcr.io/example/{t}-{c}', 'docker.io/library/nginx', 'docker.io/library/redis', 'quay.io/example/{c}'];
const NODES = 50;

interface Counts {
  Pod: number; ReplicaSet: number; Deployment: number; Service: number; ConfigMap: number; Secret: number; Rbac: number; NetworkPolicy: number;
}

export function planCounts(o: GenerateOptions): Counts {
  const overhead = o.namespaces * 2 + NODES + 4;
  const base = o.objects !== undefined ? Math.max(0, o.objects - overhead) : Math.round((o.pods ?? 0) / MIX.Pod);
  const c: Counts = {
    Pod: Math.round(base * MIX.Pod),
    ReplicaSet: Math.round(base * MIX.ReplicaSet),
    Deployment: Math.max(1, Math.round(base * MIX.Deployment)),
    Service: Math.round(base * MIX.Service),
    ConfigMap: Math.round(base * MIX.ConfigMap),
    Secret: Math.round(base * MIX.Secret),
    Rbac: Math.round(base * MIX.Rbac),
    NetworkPolicy: Math.round(base * MIX.NetworkPolicy),
  };
  if (o.pods !== undefined) c.Pod = o.pods;
  if (o.netpols !== undefined) c.NetworkPolicy = o.netpols;
  if (o.objects !== undefined) {
    // Land exactly on --objects: the rounding remainder goes to ConfigMaps.
    const sum = Object.values(c).reduce((a, b) => a + b, 0) + overhead;
    c.ConfigMap = Math.max(0, c.ConfigMap + o.objects - sum);
  }
  return c;
}

/** Spread `total` over `n` buckets: floor(total/n) each, the remainder to seeded random buckets. */
function spread(g: Gen, total: number, n: number): number[] {
  const each = Math.floor(total / n);
  const out = new Array<number>(n).fill(each);
  const remainder = total - each * n;
  for (let i = 0; i < remainder; i++) out[g.int(0, n - 1)]!++;
  return out;
}

function managedFields(manager: string, t: string, fields: Obj, subresource?: string): Obj {
  const m: Obj = { manager, operation: 'Update', apiVersion: 'v1', time: t, fieldsType: 'FieldsV1', fieldsV1: fields };
  if (subresource) m['subresource'] = subresource;
  return m;
}

interface App {
  ns: string;
  tenant: string;
  name: string;
  labels: Record<string, string>;
  image: string;
  port: number;
  sa: string;
  hash: string;
  rsName: string;
  rsUid: string;
  flaw: 'none' | 'privileged' | 'latest' | 'no-resources' | 'host-network';
  configMap: string;
}

function container(g: Gen, app: App): Obj {
  const c: Obj = {
    name: app.name.split('-').slice(-1)[0]!,
    image: app.image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'http', containerPort: app.port, protocol: 'TCP' }],
    env: [
      { name: 'LOG_LEVEL', value: g.pick(['info', 'debug', 'warn']) },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
    ],
    envFrom: [{ configMapRef: { name: app.configMap } }],
    livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: '/ready', port: 'http', scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
  if (app.flaw !== 'no-resources') {
    c['resources'] = { requests: { cpu: `${g.pick([50, 100, 250, 500])}m`, memory: `${g.pick([64, 128, 256, 512])}Mi` }, limits: { memory: `${g.pick([256, 512, 1024])}Mi` } };
  } else c['resources'] = {};
  c['securityContext'] = app.flaw === 'privileged'
    ? { privileged: true }
    : { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };
  return c;
}

function podSpec(g: Gen, app: App): Obj {
  const spec: Obj = {
    serviceAccountName: app.sa,
    securityContext: { seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 10000 + g.int(0, 999), fsGroup: 2000 },
    containers: [container(g, app)],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
  };
  if (app.flaw === 'host-network') spec['hostNetwork'] = true;
  return spec;
}

function podFromTemplate(g: Gen, app: App, created: string, index: number): Obj {
  const name = `${app.rsName}-${g.suffix(5)}`;
  const spec = podSpec(g, app);
  const tokenVolume = `kube-api-access-${g.suffix(5)}`;
  const c = (spec['containers'] as Obj[])[0]!;
  c['volumeMounts'] = [{ name: tokenVolume, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }];
  spec['volumes'] = [{
    name: tokenVolume,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  }];
  const node = `node-${String(g.int(0, NODES - 1)).padStart(3, '0')}`;
  spec['nodeName'] = node;
  spec['serviceAccount'] = app.sa;
  spec['enableServiceLinks'] = true;
  spec['preemptionPolicy'] = 'PreemptLowerPriority';
  spec['priority'] = 0;
  spec['tolerations'] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ];
  const started = created;
  const podIP = `10.${g.int(0, 255)}.${g.int(0, 255)}.${g.int(1, 254)}`;
  const hostIP = `172.20.${Math.floor(Number(node.slice(5)) / 200)}.${(Number(node.slice(5)) % 200) + 10}`;
  const cname = String(c['name']);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${app.rsName}-`,
      namespace: app.ns,
      uid: g.uid(),
      resourceVersion: g.rv(),
      creationTimestamp: created,
      labels: { ...app.labels, 'pod-template-hash': app.hash },
      annotations: { 'kubectl.kubernetes.io/restartedAt': created, 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(app.port) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: app.rsName, uid: app.rsUid, controller: true, blockOwnerDeletion: true }],
      managedFields: [
        managedFields('kube-controller-manager', created, {
          'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {}, 'f:app.kubernetes.io/name': {}, 'f:pod-template-hash': {} }, 'f:ownerReferences': { '.': {}, [`k:{"uid":"${app.rsUid}"}`]: {} } },
          'f:spec': { 'f:containers': { [`k:{"name":"${cname}"}`]: { '.': {}, 'f:env': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:livenessProbe': {}, 'f:name': {}, 'f:ports': {}, 'f:readinessProbe': {}, 'f:resources': {}, 'f:securityContext': {} } }, 'f:dnsPolicy': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:serviceAccountName': {} },
        }),
        managedFields('kubelet', started, {
          'f:status': { 'f:conditions': { 'k:{"type":"ContainersReady"}': { '.': {}, 'f:status': {}, 'f:type': {} }, 'k:{"type":"Initialized"}': { '.': {}, 'f:status': {}, 'f:type': {} }, 'k:{"type":"Ready"}': { '.': {}, 'f:status': {}, 'f:type': {} } }, 'f:containerStatuses': {}, 'f:hostIP': {}, 'f:phase': {}, 'f:podIP': {}, 'f:podIPs': { '.': {}, [`k:{"ip":"${podIP}"}`]: { '.': {}, 'f:ip': {} } }, 'f:startTime': {} },
        }, 'status'),
      ],
    },
    spec,
    status: {
      phase: 'Running',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: started })),
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP,
      podIPs: [{ ip: podIP }],
      startTime: started,
      containerStatuses: [{
        name: cname,
        state: { running: { startedAt: started } },
        lastState: {},
        ready: true,
        restartCount: index % 7 === 0 ? g.int(1, 5) : 0,
        image: app.image,
        imageID: `${app.image.split(':')[0]}@sha256:${g.hex(64)}`,
        containerID: `containerd://${g.hex(64)}`,
        started: true,
      }],
      qosClass: app.flaw === 'no-resources' ? 'BestEffort' : 'Burstable',
    },
  };
}

function template(g: Gen, app: App): Obj {
  return { metadata: { labels: { ...app.labels } }, spec: podSpec(g, app) };
}

export function generate(o: GenerateOptions): { cluster: Obj[]; byNamespace: Map<string, Obj[]> } {
  const g = new Gen(o.seed);
  const counts = planCounts(o);
  const cluster: Obj[] = [];
  const byNamespace = new Map<string, Obj[]>();
  const nsNames: string[] = [];
  const tenants = Math.max(1, Math.round(o.namespaces / 5));

  for (let i = 0; i < NODES; i++) {
    const name = `node-${String(i).padStart(3, '0')}`;
    cluster.push({
      apiVersion: 'v1', kind: 'Node',
      metadata: { name, uid: g.uid(), resourceVersion: g.rv(), creationTimestamp: g.time(200), labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
      spec: { podCIDR: `10.${i}.0.0/24` },
      status: {
        addresses: [{ type: 'InternalIP', address: `172.20.${Math.floor(i / 200)}.${(i % 200) + 10}` }, { type: 'Hostname', address: name }],
        nodeInfo: { kubeletVersion: 'v1.36.3', kubeProxyVersion: 'v1.36.3', containerRuntimeVersion: 'containerd://2.1.4', kernelVersion: '6.12.48', osImage: 'Debian GNU/Linux 13 (trixie)', operatingSystem: 'linux', architecture: 'amd64', machineID: g.hex(32), systemUUID: g.uid(), bootID: g.uid() },
        capacity: { cpu: '16', memory: '65843512Ki', pods: '110', 'ephemeral-storage': '203070420Ki' },
        allocatable: { cpu: '15800m', memory: '64692536Ki', pods: '110', 'ephemeral-storage': '187149698763' },
      },
    });
  }

  for (let i = 0; i < o.namespaces; i++) {
    const tenant = `tenant-${String(i % tenants).padStart(3, '0')}`;
    const name = `${tenant}-ns-${String(i).padStart(4, '0')}`;
    nsNames.push(name);
    const labels: Record<string, string> = { 'kubernetes.io/metadata.name': name, 'palisade.dev/tenant': tenant };
    const psa = g.pick(['restricted', 'baseline', 'privileged', '']);
    if (psa) labels['pod-security.kubernetes.io/enforce'] = psa;
    byNamespace.set(name, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: g.uid(), resourceVersion: g.rv(), creationTimestamp: g.time(300), labels }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name, uid: g.uid(), resourceVersion: g.rv(), creationTimestamp: g.time(300) } },
    ]);
  }
  const push = (ns: string, obj: Obj): void => void byNamespace.get(ns)!.push(obj);
  const tenantOf = (ns: string): string => ns.slice(0, ns.indexOf('-ns-'));

  // Deployments, their ReplicaSets (current + older revisions scaled to 0) and Services.
  const deployNs = spread(g, counts.Deployment, o.namespaces);
  const apps: App[] = [];
  let rsLeft = counts.ReplicaSet;
  let svcLeft = counts.Service;
  deployNs.forEach((n, nsIndex) => {
    const ns = nsNames[nsIndex]!;
    for (let k = 0; k < n; k++) {
      const team = g.pick(TEAMS);
      const comp = g.pick(COMPONENTS);
      const name = `${team}-${comp}-${apps.length}`;
      const roll = g.r();
      const flaw: App['flaw'] = roll < 0.02 ? 'privileged' : roll < 0.07 ? 'latest' : roll < 0.12 ? 'no-resources' : roll < 0.13 ? 'host-network' : 'none';
      const version = flaw === 'latest' ? 'latest' : `${g.int(1, 9)}.${g.int(0, 30)}.${g.int(0, 9)}`;
      const image = `${g.pick(IMAGES).replace('{t}', team).replace('{c}', comp)}:${version}`;
      const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': team, 'app.kubernetes.io/component': comp };
      const deployUid = g.uid();
      const created = g.time(120);
      const sa = g.chance(0.7) ? name : 'default';
      const hash = g.suffix(10);
      const app: App = { ns, tenant: tenantOf(ns), name, labels, image, port: g.pick([8080, 8443, 9090, 3000]), sa, hash, rsName: `${name}-${hash}`, rsUid: g.uid(), flaw, configMap: `${name}-config` };
      apps.push(app);
      push(ns, {
        apiVersion: 'apps/v1', kind: 'Deployment',
        metadata: { name, namespace: ns, uid: deployUid, resourceVersion: g.rv(), generation: g.int(1, 20), creationTimestamp: created, labels, annotations: { 'deployment.kubernetes.io/revision': String(g.int(1, 12)) } },
        spec: { replicas: 1, selector: { matchLabels: { 'app.kubernetes.io/name': name } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, template: template(g, app) },
        status: { observedGeneration: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 },
      });
      const rsHere = k === n - 1 && nsIndex === deployNs.length - 1 ? rsLeft : Math.min(rsLeft, g.int(1, 3));
      for (let r = 0; r < rsHere; r++) {
        const current = r === 0;
        const h = current ? hash : g.suffix(10);
        rsLeft--;
        push(ns, {
          apiVersion: 'apps/v1', kind: 'ReplicaSet',
          metadata: { name: `${name}-${h}`, namespace: ns, uid: current ? app.rsUid : g.uid(), resourceVersion: g.rv(), creationTimestamp: created, labels: { ...labels, 'pod-template-hash': h }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: deployUid, controller: true, blockOwnerDeletion: true }] },
          spec: { replicas: current ? 1 : 0, selector: { matchLabels: { 'app.kubernetes.io/name': name, 'pod-template-hash': h } }, template: { ...template(g, app), metadata: { labels: { ...labels, 'pod-template-hash': h } } } },
          status: { replicas: current ? 1 : 0, observedGeneration: 1 },
        });
      }
      if (svcLeft > 0) {
        svcLeft--;
        const type = g.chance(0.05) ? 'NodePort' : g.chance(0.03) ? 'LoadBalancer' : 'ClusterIP';
        push(ns, {
          apiVersion: 'v1', kind: 'Service',
          metadata: { name, namespace: ns, uid: g.uid(), resourceVersion: g.rv(), creationTimestamp: created, labels },
          spec: { type, selector: { 'app.kubernetes.io/name': name }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], clusterIP: `10.96.${g.int(0, 255)}.${g.int(1, 254)}`, sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' },
          status: { loadBalancer: {} },
        });
      }
    }
  });
  // Remaining Services (more Services than Deployments): headless services of random apps.
  for (let i = 0; i < svcLeft; i++) {
    const app = g.pick(apps);
    push(app.ns, { apiVersion: 'v1', kind: 'Service', metadata: { name: `${app.name}-headless-${i}`, namespace: app.ns, uid: g.uid(), resourceVersion: g.rv() }, spec: { clusterIP: 'None', selector: { 'app.kubernetes.io/name': app.name }, ports: [{ name: 'http', port: app.port }] } });
  }

  // Pods: spread over the apps (replicas), each owned by its app's current ReplicaSet.
  const perApp = spread(g, counts.Pod, apps.length);
  perApp.forEach((n, i) => {
    const app = apps[i]!;
    const created = g.time(30);
    for (let k = 0; k < n; k++) push(app.ns, podFromTemplate(g, app, created, k));
  });

  // ConfigMaps: one per app first (referenced by envFrom), the rest as generic config.
  for (let i = 0; i < counts.ConfigMap; i++) {
    const app = i < apps.length ? apps[i]! : undefined;
    const ns = app?.ns ?? g.pick(nsNames);
    const data: Record<string, string> = {};
    for (let k = 0; k < g.int(2, 8); k++) data[`KEY_${k}`] = g.hex(g.int(8, 64));
    if (g.chance(0.2)) data['application.yaml'] = `server:\n  port: 8080\nfeature:\n  flags: [${g.hex(6)}, ${g.hex(6)}]\n`;
    push(ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: app ? app.configMap : `config-${i}`, namespace: ns, uid: g.uid(), resourceVersion: g.rv(), creationTimestamp: g.time(200) }, data });
  }
  // Secrets: metadata and type only (the live inventory never reads Secret data).
  for (let i = 0; i < counts.Secret; i++) {
    const ns = g.pick(nsNames);
    push(ns, { apiVersion: 'v1', kind: 'Secret', metadata: { name: `secret-${i}`, namespace: ns, uid: g.uid(), resourceVersion: g.rv(), creationTimestamp: g.time(200) }, type: g.pick(['Opaque', 'Opaque', 'kubernetes.io/tls', 'kubernetes.io/dockerconfigjson']) });
  }
  // RBAC: per app a ServiceAccount, Role and RoleBinding while the budget lasts; a few ClusterRoles.
  let rbacLeft = counts.Rbac;
  const clusterRoles = Math.min(rbacLeft, Math.max(2, Math.round(counts.Rbac * 0.05)));
  for (let i = 0; i < clusterRoles; i++) {
    const wildcard = i === 0;
    cluster.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `platform-role-${i}`, uid: g.uid(), resourceVersion: g.rv() }, rules: wildcard ? [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] : [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] }] });
    rbacLeft--;
  }
  for (const app of apps) {
    if (rbacLeft < 3) break;
    if (app.sa === 'default') continue;
    push(app.ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: app.sa, namespace: app.ns, uid: g.uid(), resourceVersion: g.rv() }, automountServiceAccountToken: g.chance(0.5) ? false : true });
    push(app.ns, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: app.name, namespace: app.ns, uid: g.uid(), resourceVersion: g.rv() }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'watch', 'list'] }, ...(g.chance(0.1) ? [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] : [])] });
    const crossTenant = g.chance(0.02);
    const subjectNs = crossTenant ? g.pick(nsNames) : app.ns;
    push(app.ns, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: app.name, namespace: app.ns, uid: g.uid(), resourceVersion: g.rv() }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: app.name }, subjects: [{ kind: 'ServiceAccount', name: crossTenant ? 'default' : app.sa, namespace: subjectNs }] });
    rbacLeft -= 3;
  }
  for (let i = 0; i < rbacLeft; i++) {
    const ns = g.pick(nsNames);
    push(ns, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `team-edit-${i}`, namespace: ns, uid: g.uid(), resourceVersion: g.rv() }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `${tenantOf(ns)}-devs` }] });
  }
  cluster.push(
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'edit', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } }, rules: [{ apiGroups: ['', 'apps', 'batch'], resources: ['pods', 'pods/exec', 'deployments', 'jobs', 'configmaps', 'secrets', 'services'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'platform-admins' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'platform-role-0' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'platform-ops' }] },
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Delete' },
  );

  // NetworkPolicies: a default-deny first in most namespaces, then allows between apps and tenants.
  const npNs = spread(g, counts.NetworkPolicy, o.namespaces);
  const appsByNs = new Map<string, App[]>();
  for (const a of apps) appsByNs.set(a.ns, [...(appsByNs.get(a.ns) ?? []), a]);
  npNs.forEach((n, nsIndex) => {
    const ns = nsNames[nsIndex]!;
    const local = appsByNs.get(ns) ?? [];
    for (let k = 0; k < n; k++) {
      const meta = { name: k === 0 ? 'default-deny' : `allow-${k}`, namespace: ns, uid: g.uid(), resourceVersion: g.rv(), generation: 1, creationTimestamp: g.time(100) };
      if (k === 0 && g.chance(0.8)) {
        push(ns, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta, spec: { podSelector: {}, policyTypes: g.chance(0.6) ? ['Ingress', 'Egress'] : ['Ingress'] } });
        continue;
      }
      const target = local.length > 0 ? g.pick(local) : undefined;
      const podSelector: Obj = target ? { matchLabels: { 'app.kubernetes.io/name': target.name } } : {};
      const roll = g.r();
      const peer: Obj = roll < 0.4 && local.length > 0
        ? { podSelector: { matchLabels: { 'app.kubernetes.io/name': g.pick(local).name } } }
        : roll < 0.75
          ? { namespaceSelector: { matchLabels: { 'palisade.dev/tenant': tenantOf(ns) } } }
          : roll < 0.85
            ? { namespaceSelector: { matchLabels: { 'palisade.dev/tenant': tenantOf(g.pick(nsNames)) } }, podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: ['gateway', 'proxy'] }] } }
            : roll < 0.95
              ? { ipBlock: { cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] } }
              : { namespaceSelector: {} };
      const ports = [{ protocol: 'TCP', port: target?.port ?? 8080 }];
      const egress = g.chance(0.3);
      push(ns, {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta,
        spec: egress
          ? { podSelector, policyTypes: ['Egress'], egress: [{ to: [peer], ports }, { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] }] }
          : { podSelector, policyTypes: ['Ingress'], ingress: [{ from: [peer], ports }] },
      });
    }
  });
  return { cluster, byNamespace };
}

function render(objects: Obj[], format: 'json' | 'yaml'): string {
  if (format === 'json') return JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: objects }) + '\n';
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      objects: { type: 'string' }, namespaces: { type: 'string', default: '100' }, pods: { type: 'string' }, netpols: { type: 'string' },
      seed: { type: 'string', default: '1' }, out: { type: 'string' }, format: { type: 'string' },
    },
  });
  const num = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, not "${v}"`);
    return n;
  };
  const opts: GenerateOptions = { namespaces: num(values.namespaces, 'namespaces')!, seed: num(values.seed, 'seed')! };
  const objects = num(values.objects, 'objects');
  const pods = num(values.pods, 'pods');
  const netpols = num(values.netpols, 'netpols');
  if (objects !== undefined) opts.objects = objects;
  if (pods !== undefined) opts.pods = pods;
  if (netpols !== undefined) opts.netpols = netpols;
  if (opts.objects === undefined && opts.pods === undefined) throw new Error('give --objects N or --pods N');
  if (opts.namespaces < 1) throw new Error('--namespaces must be at least 1');
  if (!values.out) throw new Error('give --out FILE.json|FILE.yaml|DIR');

  const { cluster, byNamespace } = generate(opts);
  const all = [...cluster, ...[...byNamespace.values()].flat()];
  const ext = extname(values.out).toLowerCase();
  if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
    await writeFile(values.out, render(all, ext === '.json' ? 'json' : 'yaml'));
  } else {
    const format = values.format === 'yaml' ? 'yaml' : 'json';
    await mkdir(values.out, { recursive: true });
    await writeFile(join(values.out, `00-cluster.${format}`), render(cluster, format));
    for (const [ns, objs] of byNamespace) await writeFile(join(values.out, `${ns}.${format}`), render(objs, format));
  }
  const kinds = new Map<string, number>();
  for (const o of all) kinds.set(String(o['kind']), (kinds.get(String(o['kind'])) ?? 0) + 1);
  process.stderr.write(`generated ${all.length} objects in ${byNamespace.size} namespaces -> ${values.out}\n  ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
}

if (import.meta.main) {
  try {
    await main();
  } catch (err) {
    process.stderr.write(`generate: ${(err as Error).message}\n`);
    process.exitCode = 2;
  }
}

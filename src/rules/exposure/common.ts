/**
 * Well-known admin UIs (recognised by image and labels), how a workload is reachable from outside
 * the cluster (Services of type LoadBalancer/NodePort, externalIPs, Ingress, hostPort/hostNetwork),
 * and what its ServiceAccount may do. Shared by the exposure/admin-ui* rules.
 */
import type { V1Container, V1EphemeralContainer } from '@kubernetes/client-node';
import { containersOf, type PodSpecView } from '../../engine/workloads.js';
import { matchesMapSelector } from '../../inventory/selectors.js';
import type { Snapshot } from '../../inventory/snapshot.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { rbacModelFor, serviceAccountUser } from '../../analysis/rbac.js';

type Container = V1Container | V1EphemeralContainer;

export interface AdminUi {
  /** How messages name it. */
  name: string;
  /** Image repositories (registry host stripped), matched at the end of the image's repository path. */
  images: readonly string[];
  /** Values of app.kubernetes.io/name, app or k8s-app on the pods. */
  labels: readonly string[];
  /** The command or args name this binary (for images that carry several, like Argo CD's). */
  binary?: string;
  /** Settings that switch authentication off or let anyone in, as found in the container. */
  noAuth?: (c: Container) => string[];
}

/** `--flag`, `--flag=true` (not `--flag=false`), in command or args. */
function flagOn(c: Container, flag: string): boolean {
  return argv(c).some((a) => a === flag || (a.startsWith(`${flag}=`) && a.slice(flag.length + 1) !== 'false'));
}

/** The value of `--flag=value` or `--flag value`. */
function flagValue(c: Container, flag: string): string | undefined {
  const args = argv(c);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
    if (a === flag && i + 1 < args.length) return args[i + 1];
  }
  return undefined;
}

function argv(c: Container): string[] {
  return [...(c.command ?? []), ...(c.args ?? [])].filter((a): a is string => typeof a === 'string');
}

function envValue(c: Container, name: string): string | undefined {
  const e = (c.env ?? []).find((x) => x.name === name);
  return typeof e?.value === 'string' ? e.value : undefined;
}

const prometheusNoAuth = (c: Container): string[] =>
  flagValue(c, '--web.config.file') === undefined ? ['no --web.config.file (no authentication on the web UI and API)'] : [];

export const ADMIN_UIS: readonly AdminUi[] = [
  {
    name: 'Kubernetes Dashboard',
    images: ['kubernetesui/dashboard', 'kubernetesui/dashboard-web', 'kubernetesui/dashboard-api', 'kubernetes-dashboard-amd64'],
    labels: ['kubernetes-dashboard'],
    noAuth: (c) => ['--enable-skip-login', '--enable-insecure-login'].filter((f) => flagOn(c, f)),
  },
  { name: 'Argo CD server', images: [], labels: ['argocd-server'], binary: 'argocd-server', noAuth: (c) => (flagOn(c, '--disable-auth') ? ['--disable-auth'] : []) },
  {
    name: 'Argo Workflows server',
    images: ['argoproj/argocli'],
    labels: ['argo-server'],
    noAuth: (c) => (flagValue(c, '--auth-mode') === 'server' ? ['--auth-mode=server (every visitor acts as the server\'s ServiceAccount)'] : []),
  },
  {
    name: 'Grafana',
    images: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'],
    labels: ['grafana'],
    noAuth: (c) => (envValue(c, 'GF_AUTH_ANONYMOUS_ENABLED') === 'true' ? [`GF_AUTH_ANONYMOUS_ENABLED=true (role ${envValue(c, 'GF_AUTH_ANONYMOUS_ORG_ROLE') ?? 'Viewer'})`] : []),
  },
  { name: 'Prometheus', images: ['prom/prometheus', 'prometheus/prometheus'], labels: ['prometheus'], noAuth: prometheusNoAuth },
  { name: 'Alertmanager', images: ['prom/alertmanager', 'prometheus/alertmanager'], labels: ['alertmanager'], noAuth: prometheusNoAuth },
  { name: 'Kibana', images: ['kibana/kibana', 'library/kibana'], labels: ['kibana'], noAuth: (c) => (envValue(c, 'XPACK_SECURITY_ENABLED') === 'false' ? ['XPACK_SECURITY_ENABLED=false'] : []) },
  { name: 'Jenkins', images: ['jenkins/jenkins', 'library/jenkins'], labels: ['jenkins'] },
  { name: 'Rancher', images: ['rancher/rancher'], labels: ['rancher'] },
  { name: 'Weave Scope', images: ['weaveworks/scope'], labels: ['weave-scope', 'weave-scope-app'], noAuth: () => ['Weave Scope has no authentication'] },
  { name: 'Kubeflow central dashboard', images: ['kubeflownotebookswg/centraldashboard', 'kubeflow/centraldashboard'], labels: ['centraldashboard'] },
  { name: 'Headlamp', images: ['headlamp-k8s/headlamp'], labels: ['headlamp'] },
  { name: 'Portainer', images: ['portainer/portainer-ce', 'portainer/portainer-ee', 'portainer/portainer'], labels: ['portainer'] },
  { name: 'Apache NiFi', images: ['apache/nifi'], labels: ['nifi'] },
];

const LABEL_KEYS = ['app.kubernetes.io/name', 'app', 'k8s-app'];

/** `registry.example.com:5000/grafana/grafana:11.2@sha256:…` → `grafana/grafana`: host, tag and digest dropped; a bare Docker Hub name gets `library/`. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const repo = colon > slash ? noDigest.slice(0, colon) : noDigest;
  const parts = repo.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) return parts.slice(1).join('/');
  return parts.length === 1 ? `library/${first}` : parts.join('/');
}

function imageMatches(image: string, repos: readonly string[]): boolean {
  const repo = imageRepository(image);
  return repos.some((r) => repo === r || repo.endsWith(`/${r}`));
}

export interface RecognisedUi {
  ui: AdminUi;
  /** Why: `image grafana/grafana:11.2.0` or `label app.kubernetes.io/name=grafana`. */
  by: string;
  /** The containers that run it (for flag checks). */
  containers: { container: Container; path: string }[];
}

/** The admin UI a pod spec runs, if any. */
export function recogniseUi(view: PodSpecView): RecognisedUi | undefined {
  const labels = view.metadata.labels ?? {};
  const containers = containersOf(view).filter((c) => c.type !== 'ephemeralContainers');
  for (const ui of ADMIN_UIS) {
    const running = containers.filter(
      (c) => (typeof c.container.image === 'string' && imageMatches(c.container.image, ui.images)) || (ui.binary !== undefined && argv(c.container).some((a) => a === ui.binary || a.endsWith(`/${ui.binary}`))),
    );
    const label = LABEL_KEYS.find((k) => labels[k] !== undefined && ui.labels.includes(labels[k]!));
    if (running.length === 0 && !label) continue;
    const first = running[0];
    const by = first ? (typeof first.container.image === 'string' && imageMatches(first.container.image, ui.images) ? `image ${first.container.image}` : `command ${ui.binary ?? ''}`) : `label ${label}=${labels[label!]}`;
    const use = running.length > 0 ? running : containers.filter((c) => c.type === 'containers').slice(0, 1);
    return { ui, by, containers: use.map((c) => ({ container: c.container, path: c.path })) };
  }
  return undefined;
}

/** Settings in the UI's containers that switch authentication off. */
export function noAuthSettings(r: RecognisedUi): { path: string; settings: string[] }[] {
  if (!r.ui.noAuth) return [];
  return r.containers.map((c) => ({ path: c.path, settings: r.ui.noAuth!(c.container) })).filter((x) => x.settings.length > 0);
}

function specOf(obj: K8sObject): Record<string, unknown> {
  return isRecord(obj['spec']) ? obj['spec'] : {};
}

/**
 * How pods with these labels in `namespace` are reachable from outside the cluster:
 * `Service/grafana type LoadBalancer`, `Ingress/grafana (grafana.example.com)`, `hostPort 3000 …`.
 */
export function externalRoutes(snapshot: Snapshot, namespace: string, labels: Readonly<Record<string, string>>, view: PodSpecView): string[] {
  const out: string[] = [];
  const services = snapshot.inNamespace(namespace, 'Service').filter((s) => {
    const sel = specOf(s)['selector'];
    return isRecord(sel) && matchesMapSelector(sel as Record<string, string>, labels);
  });
  for (const s of services) {
    const spec = specOf(s);
    const type = spec['type'];
    const ranges = Array.isArray(spec['loadBalancerSourceRanges']) ? (spec['loadBalancerSourceRanges'] as string[]) : [];
    if (type === 'LoadBalancer') out.push(`Service/${s.metadata.name} type LoadBalancer${ranges.length ? ` (source ranges ${ranges.join(', ')})` : ''}`);
    else if (type === 'NodePort') out.push(`Service/${s.metadata.name} type NodePort`);
    const ips = Array.isArray(spec['externalIPs']) ? (spec['externalIPs'] as string[]) : [];
    if (ips.length > 0) out.push(`Service/${s.metadata.name} externalIPs ${ips.join(', ')}`);
  }
  const names = new Set(services.map((s) => s.metadata.name));
  for (const ing of snapshot.inNamespace(namespace, 'Ingress')) {
    const spec = specOf(ing);
    const backends: unknown[] = [spec['defaultBackend']];
    const hosts: string[] = [];
    for (const rule of Array.isArray(spec['rules']) ? spec['rules'] : []) {
      if (!isRecord(rule)) continue;
      const http = isRecord(rule['http']) ? rule['http'] : {};
      const paths = Array.isArray(http['paths']) ? http['paths'] : [];
      const hits = paths.filter((p) => isRecord(p) && backendService(p['backend']) !== undefined && names.has(backendService(p['backend'])!));
      if (hits.length > 0 && typeof rule['host'] === 'string') hosts.push(rule['host']);
      backends.push(...hits.map((p) => (p as Record<string, unknown>)['backend']));
    }
    if (backends.some((b) => names.has(backendService(b) ?? ''))) out.push(`Ingress/${ing.metadata.name}${hosts.length ? ` (${hosts.join(', ')})` : ''}`);
  }
  const hostPorts = containersOf(view).flatMap((c) => ('ports' in c.container ? c.container.ports ?? [] : []).filter((p) => typeof p.hostPort === 'number').map((p) => p.hostPort!));
  if (hostPorts.length > 0) out.push(`hostPort ${hostPorts.join(', ')} on the nodes it runs on`);
  return out;
}

function backendService(b: unknown): string | undefined {
  if (!isRecord(b)) return undefined;
  const svc = isRecord(b['service']) ? b['service'] : undefined;
  if (svc && typeof svc['name'] === 'string') return svc['name'];
  return typeof b['serviceName'] === 'string' ? b['serviceName'] : undefined;
}

export interface Privilege {
  /** `cluster-admin (every verb on every resource)`, `read Secrets in every namespace`. */
  text: string;
  via: string[];
}

/** What a pod's ServiceAccount may do that makes an exposed UI a cluster takeover; empty when the pod has no token. */
export function dangerousPrivileges(snapshot: Snapshot, namespace: string, view: PodSpecView): { serviceAccount: string; token: boolean; privileges: Privilege[] } {
  const sa = view.spec.serviceAccountName ?? 'default';
  const saObj = snapshot.get('ServiceAccount', sa, namespace);
  const podSetting = view.spec.automountServiceAccountToken;
  const token = podSetting === undefined ? saObj?.['automountServiceAccountToken'] !== false : podSetting;
  if (!token) return { serviceAccount: `${namespace}/${sa}`, token: false, privileges: [] };
  const rbac = rbacModelFor(snapshot);
  const user = serviceAccountUser(namespace, sa);
  const path = (g: { binding: { kind: string; name: string }; role: { kind: string; name: string } }): string => `${g.binding.kind}/${g.binding.name} → ${g.role.kind}/${g.role.name}`;
  const privileges: Privilege[] = [];
  const admin = rbac.can(user, { verb: '*', group: '*', resource: '*' });
  if (admin.allowed) privileges.push({ text: 'cluster-admin (every verb on every resource)', via: admin.via.map(path) });
  else {
    for (const verb of ['list', 'get', 'watch']) {
      const everywhere = rbac.can(user, { verb, group: '', resource: 'secrets' });
      if (everywhere.allowed) {
        privileges.push({ text: `${verb} Secrets in every namespace`, via: everywhere.via.map(path) });
        break;
      }
      const somewhere = rbac.can(user, { verb, group: '', resource: 'secrets', namespace: '*' });
      if (somewhere.allowed) {
        const where = [...new Set(somewhere.via.map((g) => g.namespace ?? '*'))];
        privileges.push({ text: `${verb} Secrets in ${where.join(', ')}`, via: somewhere.via.map(path) });
        break;
      }
    }
  }
  return { serviceAccount: `${namespace}/${sa}`, token: true, privileges };
}

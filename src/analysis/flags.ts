/**
 * Control-plane component flags, read from what the API shows: the kube-system static/mirror
 * pods (command + args), or, when they are absent, kubeadm's ClusterConfiguration in the
 * `kube-system/kubeadm-config` ConfigMap (extraArgs over kubeadm's generated defaults).
 * Config files referenced by flags are only read when their content sits in a kube-system
 * ConfigMap under the file's base name.
 */
import { parse as parseYaml } from 'yaml';
import { isRecord, objectRef, refString, type K8sObject } from '../model/k8s.js';
import type { Snapshot } from '../inventory/snapshot.js';

export const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface ParsedFlag {
  name: string;
  /** `true` for a boolean flag given without a value. */
  value: string;
  /** Index into the combined command+args list. */
  index: number;
}

/**
 * Parses `--flag=value`, `--flag value` and bare boolean `--flag` forms (also `-flag`).
 * A following token is taken as the value only when it does not start with `-`.
 */
export function parseFlags(argv: readonly string[]): ParsedFlag[] {
  const out: ParsedFlag[] = [];
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    const m = /^--?([A-Za-z0-9][A-Za-z0-9._-]*)(?:=(.*))?$/s.exec(tok);
    if (!m) continue;
    const name = m[1]!;
    if (m[2] !== undefined) {
      out.push({ name, value: m[2], index: i });
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('-')) {
      out.push({ name, value: next, index: i });
      i++;
    } else out.push({ name, value: 'true', index: i });
  }
  return out;
}

/** Flags of one running component instance, with the place each value came from. */
export class ComponentFlags {
  private readonly byName = new Map<string, ParsedFlag[]>();

  constructor(
    readonly component: Component,
    /** The pod (or the kubeadm-config ConfigMap) the flags were read from. */
    readonly source: K8sObject,
    readonly origin: 'pod' | 'kubeadm-config',
    readonly flags: readonly ParsedFlag[],
    /** Evidence path prefix of each token: `spec.containers[0].command` etc. */
    private readonly tokenPath: (index: number) => string,
  ) {
    for (const f of flags) {
      const list = this.byName.get(f.name);
      if (list) list.push(f);
      else this.byName.set(f.name, [f]);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The effective value: the last occurrence wins (pflag semantics for scalar flags). */
  get(name: string): string | undefined {
    const list = this.byName.get(name);
    return list?.[list.length - 1]?.value;
  }

  /** All values of a list flag: comma-split, every occurrence, trimmed, empty items dropped. */
  list(name: string): string[] {
    return (this.byName.get(name) ?? []).flatMap((f) => f.value.split(',').map((s) => s.trim()).filter((s) => s !== ''));
  }

  /** `key=value` pairs of a map flag such as `--feature-gates`. */
  map(name: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const item of this.list(name)) {
      const eq = item.indexOf('=');
      if (eq > 0) out.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
    }
    return out;
  }

  /** Where a flag is (or would be) set, for evidence: `Pod/kube-system/kube-apiserver-n1 spec.containers[0].command[7]`. */
  path(name: string): string {
    const list = this.byName.get(name);
    const last = list?.[list.length - 1];
    const where = last ? this.tokenPath(last.index) : this.tokenPath(-1);
    return `${refString(objectRef(this.source))} ${where}`;
  }

  /** A readable name of the instance in messages. */
  get label(): string {
    return this.origin === 'pod' ? `${this.component} (${this.source.metadata.name})` : `${this.component} (kubeadm-config)`;
  }
}

/** The component a kube-system pod runs, by the `component` label or by the container's command. */
export function componentOfPod(pod: K8sObject): Component | undefined {
  const label = pod.metadata.labels?.['component'];
  if (label && (COMPONENTS as readonly string[]).includes(label)) return label as Component;
  for (const c of containers(pod)) {
    const bin = firstToken(c);
    if (bin === undefined) continue;
    const base = bin.slice(bin.lastIndexOf('/') + 1);
    if ((COMPONENTS as readonly string[]).includes(base)) return base as Component;
  }
  return undefined;
}

interface ContainerLike {
  name?: string;
  command?: string[];
  args?: string[];
}

function containers(pod: K8sObject): ContainerLike[] {
  const spec = pod['spec'];
  if (!isRecord(spec) || !Array.isArray(spec['containers'])) return [];
  return (spec['containers'] as unknown[]).filter(isRecord) as ContainerLike[];
}

function firstToken(c: ContainerLike): string | undefined {
  return (c.command ?? [])[0] ?? (c.args ?? [])[0];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** Flags of a component pod: the container whose command names the component, or the first one. */
export function flagsOfPod(pod: K8sObject, component: Component): ComponentFlags {
  const cs = containers(pod);
  let idx = cs.findIndex((c) => (firstToken(c) ?? '').endsWith(component));
  if (idx < 0) idx = 0;
  const c = cs[idx] ?? {};
  const command = strings(c.command);
  const args = strings(c.args);
  const tokens = [...command, ...args];
  const base = `spec.containers[${idx}]`;
  const tokenPath = (i: number): string =>
    i < 0 ? `${base}.command` : i < command.length ? `${base}.command[${i}]` : `${base}.args[${i - command.length}]`;
  return new ComponentFlags(component, pod, 'pod', parseFlags(tokens), tokenPath);
}

/**
 * Flags kubeadm writes into the static pod manifests before extraArgs are applied
 * (kubeadm v1.3x, `cmd/kubeadm/app/phases/controlplane` and `etcd`). Used only when the pods
 * themselves are not visible but kubeadm-config is.
 */
const KUBEADM_DEFAULTS: Record<Component, Record<string, string>> = {
  'kube-apiserver': {
    'authorization-mode': 'Node,RBAC',
    'client-ca-file': '/etc/kubernetes/pki/ca.crt',
    'enable-admission-plugins': 'NodeRestriction',
    'enable-bootstrap-token-auth': 'true',
    'etcd-cafile': '/etc/kubernetes/pki/etcd/ca.crt',
    'etcd-certfile': '/etc/kubernetes/pki/apiserver-etcd-client.crt',
    'etcd-keyfile': '/etc/kubernetes/pki/apiserver-etcd-client.key',
    'kubelet-client-certificate': '/etc/kubernetes/pki/apiserver-kubelet-client.crt',
    'kubelet-client-key': '/etc/kubernetes/pki/apiserver-kubelet-client.key',
    'secure-port': '6443',
    'service-account-key-file': '/etc/kubernetes/pki/sa.pub',
    'service-account-signing-key-file': '/etc/kubernetes/pki/sa.key',
    'tls-cert-file': '/etc/kubernetes/pki/apiserver.crt',
    'tls-private-key-file': '/etc/kubernetes/pki/apiserver.key',
  },
  'kube-controller-manager': {
    'bind-address': '127.0.0.1',
    'client-ca-file': '/etc/kubernetes/pki/ca.crt',
    'cluster-signing-cert-file': '/etc/kubernetes/pki/ca.crt',
    'cluster-signing-key-file': '/etc/kubernetes/pki/ca.key',
    'root-ca-file': '/etc/kubernetes/pki/ca.crt',
    'service-account-private-key-file': '/etc/kubernetes/pki/sa.key',
    'use-service-account-credentials': 'true',
  },
  'kube-scheduler': { 'bind-address': '127.0.0.1' },
  etcd: {
    'cert-file': '/etc/kubernetes/pki/etcd/server.crt',
    'client-cert-auth': 'true',
    'key-file': '/etc/kubernetes/pki/etcd/server.key',
    'peer-cert-file': '/etc/kubernetes/pki/etcd/peer.crt',
    'peer-client-cert-auth': 'true',
    'peer-key-file': '/etc/kubernetes/pki/etcd/peer.key',
    'peer-trusted-ca-file': '/etc/kubernetes/pki/etcd/ca.crt',
    'trusted-ca-file': '/etc/kubernetes/pki/etcd/ca.crt',
  },
};

const KUBEADM_SECTION: Record<Component, string[]> = {
  'kube-apiserver': ['apiServer'],
  'kube-controller-manager': ['controllerManager'],
  'kube-scheduler': ['scheduler'],
  etcd: ['etcd', 'local'],
};

/** extraArgs as a map (kubeadm v1beta3) or a list of {name, value} (v1beta4). */
function extraArgs(section: unknown): [string, string][] {
  const raw = isRecord(section) ? section['extraArgs'] : undefined;
  if (Array.isArray(raw)) {
    return raw.filter(isRecord).flatMap((e) => (typeof e['name'] === 'string' ? [[e['name'], String(e['value'] ?? '')] as [string, string]] : []));
  }
  if (isRecord(raw)) return Object.entries(raw).map(([k, v]) => [k, String(v)]);
  return [];
}

/** Flags reconstructed from kubeadm-config for one component, or undefined when there is no such ConfigMap. */
export function flagsFromKubeadmConfig(cm: K8sObject, component: Component): ComponentFlags | undefined {
  const data = cm['data'];
  const text = isRecord(data) ? data['ClusterConfiguration'] : undefined;
  if (typeof text !== 'string') return undefined;
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return undefined;
  }
  let section: unknown = doc;
  for (const key of KUBEADM_SECTION[component]) section = isRecord(section) ? section[key] : undefined;
  if (component === 'etcd' && section === undefined) return undefined; // external etcd: not visible
  const pairs: [string, string][] = [...Object.entries(KUBEADM_DEFAULTS[component])];
  const extra = extraArgs(section);
  // extraArgs override the defaults with the same name (kubeadm replaces, it does not append).
  const overridden = new Set(extra.map(([k]) => k));
  const merged = [...pairs.filter(([k]) => !overridden.has(k)), ...extra];
  const tokens = merged.map(([k, v]) => `--${k}=${v}`);
  const names = merged.map(([k]) => k);
  const sectionPath = `data.ClusterConfiguration.${KUBEADM_SECTION[component].join('.')}.extraArgs`;
  return new ComponentFlags(component, cm, 'kubeadm-config', parseFlags(tokens), (i) =>
    i >= 0 && overridden.has(names[i]!) ? `${sectionPath}.${names[i]!}` : `${sectionPath} (kubeadm default)`,
  );
}

/**
 * Every visible instance of a component. Pods first (one per control-plane node);
 * kubeadm-config only when no pod of that component is visible.
 */
export function componentInstances(snapshot: Snapshot, component: Component): ComponentFlags[] {
  const pods = snapshot.inNamespace('kube-system', 'Pod').filter((p) => componentOfPod(p) === component);
  if (pods.length > 0) return pods.map((p) => flagsOfPod(p, component));
  const cm = snapshot.get('ConfigMap', 'kubeadm-config', 'kube-system');
  const fromCm = cm ? flagsFromKubeadmConfig(cm, component) : undefined;
  return fromCm ? [fromCm] : [];
}

/** A config file referenced by a flag, when its content is in a kube-system ConfigMap under the file's base name. */
export interface VisibleConfigFile {
  configMap: K8sObject;
  key: string;
  content: Record<string, unknown>;
}

export function visibleConfigFile(snapshot: Snapshot, filePath: string, expectedKind: string): VisibleConfigFile | undefined {
  const key = filePath.slice(filePath.lastIndexOf('/') + 1);
  for (const cm of snapshot.inNamespace('kube-system', 'ConfigMap')) {
    const data = cm['data'];
    const text = isRecord(data) ? data[key] : undefined;
    if (typeof text !== 'string') continue;
    try {
      const doc: unknown = parseYaml(text);
      if (isRecord(doc) && doc['kind'] === expectedKind) return { configMap: cm, key, content: doc };
    } catch {
      continue;
    }
  }
  return undefined;
}

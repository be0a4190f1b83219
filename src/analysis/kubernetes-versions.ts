/**
 * The Kubernetes versions a snapshot shows: the control plane (live `/version`; offline the
 * kube-apiserver static pod's image tag, else kubeadm's ClusterConfiguration `kubernetesVersion`),
 * every kubelet (Node `status.nodeInfo.kubeletVersion`), and the version a scan is checked against
 * (`--target-version`). Pure: the version rules and the lead's metrics/report summary read this.
 */
import { parse as parseYaml } from 'yaml';
import type { Snapshot } from '../inventory/snapshot.js';
import { isRecord, type K8sObject } from '../model/k8s.js';
import { componentOfPod } from './flags.js';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

/** `v1.36.3`, `1.36.3-eks-1a2b`, `v1.36.3+k3s1` → {1, 36, 3}; `v1.36` → patch 0 is NOT assumed (undefined). */
export function parseVersion(text: string | undefined): SemVer | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

/** `v1.36` or `1.36.2` → {major 1, minor 36}. */
export function parseMinor(text: string | undefined): { major: number; minor: number } | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export function minorKey(v: { major: number; minor: number }): string {
  return `${v.major}.${v.minor}`;
}

export interface ObservedVersion {
  /** As reported (`v1.36.3`, `v1.36.3-eks-...`). */
  version: string;
  /** Where it was read, for evidence: `/version`, `Pod/kube-system/kube-apiserver-cp-1 image`, ... */
  source: string;
}

export interface KubeletVersion extends ObservedVersion {
  node: string;
}

export interface KubernetesVersions {
  controlPlane?: ObservedVersion;
  kubelets: KubeletVersion[];
  /** `--target-version`, when given. */
  target?: string;
}

function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(colon + 1) : undefined;
}

function apiserverPodVersion(snapshot: Snapshot): ObservedVersion | undefined {
  const versions: ObservedVersion[] = [];
  for (const pod of snapshot.inNamespace('kube-system', 'Pod')) {
    if (componentOfPod(pod) !== 'kube-apiserver') continue;
    const spec = isRecord(pod['spec']) ? pod['spec'] : {};
    const containers = Array.isArray(spec['containers']) ? spec['containers'].filter(isRecord) : [];
    const c = containers.find((x) => typeof x['image'] === 'string' && /kube-apiserver/.test(x['image'])) ?? containers[0];
    const tag = c && typeof c['image'] === 'string' ? imageTag(c['image']) : undefined;
    if (tag && parseVersion(tag)) versions.push({ version: tag, source: `Pod/kube-system/${pod.metadata.name} image ${String(c?.['image'])}` });
  }
  // During a rolling control-plane upgrade the oldest apiserver is what skew and support are judged by.
  return versions.sort((a, b) => compareVersions(parseVersion(a.version)!, parseVersion(b.version)!))[0];
}

function kubeadmVersion(snapshot: Snapshot): ObservedVersion | undefined {
  const cm = snapshot.get('ConfigMap', 'kubeadm-config', 'kube-system');
  const data = cm && isRecord(cm['data']) ? cm['data'] : undefined;
  const text = data?.['ClusterConfiguration'];
  if (typeof text !== 'string') return undefined;
  try {
    const doc = parseYaml(text) as unknown;
    const v = isRecord(doc) ? doc['kubernetesVersion'] : undefined;
    return typeof v === 'string' && parseVersion(v) ? { version: v, source: 'ConfigMap/kube-system/kubeadm-config ClusterConfiguration.kubernetesVersion' } : undefined;
  } catch {
    return undefined;
  }
}

export function compareVersions(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** The control plane's version, or undefined when the snapshot does not show it. */
export function controlPlaneVersion(snapshot: Snapshot): ObservedVersion | undefined {
  if (snapshot.cluster.version && parseVersion(snapshot.cluster.version)) return { version: snapshot.cluster.version, source: 'the API server (/version)' };
  return apiserverPodVersion(snapshot) ?? kubeadmVersion(snapshot);
}

export function kubeletVersionOf(node: K8sObject): KubeletVersion | undefined {
  const status = isRecord(node['status']) ? node['status'] : {};
  const info = isRecord(status['nodeInfo']) ? status['nodeInfo'] : {};
  const v = info['kubeletVersion'];
  return typeof v === 'string' && v !== '' ? { node: node.metadata.name, version: v, source: `Node/${node.metadata.name} status.nodeInfo.kubeletVersion` } : undefined;
}

/** Every version the snapshot shows. */
export function kubernetesVersions(snapshot: Snapshot): KubernetesVersions {
  const out: KubernetesVersions = { kubelets: [] };
  const cp = controlPlaneVersion(snapshot);
  if (cp) out.controlPlane = cp;
  for (const node of snapshot.ofKind('Node')) {
    const k = kubeletVersionOf(node);
    if (k) out.kubelets.push(k);
  }
  out.kubelets.sort((a, b) => a.node.localeCompare(b.node));
  if (snapshot.cluster.targetVersion) out.target = snapshot.cluster.targetVersion;
  return out;
}

/** The versions for the report summary and metrics: bounded by distinct versions, never one entry per node. */
export interface KubernetesVersionSummary {
  controlPlane?: ObservedVersion;
  /** Each kubelet version with the number of nodes running it, oldest first. */
  kubelets: { version: string; nodes: number }[];
  target?: string;
}

function byVersion(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (pa && pb) return compareVersions(pa, pb) || a.localeCompare(b);
  return pa ? -1 : pb ? 1 : a.localeCompare(b);
}

export function summarizeVersions(v: KubernetesVersions): KubernetesVersionSummary {
  const counts = new Map<string, number>();
  for (const k of v.kubelets) counts.set(k.version, (counts.get(k.version) ?? 0) + 1);
  const kubelets = [...counts.entries()].sort(([a], [b]) => byVersion(a, b)).map(([version, nodes]) => ({ version, nodes }));
  return { ...(v.controlPlane ? { controlPlane: v.controlPlane } : {}), kubelets, ...(v.target !== undefined ? { target: v.target } : {}) };
}

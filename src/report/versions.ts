/**
 * The Kubernetes versions line of the report summaries (table, Markdown, HTML): the control
 * plane, the kubelets by version with their node counts, and the target version. Bounded: at
 * most KUBELET_VERSIONS_SHOWN kubelet versions, then how many more.
 */
import type { KubernetesVersionSummary } from '../analysis/kubernetes-versions.js';
import type { ScanResult } from './model.js';

export const KUBELET_VERSIONS_SHOWN = 6;

export interface VersionParts {
  /** `v1.36.3 (the API server (/version))` */
  controlPlane?: string;
  /** `v1.35.2 on 2 nodes, v1.36.3 on 3 nodes` */
  kubelets?: string;
  target?: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function versionParts(v: KubernetesVersionSummary): VersionParts {
  const out: VersionParts = {};
  if (v.controlPlane) out.controlPlane = v.controlPlane.version;
  if (v.kubelets.length > 0) {
    const shown = v.kubelets.slice(0, KUBELET_VERSIONS_SHOWN).map((k) => `${k.version} on ${plural(k.nodes, 'node')}`);
    const more = v.kubelets.length - KUBELET_VERSIONS_SHOWN;
    out.kubelets = `${shown.join(', ')}${more > 0 ? `, +${more} more version${more === 1 ? '' : 's'}` : ''}`;
  }
  if (v.target !== undefined) out.target = v.target;
  return out;
}

/** `control plane v1.36.3 · kubelets v1.36.3 on 3 nodes · target v1.36`, or undefined when the result has no versions. */
export function versionsText(result: Pick<ScanResult, 'summary'>): string | undefined {
  const v = result.summary.kubernetesVersions;
  if (!v) return undefined;
  const p = versionParts(v);
  const parts = [
    `control plane ${p.controlPlane ?? 'unknown'}`,
    `kubelets ${p.kubelets ?? 'none seen'}`,
    ...(p.target !== undefined ? [`target ${p.target}`] : []),
  ];
  return parts.join(' · ');
}

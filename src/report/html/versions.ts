/**
 * The Kubernetes versions of the HTML report's summary, as a definition list: the control plane
 * (and where its version was read), the kubelets by version with their node counts, the target
 * version. Empty when the result shows no version. The page wires it in (src/report/html/render.ts).
 */
import type { ScanResult } from '../model.js';
import { versionParts } from '../versions.js';
import { esc } from './escape.js';

export function renderVersions(result: Pick<ScanResult, 'summary'>): string {
  const v = result.summary.kubernetesVersions;
  if (!v) return '';
  const p = versionParts(v);
  const cp = v.controlPlane ? `${esc(v.controlPlane.version)} <span class="muted">(${esc(v.controlPlane.source)})</span>` : '<span class="muted">unknown</span>';
  const rows: [string, string][] = [
    ['Control plane', cp],
    ['Kubelets', p.kubelets !== undefined ? esc(p.kubelets) : '<span class="muted">none seen</span>'],
    ...(p.target !== undefined ? [['Target version', esc(p.target)] as [string, string]] : []),
  ];
  return `<dl class="versions" data-section="kubernetes-versions">${rows.map(([k, val]) => `<dt>${esc(k)}</dt><dd>${val}</dd>`).join('')}</dl>`;
}

/** Helpers shared by the report formats: one wording of evidence, references and waivers everywhere. */
import { createHash } from 'node:crypto';
import { refString } from '../model/k8s.js';
import type { Evidence, RuleReference, RuleResult, Severity, Status, Waiver } from '../model/result.js';
import { isFrameworkRef, isPeerRef, peerText } from '../model/result.js';
import { severityRank } from '../model/result.js';
import type { RuleDescriptor, ScanResult } from './model.js';

export function ruleIndex(result: ScanResult): Map<string, RuleDescriptor> {
  return new Map(result.rules.map((r) => [r.id, r]));
}

/** A rule id seen in results but missing from `rules` (older or hand-edited input) still gets a descriptor. */
export function describe(rules: Map<string, RuleDescriptor>, id: string, severity: Severity): RuleDescriptor {
  return (
    rules.get(id) ?? {
      id,
      title: id,
      severity,
      family: id.split('/')[0] ?? id,
      category: '',
      references: [],
      description: '',
      remediation: '',
    }
  );
}

/** JSON for actual values: strings stay bare so `false`, `"root"` and `0` read as written. */
export function valueText(v: unknown): string {
  if (v === undefined) return '(not set)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? String(v);
}

export function evidenceText(e: Evidence): string {
  return `${e.path}: actual ${valueText(e.actual)}, expected ${e.expected}`;
}

export function evidenceLines(evidence: readonly Evidence[]): string {
  return evidence.map(evidenceText).join('; ');
}

/** `CIS 1.12 §5.2.2` for a framework control, `kubescape C-0256` for a peer tool's check. */
export function refText(ref: RuleReference): string {
  return isPeerRef(ref) ? peerText(ref) : `${ref.framework} ${ref.id}`;
}

/** Framework references, then the peer cross-references apart: `CIS 1.12 §5.2.2, PSS baseline/privileged; see also kubescape C-0256`. */
export function refsText(refs: readonly RuleReference[]): string {
  const frameworks = refs.filter(isFrameworkRef).map(refText).join(', ');
  const peers = refs.filter(isPeerRef).map(refText).join(', ');
  return [frameworks, peers ? `see also ${peers}` : ''].filter((p) => p !== '').join('; ');
}

export function waiverText(w: Waiver): string {
  const parts = [`reason: ${w.reason}`];
  if (w.approver) parts.push(`approver: ${w.approver}`);
  if (w.ticket) parts.push(`ticket: ${w.ticket}`);
  if (w.expires) parts.push(`expires: ${w.expires}`);
  parts.push(`source: ${w.source}`);
  return parts.join(', ');
}

/** A waiver whose expiry is before the scan time. */
export function waiverExpired(w: Waiver, at: string): boolean {
  if (!w.expires) return false;
  const t = Date.parse(w.expires);
  return Number.isFinite(t) && t < Date.parse(at);
}

export function objectText(r: RuleResult): string {
  return refString(r.object);
}

export const STATUS_LABEL: Record<Status, string> = {
  pass: 'pass',
  fail: 'fail',
  waived: 'waived',
  unknown: 'unknown',
  'not-applicable': 'not applicable',
  error: 'error',
};

export function scoreText(score: number | null): string {
  return score === null ? 'n/a' : `${score}`;
}

export function percent(ratio: number | null): string {
  return ratio === null ? 'n/a' : `${Math.round(ratio * 1000) / 10}%`;
}

/**
 * Deterministic RFC 4122 UUID (version 5 layout over SHA-1) from a name: re-rendering a saved
 * result gives the same identifiers, and different inputs give different ones.
 */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** How the kubelet configurations were read (`source.kubeletTls`), worded once for every report. */
export interface KubeletTlsNote {
  /** The recorded value (`cluster-ca`, `kubelet-ca`, `not-verified`, `api-server-proxy`). */
  mode: NonNullable<ScanResult['source']['kubeletTls']>;
  /** `verified against the cluster CA`, `NOT VERIFIED (--kubelet-insecure-tls)`, ... */
  text: string;
  /** Set when the reads were not authenticated (`not-verified`): what that means for the results. */
  warning?: string;
}

const KUBELET_TLS_TEXT: Record<KubeletTlsNote['mode'], string> = {
  'cluster-ca': 'verified against the cluster CA',
  'kubelet-ca': 'verified against the kubelet CA (--kubelet-ca)',
  'not-verified': 'NOT VERIFIED (--kubelet-insecure-tls)',
  'api-server-proxy': 'read through the API server proxy (--allow-nodes-proxy)',
};

export const KUBELET_TLS_WARNING =
  'kubelet serving certificates were not verified, so anyone able to intercept traffic to a kubelet could have forged the configuration the kubelet rules judged';

/** The kubelet TLS note of a result, or undefined when no kubelet configuration was read live. */
export function kubeletTlsNote(result: Pick<ScanResult, 'source'>): KubeletTlsNote | undefined {
  const mode = result.source.kubeletTls;
  if (mode === undefined) return undefined;
  const text = KUBELET_TLS_TEXT[mode] ?? mode;
  return mode === 'not-verified' ? { mode, text, warning: KUBELET_TLS_WARNING } : { mode, text };
}

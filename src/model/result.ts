import type { ObjectRef } from './k8s.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Score weights from DESIGN.md. */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0,
};

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export const STATUSES = ['pass', 'fail', 'waived', 'unknown', 'not-applicable', 'error'] as const;
export type Status = (typeof STATUSES)[number];

/** What a rule looked at, what it found and what it wanted there. */
export interface Evidence {
  /** Dotted path inside the object, e.g. `spec.template.spec.containers[0].securityContext.privileged`. */
  path: string;
  actual: unknown;
  expected: string;
}

/** A control of a compliance framework (CIS, PSS, NSA, MTB, MITRE ATT&CK). */
export interface FrameworkRef {
  /** Absent in metadata written by hand and in results before schema 2.1: a framework reference. */
  kind?: 'framework';
  /** e.g. `CIS`, `PSS`, `NSA`, `MTB`. */
  framework: string;
  /** e.g. `1.12 §5.2.2`, `baseline/privileged`, `C-0057`, `MTB-PL1-BC-CPI-5`. */
  id: string;
}

/**
 * A peer tool's check that looks at the same thing (Kubescape, Polaris, kube-score, Popeye): a
 * cross-reference for people coming from that tool, never a compliance framework.
 */
export interface PeerRef {
  kind: 'peer';
  /** `kubescape`, `polaris`, `kube-score`, `popeye`. */
  tool: string;
  /** The tool's check ID: `C-0256`, `tlsSettingsMissing`, `pod-networkpolicy`, `POP-1204`; absent when the tool as a whole does this check (`kubent`). */
  id?: string;
}

export type RuleReference = FrameworkRef | PeerRef;

export function isFrameworkRef(r: RuleReference): r is FrameworkRef {
  return r.kind !== 'peer';
}

export function isPeerRef(r: RuleReference): r is PeerRef {
  return r.kind === 'peer';
}

/** `peer('polaris/tlsSettingsMissing')` → `{ kind: 'peer', tool: 'polaris', id: 'tlsSettingsMissing' }`; `peer('kubent')` → `{ kind: 'peer', tool: 'kubent' }`. */
export function peer(toolAndId: string): PeerRef {
  const slash = toolAndId.indexOf('/');
  if (slash === 0 || slash === toolAndId.length - 1) throw new Error(`peer reference ${toolAndId}: expected tool or tool/check-id`);
  return slash < 0 ? { kind: 'peer', tool: toolAndId } : { kind: 'peer', tool: toolAndId.slice(0, slash), id: toolAndId.slice(slash + 1) };
}

/** `polaris tlsSettingsMissing`, `kubent`. */
export function peerText(r: PeerRef): string {
  return r.id === undefined ? r.tool : `${r.tool} ${r.id}`;
}

/** Tools whose check IDs older results listed as if they were frameworks. */
const PEER_TOOLS: ReadonlySet<string> = new Set(['kubescape', 'polaris', 'kube-score', 'popeye', 'pluto', 'kubent', 'kubeaudit', 'kube-linter', 'checkov', 'trivy']);

/**
 * A reference as read from a result of any schema: before 2.1, peer check IDs were written as
 * `{ framework: 'peer', id: 'polaris/x' }` or `{ framework: 'Kubescape', id: 'C-0256' }`.
 */
export function normalizeReference(r: RuleReference | { framework: string; id: string }): RuleReference {
  if ('kind' in r && r.kind === 'peer') return r;
  const f = r as FrameworkRef;
  if (f.framework === 'peer') return peer(f.id);
  if (PEER_TOOLS.has(f.framework.toLowerCase())) return { kind: 'peer', tool: f.framework.toLowerCase(), id: f.id };
  return f;
}

export interface Waiver {
  rule: string;
  namespace?: string;
  name?: string;
  kind?: string;
  reason: string;
  approver?: string;
  ticket?: string;
  /** ISO date or date-time. */
  expires?: string;
  /** `config` or `annotation`. */
  source: 'config' | 'annotation';
}

/**
 * The namespace a result belongs to: the object's namespace, or the Namespace object's own name
 * (a finding such as "no default-deny policy" on Namespace `shop` is shop's finding).
 */
export function resultNamespace(r: { object: ObjectRef }): string | undefined {
  return r.object.namespace ?? (r.object.kind === 'Namespace' ? r.object.name : undefined);
}

export interface RuleResult {
  rule: string;
  status: Status;
  severity: Severity;
  object: ObjectRef;
  message: string;
  evidence: Evidence[];
  /** The tenant the object belongs to, when tenancy is known. */
  tenant?: string;
  /** Set when status is `waived`. */
  waiver?: Waiver;
  /** Set on offline scans: file and line of the object. */
  location?: { file: string; line: number };
}

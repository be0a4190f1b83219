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

export interface FrameworkRef {
  /** e.g. `CIS`, `PSS`, `NSA`, `MTB`. */
  framework: string;
  /** e.g. `1.12 §5.2.2`, `baseline/privileged`, `C-0057`, `MTB-PL1-BC-CPI-5`. */
  id: string;
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

/** Control frameworks (CIS etc.): a catalog of controls, and a per-scan report of their status. */
import type { Status } from '../model/result.js';

export type ControlClass = 'a' | 'b' | 'c' | 'd';

export interface FrameworkControl {
  /** e.g. `1.2.6`. */
  id: string;
  /** Section key, e.g. `1.2` or `2`. */
  section: string;
  title: string;
  /** The benchmark marks it Automated (scored) rather than Manual. */
  automated: boolean;
  class: ControlClass;
  /** Set for controls Palisade cannot decide through the API: why. */
  manual?: string;
  /** Controls whose rules also decide this one (5.6.3 is the pod-security controls in aggregate). */
  includes?: string[];
}

export interface FrameworkDefinition {
  /** CLI name, e.g. `cis-1.12`. */
  id: string;
  name: string;
  version: string;
  /** Rules reference a control as {framework, id: prefix + control id}. */
  reference: { framework: string; prefix: string };
  /** [section id, title], in benchmark order. */
  sections: [string, string][];
  controls: FrameworkControl[];
}

/** A control's status: the rule statuses folded, or `manual` when the API cannot decide it. */
export type ControlStatus = Exclude<Status, 'error'> | 'error' | 'manual';

export interface ControlFinding {
  rule: string;
  status: Status;
  /** `Kind/namespace/name` of the object. */
  object: string;
  message: string;
}

export interface ControlReport {
  id: string;
  section: string;
  title: string;
  automated: boolean;
  class: ControlClass;
  status: ControlStatus;
  /** Why the status is manual, unknown or not-applicable, when one reason explains it. */
  reason?: string;
  /** Rules that reference this control. */
  rules: string[];
  /** Result counts per status over those rules. */
  counts: Partial<Record<Status, number>>;
  /** Non-passing results (fail, error, unknown, waived), at most FINDINGS_PER_CONTROL. */
  findings: ControlFinding[];
  /** How many non-passing results were left out of `findings`. */
  findingsOmitted: number;
}

export interface SectionReport {
  id: string;
  title: string;
  controls: number;
  /** Controls whose status is pass, fail or waived. */
  evaluated: number;
  passed: number;
  /** passed / evaluated, or null when nothing was evaluated. */
  compliance: number | null;
  statuses: Partial<Record<ControlStatus, number>>;
}

export interface FrameworkReport {
  id: string;
  name: string;
  version: string;
  /** Counts of controls by status. */
  statuses: Partial<Record<ControlStatus, number>>;
  evaluated: number;
  passed: number;
  compliance: number | null;
  sections: SectionReport[];
  controls: ControlReport[];
}

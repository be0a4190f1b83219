/**
 * Which Palisade PSS rules decide admission at a Pod Security level and version, as PodSecurity
 * evaluates them: baseline runs the baseline checks; restricted runs both levels' checks, except
 * the baseline checks a restricted one replaces (PSA's OverrideCheckIDs) from the version shown.
 */
import { isFrameworkRef } from '../../src/model/result.js';
import type { Rule } from '../../src/engine/rule.js';
import type { Status } from '../../src/model/result.js';
import { PSS_RULES } from '../../src/rules/pss/index.js';

export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PssLevel = (typeof PSS_LEVELS)[number];

/** At the restricted level PSA replaces these baseline checks by their restricted versions, from the minor shown. */
const RESTRICTED_OVERRIDES: Record<string, { by: string; since: number }> = {
  'pss/capabilities-baseline': { by: 'pss/capabilities-restricted', since: 22 },
  'pss/host-path-volumes': { by: 'pss/restricted-volumes', since: 0 },
  'pss/seccomp-baseline': { by: 'pss/seccomp-restricted', since: 19 },
  'pss/proc-mount': { by: 'pss/proc-mount-restricted', since: 35 },
};

export function levelOf(rule: Rule): 'baseline' | 'restricted' {
  const ref = rule.meta.references.filter(isFrameworkRef).find((r) => r.framework === 'PSS');
  if (!ref) throw new Error(`${rule.meta.id} has no PSS reference`);
  return ref.id.startsWith('restricted/') ? 'restricted' : 'baseline';
}

/** The rules of `level` at `minor` that failed, given every PSS rule's status. */
export function failingAt(level: PssLevel, minor: number, status: ReadonlyMap<string, { status: Status }>): string[] {
  if (level === 'privileged') return [];
  return PSS_RULES.filter((r) => level === 'restricted' || levelOf(r) === 'baseline')
    .filter((r) => {
      const o = RESTRICTED_OVERRIDES[r.meta.id];
      return !(level === 'restricted' && o && minor >= o.since);
    })
    .filter((r) => status.get(r.meta.id)?.status === 'fail')
    .map((r) => r.meta.id);
}

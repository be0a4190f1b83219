/**
 * Shared logic of the kubelet rules (CIS 4.2). Each node's effective kubelet configuration is a
 * synthetic `KubeletConfiguration` object named after the node (live: read from the kubelet's
 * /configz; offline: KubeletConfiguration documents with metadata.name = node). The `Cluster`
 * target reports coverage: unknown when configurations are missing, with the reason.
 */
import type { RuleContext } from '../../engine/rule.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { goDurationSeconds } from '../control-plane/common.js';

export const KUBELET_KIND = 'KubeletConfiguration';
export const KUBELET_API_VERSION = 'kubelet.config.k8s.io/v1beta1';
export const KUBELET_TARGETS = ['Cluster', KUBELET_KIND] as const;

export const OFFLINE_REASON = 'kubelet configuration not available offline (the input has no KubeletConfiguration documents)';

/** Value at a dotted path (`authentication.anonymous.enabled`); keys may contain no dots. */
export function field(obj: K8sObject, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) cur = isRecord(cur) ? cur[key] : undefined;
  return cur;
}

/** On the Cluster target: unknown unless every Node has a configuration; otherwise not-applicable. */
function coverage(ctx: RuleContext): void {
  const configs = ctx.snapshot.ofKind(KUBELET_KIND);
  const nodes = ctx.snapshot.ofKind('Node');
  if (configs.length === 0) {
    if (ctx.snapshot.mode === 'offline') return ctx.unknown(OFFLINE_REASON);
    if (nodes.length === 0) return ctx.unknown('the cluster has no Node objects: there is no kubelet to read a configuration from');
    return ctx.unknown('no kubelet configuration was read from any node');
  }
  const have = new Set(configs.map((c) => c.metadata.name));
  const missing = nodes.filter((n) => !have.has(n.metadata.name)).map((n) => n.metadata.name);
  if (missing.length > 0) return ctx.unknown(`kubelet configuration not read for node(s): ${missing.join(', ')}`);
  ctx.notApplicable('kubelet configuration is checked per node (KubeletConfiguration objects)');
}

/** Runs `fn` on a KubeletConfiguration target; on the Cluster target reports coverage instead. */
export function forKubelet(ctx: RuleContext, fn: (cfg: K8sObject) => void): void {
  if (ctx.target.kind !== KUBELET_KIND) return coverage(ctx);
  fn(ctx.target);
}

export type FieldCheck =
  /** Fails when the field equals `value`; unset passes (the default is safe). */
  | { kind: 'not'; path: string; value: string | number | boolean }
  /** The field must equal `value`; unset fails. */
  | { kind: 'equals'; path: string; value: string | number | boolean }
  /** Every field must be a non-empty string. */
  | { kind: 'set'; paths: string[] }
  /** A number > 0; unset fails. */
  | { kind: 'positive'; path: string }
  /** A number >= 0; unset passes. */
  | { kind: 'nonNegative'; path: string }
  /** A duration other than 0; unset passes. */
  | { kind: 'durationNotZero'; path: string };

export const FIELD_MESSAGES = {
  missing: 'Node {{node}}: {{field}} is not set (expected {{expected}})',
  wrongValue: 'Node {{node}}: {{field}} is {{actual}} (expected {{expected}})',
} as const;

function expectedOf(c: FieldCheck): string {
  switch (c.kind) {
    case 'not':
      return `anything but ${String(c.value)}`;
    case 'equals':
      return String(c.value);
    case 'set':
      return 'a file path';
    case 'positive':
      return 'a number > 0';
    case 'nonNegative':
      return 'a number >= 0';
    case 'durationNotZero':
      return 'a non-zero duration';
  }
}

/** Applies declarative field checks to each node's kubelet configuration. */
export function checkFields(ctx: RuleContext, checks: readonly FieldCheck[]): void {
  forKubelet(ctx, (cfg) => {
    const node = cfg.metadata.name;
    for (const c of checks) {
      const expected = expectedOf(c);
      const paths = c.kind === 'set' ? c.paths : [c.path];
      for (const path of paths) {
        const v = field(cfg, path);
        const evidence = [{ path, actual: v ?? null, expected }];
        const missing = (): void => ctx.fail('missing', { node, field: path, expected }, evidence);
        const wrong = (): void => ctx.fail('wrongValue', { node, field: path, actual: JSON.stringify(v), expected }, evidence);
        let bad: 'missing' | 'wrong' | undefined;
        switch (c.kind) {
          case 'not':
            if (v === c.value) bad = 'wrong';
            break;
          case 'equals':
            if (v === undefined) bad = 'missing';
            else if (v !== c.value) bad = 'wrong';
            break;
          case 'set':
            if (typeof v !== 'string' || v === '') bad = 'missing';
            break;
          case 'positive':
            if (v === undefined) bad = 'missing';
            else if (typeof v !== 'number' || v <= 0) bad = 'wrong';
            break;
          case 'nonNegative':
            if (v !== undefined && (typeof v !== 'number' || v < 0)) bad = 'wrong';
            break;
          case 'durationNotZero':
            if (v !== undefined && (typeof v !== 'string' || goDurationSeconds(v) === 0 || goDurationSeconds(v) === undefined)) bad = 'wrong';
            break;
        }
        if (bad === 'missing') missing();
        else if (bad === 'wrong') wrong();
        else ctx.pass(undefined, {}, evidence);
      }
    }
  });
}

/** A KubeletConfiguration document for tests: `body` is YAML at the top level. */
export function kubeletConfig(body: string, node = 'node-1'): string {
  return `apiVersion: ${KUBELET_API_VERSION}
kind: ${KUBELET_KIND}
metadata: {name: ${node}}
${body}
`;
}

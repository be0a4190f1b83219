/** Shared checks for rules that read control-plane component flags (control-plane/*, etcd/*, admission/*). */
import type { RuleContext } from '../../engine/rule.js';
import type { FrameworkRef } from '../../model/result.js';
import { componentInstances, visibleConfigFile, type Component, type ComponentFlags } from '../../analysis/flags.js';
import { isRecord, objectRef, refString } from '../../model/k8s.js';

export const cis = (id: string): FrameworkRef => ({ framework: 'CIS', id: `1.12 §${id}` });

/** Why flag rules are not-applicable when a component is not visible. */
export function notVisibleReason(component: Component): string {
  return `${component} is not visible through the API (no kube-system pod with component=${component} and no kubeadm-config): managed or external control plane`;
}

/** Runs `fn` for every visible instance of the component; not-applicable when there is none. */
export function forEachInstance(ctx: RuleContext, component: Component, fn: (inst: ComponentFlags) => void): void {
  const instances = componentInstances(ctx.snapshot, component);
  if (instances.length === 0) {
    ctx.notApplicable(notVisibleReason(component));
    return;
  }
  for (const inst of instances) fn(inst);
}

export type FlagCheck =
  /** Every flag must be set to a non-empty value. */
  | { kind: 'set'; flags: string[] }
  /** The flag must not be set. */
  | { kind: 'unset'; flag: string }
  /** The flag must equal `value`; unset fails unless `unsetPasses` (the default is already safe). */
  | { kind: 'equals'; flag: string; value: string; unsetPasses?: boolean }
  /** The flag must not equal `value`; unset passes. */
  | { kind: 'notEquals'; flag: string; value: string }
  /** Numeric flag at least `min`; unset fails. */
  | { kind: 'atLeast'; flag: string; min: number }
  /** List flag must contain `item`. */
  | { kind: 'includes'; flag: string; item: string }
  /** List flag must not contain `item`; unset passes. */
  | { kind: 'excludes'; flag: string; item: string };

/** Message IDs that flag checks report: a flag missing, or set to a wrong value. */
export type FlagMessage = 'missing' | 'wrongValue';

export const FLAG_MESSAGES = {
  missing: '{{instance}}: --{{flag}} is not set (expected {{expected}})',
  wrongValue: '{{instance}}: --{{flag}} is "{{actual}}" (expected {{expected}})',
} as const;

/** Applies declarative flag checks to every visible instance of a component. */
export function checkFlags(ctx: RuleContext, component: Component, checks: readonly FlagCheck[]): void {
  forEachInstance(ctx, component, (inst) => {
    for (const c of checks) applyCheck(ctx, inst, c);
  });
}

function applyCheck(ctx: RuleContext, inst: ComponentFlags, c: FlagCheck): void {
  const missing = (flag: string, expected: string): void =>
    ctx.fail('missing', { instance: inst.label, flag, expected }, [{ path: inst.path(flag), actual: null, expected }]);
  const wrong = (flag: string, actual: string, expected: string): void =>
    ctx.fail('wrongValue', { instance: inst.label, flag, actual, expected }, [{ path: inst.path(flag), actual, expected }]);
  const ok = (flag: string, expected: string): void =>
    ctx.pass(undefined, {}, [{ path: inst.path(flag), actual: inst.get(flag) ?? null, expected }]);

  switch (c.kind) {
    case 'set':
      for (const flag of c.flags) {
        const v = inst.get(flag);
        if (v === undefined || v === '' || v === 'true') missing(flag, 'a file path or value');
        else ok(flag, 'set');
      }
      return;
    case 'unset': {
      const v = inst.get(c.flag);
      if (v !== undefined) wrong(c.flag, v, 'not set');
      else ok(c.flag, 'not set');
      return;
    }
    case 'equals': {
      const v = inst.get(c.flag);
      const expected = c.unsetPasses ? `${c.value} or unset` : c.value;
      if (v === undefined) {
        if (c.unsetPasses) ok(c.flag, expected);
        else missing(c.flag, expected);
      } else if (v.toLowerCase() !== c.value.toLowerCase()) wrong(c.flag, v, expected);
      else ok(c.flag, expected);
      return;
    }
    case 'notEquals': {
      const v = inst.get(c.flag);
      const expected = `anything but ${c.value} (or unset)`;
      if (v !== undefined && v.toLowerCase() === c.value.toLowerCase()) wrong(c.flag, v, expected);
      else ok(c.flag, expected);
      return;
    }
    case 'atLeast': {
      const v = inst.get(c.flag);
      const expected = `>= ${c.min}`;
      if (v === undefined) missing(c.flag, expected);
      else if (!/^\d+$/.test(v) || Number(v) < c.min) wrong(c.flag, v, expected);
      else ok(c.flag, expected);
      return;
    }
    case 'includes': {
      const expected = `a list containing ${c.item}`;
      if (!inst.has(c.flag)) missing(c.flag, expected);
      else if (!inst.list(c.flag).includes(c.item)) wrong(c.flag, inst.list(c.flag).join(','), expected);
      else ok(c.flag, expected);
      return;
    }
    case 'excludes': {
      const expected = `a list without ${c.item} (or unset)`;
      if (inst.list(c.flag).includes(c.item)) wrong(c.flag, inst.list(c.flag).join(','), expected);
      else ok(c.flag, expected);
      return;
    }
  }
}

/** A minimal control-plane pod for tests: `flags` become the container command after the binary. */
export function componentPod(component: Component, flags: readonly string[], name = `${component}-node1`): string {
  return `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: kube-system, labels: {component: ${component}, tier: control-plane}}
spec:
  containers:
  - name: ${component}
    image: registry.k8s.io/${component}:v1.36.3
    command: ${JSON.stringify([component, ...flags])}
`;
}

export type AuthzView =
  | { modes: string[]; path: string; actual: string }
  | { unknown: string };

/**
 * The API server's authorizer chain: from a visible `--authorization-config` file
 * (AuthorizationConfiguration.authorizers[].type), else `--authorization-mode`
 * (default AlwaysAllow). The two flags are mutually exclusive.
 */
export function authorizersOf(ctx: RuleContext, inst: ComponentFlags): AuthzView {
  const file = inst.get('authorization-config');
  if (file !== undefined) {
    const visible = visibleConfigFile(ctx.snapshot, file, 'AuthorizationConfiguration');
    if (!visible) {
      return { unknown: `${inst.label}: authorization is configured by --authorization-config=${file}, whose content is not visible through the API (no kube-system ConfigMap holds it)` };
    }
    const list = Array.isArray(visible.content['authorizers']) ? (visible.content['authorizers'] as unknown[]) : [];
    const modes = list.flatMap((a) => (isRecord(a) && typeof a['type'] === 'string' ? [a['type']] : []));
    return { modes, path: `${refString(objectRef(visible.configMap))} data.${visible.key}.authorizers`, actual: modes.join(',') };
  }
  const modes = inst.has('authorization-mode') ? inst.list('authorization-mode') : ['AlwaysAllow'];
  return { modes, path: inst.path('authorization-mode'), actual: inst.has('authorization-mode') ? modes.join(',') : '(unset: defaults to AlwaysAllow)' };
}

/** TLS cipher suites CIS 1.12 accepts (1.2.29, 4.2.12): TLS 1.3 suites and ECDHE with AES-GCM or ChaCha20-Poly1305. */
export const STRONG_CIPHERS: ReadonlySet<string> = new Set([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
]);

/** Seconds in a Go duration string (`1m30s`, `60s`, `2h`), or undefined when it does not parse. */
export function goDurationSeconds(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) === 0 ? 0 : undefined;
  const re = /(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)/gy;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * unit[m[2]!]!;
    consumed = re.lastIndex;
  }
  return consumed === text.length && text.length > 0 ? total : undefined;
}

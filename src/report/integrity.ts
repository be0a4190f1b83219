/**
 * What a report was made from: the SHA-256 of the ScanResult JSON, the Palisade version and the
 * effective configuration. The hash is over the exact bytes the json writer streams
 * (src/report/json.ts), computed from the same chunks, never from one joined string: the file
 * `palisade scan --format json` writes, and `palisade report --from-result FILE --format json`
 * re-renders, hash to the same value (docs/reports.md "Verifying a report").
 */
import { createHash } from 'node:crypto';
import { renderJson } from './json.js';
import type { EffectiveConfig, ScanResult } from './model.js';

export interface Integrity {
  /** Lower-case hex SHA-256 of the ScanResult JSON document. */
  sha256: string;
  scannerVersion: string;
  /** Absent for results written before schema 2.1 (or built by hand). */
  config: EffectiveConfig | undefined;
}

/** SHA-256 of the canonical JSON of `result`, hashed chunk by chunk as the writer streams it. */
export function scanResultSha256(result: ScanResult): string {
  const hash = createHash('sha256');
  for (const chunk of renderJson(result)) hash.update(chunk, 'utf8');
  return hash.digest('hex');
}

export function integrityOf(result: ScanResult): Integrity {
  return { sha256: scanResultSha256(result), scannerVersion: result.scanner.version, config: result.config };
}

/** One line per part of the configuration, the same wording in every text format. */
export function configLines(config: EffectiveConfig | undefined): string[] {
  if (!config) return ['Effective configuration: not recorded (ScanResult written before schema 2.1)'];
  const r = config.rules;
  const tuned = [
    r.only.length ? `only ${r.only.join(', ')}` : '',
    r.disabled.length ? `disabled ${r.disabled.join(', ')}` : '',
    Object.keys(r.severity).length ? `severity changed for ${Object.entries(r.severity).map(([id, s]) => `${id}=${s}`).join(', ')}` : '',
    Object.keys(r.options).length ? `options for ${Object.keys(r.options).sort().join(', ')}` : '',
    r.custom.length ? `custom ${r.custom.join(', ')}` : '',
    r.excludeSystemRbac ? 'system RBAC excluded' : 'system RBAC included',
  ].filter((p) => p !== '');
  const expired = config.waivers.filter((w) => w.expired).length;
  const waived = config.waivers.reduce((n, w) => n + w.applied, 0);
  const tenants = config.tenancy.tenants;
  return [
    `Rules: ${r.enabled.length} enabled (${tuned.join('; ')}); Kubernetes ${config.kubernetesVersion}`,
    `Waivers: ${config.waivers.length} configured${expired ? ` (${expired} expired)` : ''}, ${waived} results waived by them; annotation waivers ${config.annotationWaivers ? `on, ${config.annotationWaived} results waived by them` : 'off'}`,
    `Tenants: ${tenants.length ? tenants.map((t) => `${t.name} (${t.namespaces.join(', ') || 'no namespace'})`).join('; ') : 'none'}; label ${config.tenancy.labelKey}${config.tenancy.capsule ? ', Capsule' : ''}; system ${[...config.tenancy.systemNamespaces, config.tenancy.selfNamespace].join(', ')}`,
  ];
}

/** One line per configured waiver (rule, scope, reason, approver, expiry, state, results waived). */
export function waiverLines(config: EffectiveConfig | undefined): string[] {
  return (config?.waivers ?? []).map((w) => {
    const scope = [w.kind, w.namespace, w.name].filter((x) => x !== undefined).join('/') || 'everywhere';
    return `${w.rule} on ${scope}: ${w.reason}${w.approver ? `; approver ${w.approver}` : ''}${w.ticket ? `; ticket ${w.ticket}` : ''}; expires ${w.expires ?? 'never'}${w.expired ? ' (EXPIRED)' : ''}; ${w.applied} results waived`;
  });
}

/**
 * What a namespace or rule selection left out, in words every format shares: the table, the
 * Markdown summary and the HTML report say the same thing (the score covers the selection only).
 */
import { describeLimits } from '../engine/namespace-limits.js';
import type { ScanResult } from './model.js';

export interface SelectionText {
  /** "Selection: namespaces shop · rules pss/*; not evaluated: …; score and coverage cover the selection only" */
  selection: string;
  /** One line per set of namespaces a live scan listed some kinds in (rather than cluster-wide). */
  limits: string[];
}

/** Undefined when the scan had no selection. */
export function selectionText(result: ScanResult): SelectionText | undefined {
  const sel = result.source.selection;
  if (!sel) return undefined;
  const parts: string[] = [];
  if (sel.namespaces) parts.push(`namespaces ${sel.namespaces.join(', ')}`);
  if (sel.excludeNamespaces) parts.push(`excluding ${sel.excludeNamespaces.join(', ')}`);
  if (sel.rules) parts.push(`rules ${sel.rules.join(', ')}`);
  if (sel.skipLabels) parts.push(`skip label ${Object.entries(sel.skipLabels).map(([k, v]) => `${k}=${v}`).join(',')}`);
  const left = sel.excludedNamespaces.length > 0 ? `; not evaluated: ${sel.excludedNamespaces.length} namespace(s) (${sel.excludedNamespaces.join(', ')})` : '';
  const objects = sel.skippedObjects ?? [];
  const shown = objects.slice(0, 5).map((o) => `${o.kind} ${o.namespace !== undefined ? `${o.namespace}/` : ''}${o.name}`);
  const skipped = objects.length > 0 ? `; skipped by label: ${objects.length} object(s) (${shown.join(', ')}${objects.length > shown.length ? ', …' : ''})` : '';
  return {
    selection: `Selection: ${parts.join(' · ')}${left}${skipped}; score and coverage cover the selection only`,
    limits: describeLimits(sel.namespaceLimits ?? []).map((l) => `Live: ${l}; rules that read these kinds across namespaces are unknown`),
  };
}

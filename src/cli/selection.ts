/**
 * `--namespace` / `--exclude-namespace` / `--rule`, shared by scan and serve: into the config, into
 * the live source's namespace scope, and back out as the report's `source.selection` and stderr lines.
 */
import type { PalisadeConfig } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import type { NamespaceScope } from '../inventory/live.js';
import { LIVE_KINDS } from '../inventory/live/kinds.js';
import type { ScanResult, ScanSelection } from '../report/model.js';
import { globMatch } from '../engine/glob.js';
import { describeLimits, listableNamespaces, namespaceOnlyKinds } from '../engine/namespace-limits.js';
import { rulesFor } from '../engine/rules-for.js';
import { excludedNamespaces, hasSelection, skippedByLabel } from '../engine/scope.js';
import { didYouMean } from './suggest.js';
import { UsageError, type Io } from './io.js';

/** `--namespace`, `--exclude-namespace`, `--rule` into the config; a `--rule` that matches no rule is a usage error. */
export async function applySelection(config: PalisadeConfig, namespaces: string[], exclude: string[], rules: string[]): Promise<void> {
  if (namespaces.length > 0 || exclude.length > 0) {
    const base = config.namespaces ?? { include: [], exclude: [] };
    config.namespaces = { include: [...base.include, ...namespaces], exclude: [...base.exclude, ...exclude] };
  }
  if (rules.length === 0) return;
  const ids = (await rulesFor(config)).map((r) => r.meta.id);
  for (const pattern of rules) {
    // vap/<name> rules exist only once the input is read.
    if (!pattern.startsWith('vap/') && !ids.some((id) => globMatch(pattern, id))) {
      throw new UsageError(`--rule ${pattern}: no such rule${didYouMean(pattern, ids)}; "palisade rules" lists them`);
    }
  }
  config.rules.only = [...rules];
}

/**
 * What a live scan may list per namespace (after applySelection): the selected literal namespace
 * names, and the kinds only rules marked `context: 'namespace'` read (of the rules this config
 * runs, custom rules included). Undefined without a literal `--namespace` / `namespaces.include`.
 */
export async function liveNamespaceScope(config: PalisadeConfig): Promise<NamespaceScope | undefined> {
  const namespaces = listableNamespaces(config);
  if (namespaces === undefined || namespaces.length === 0) return undefined;
  return { namespaces, namespaceOnly: namespaceOnlyKinds(await rulesFor(config), LIVE_KINDS.map((k) => k.kind)) };
}

/** The report's `source.selection`, or undefined when nothing was selected, skipped or listed per namespace. */
export function selectionOf(config: PalisadeConfig, snapshot: Pick<Snapshot, 'objects' | 'namespaceLimits'>, rules: string[]): ScanSelection | undefined {
  const ns = config.namespaces;
  const objects = snapshot.objects;
  const skipped = skippedByLabel(objects, config);
  const skipping = skipped.namespaces.length > 0 || skipped.objects.length > 0;
  const limits = snapshot.namespaceLimits;
  if (!hasSelection(ns) && rules.length === 0 && !skipping && limits.length === 0) return undefined;
  return {
    ...(ns && ns.include.length > 0 ? { namespaces: [...ns.include] } : {}),
    ...(ns && ns.exclude.length > 0 ? { excludeNamespaces: [...ns.exclude] } : {}),
    excludedNamespaces: excludedNamespaces(objects, config),
    ...(rules.length > 0 ? { rules: [...rules] } : {}),
    ...(skipping
      ? {
          skipLabels: { ...config.skip.labels },
          skippedNamespaces: skipped.namespaces,
          skippedObjects: skipped.objects.map((r) => ({ kind: r.kind, ...(r.namespace !== undefined ? { namespace: r.namespace } : {}), name: r.name })),
        }
      : {}),
    ...(limits.length > 0 ? { namespaceLimits: limits.map((l) => ({ kind: l.kind, namespaces: [...l.namespaces], reason: l.reason })) } : {}),
  };
}

/** Sets `result.source.selection` and says on stderr what the selection left out. */
export function recordSelection(result: ScanResult, config: PalisadeConfig, snapshot: Pick<Snapshot, 'objects' | 'namespaceLimits'>, rules: string[], io: Io): void {
  const selection = selectionOf(config, snapshot, rules);
  if (!selection) return;
  result.source.selection = selection;
  if (selection.excludedNamespaces.length > 0) {
    io.stderr.write(`palisade: not evaluated (namespace selection): ${selection.excludedNamespaces.length} namespace(s): ${selection.excludedNamespaces.join(', ')}\n`);
  }
  const skippedObjects = selection.skippedObjects ?? [];
  if (skippedObjects.length > 0) {
    io.stderr.write(`palisade: not evaluated (skip label ${labelsText(config.skip.labels)}): ${skippedObjects.length} object(s): ${skippedObjects.slice(0, 10).map(refText).join(', ')}${skippedObjects.length > 10 ? ', …' : ''}\n`);
  }
  for (const line of describeLimits(selection.namespaceLimits ?? [])) {
    io.stderr.write(`palisade: ${line}; rules that read these kinds across namespaces are unknown\n`);
  }
}

function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function refText(r: { kind: string; namespace?: string; name: string }): string {
  return `${r.kind} ${r.namespace !== undefined ? `${r.namespace}/` : ''}${r.name}`;
}

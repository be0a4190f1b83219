/**
 * SARIF 2.1.0 (OASIS). Rules become reportingDescriptors with help text and properties;
 * failures are `kind: fail` results, unknown results are `kind: open` (the tool could not
 * decide), waived results carry an accepted suppression, and with a baseline every finding has
 * a `baselineState` (fixed ones appear as `absent`). Every result has one physical location (what
 * GitHub code scanning needs): the manifest file and line, for scope results the manifest of the
 * object that causes them, else a `k8s://` URI naming the object (src/report/locate.ts); it also
 * names the object as a logical location. Every rule has a `helpUri` into docs/rules/.
 */
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import { refString } from '../model/k8s.js';
import { isFrameworkRef, isPeerRef, type RuleResult, type Severity } from '../model/result.js';
import { baselineStates, findingKey } from './baseline.js';
import { describe, evidenceText, kubeletTlsNote, refText, refsText, ruleIndex, waiverText } from './common.js';
import { jsonChunks, streamedArray } from './stream.js';
import { isBuiltInRuleId, ruleDocUrl, ruleExamples, DEFAULT_DOCS_BASE_URL } from '../engine/rule-docs.js';
import { k8sUri, resultLocator, type Locate } from './locate.js';
import type { RuleDescriptor, ScanResult } from './model.js';
import { scanResultSha256 } from './integrity.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning reads `security-severity` (0.0-10.0) to rank alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '7.5',
  medium: '5.0',
  low: '2.5',
  info: '0.0',
};

export interface SarifOptions {
  /** Base URL of docs/rules/ (`--docs-base-url`, `report.docsBaseUrl`); default DEFAULT_DOCS_BASE_URL. */
  docsBaseUrl?: string | undefined;
}

/** A rule's page; custom and vap rules (pages of their own do not exist) point at the index, which explains them. */
function helpUri(id: string, base: string): string {
  return isBuiltInRuleId(id) ? ruleDocUrl(id, base) : `${base.replace(/\/+$/, '')}/README.md`;
}

function descriptor(rule: RuleDescriptor, docsBase: string): Sarif.ReportingDescriptor {
  const refs = rule.references.map(refText);
  const help = [rule.description, rule.remediation ? `Remediation: ${rule.remediation}` : '', refs.length ? `References: ${refsText(rule.references)}` : '']
    .filter((s) => s !== '')
    .join('\n\n');
  return {
    id: rule.id,
    name: rule.id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description || rule.title },
    helpUri: helpUri(rule.id, docsBase),
    help: { text: help || rule.title, markdown: helpMarkdown(rule) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      severity: rule.severity,
      family: rule.family,
      category: rule.category,
      references: rule.references.filter(isFrameworkRef).map((r) => ({ framework: r.framework, id: r.id })),
      ...(rule.references.some(isPeerRef) ? { crossReferences: rule.references.filter(isPeerRef).map((r) => ({ tool: r.tool, ...(r.id !== undefined ? { id: r.id } : {}) })) } : {}),
      tags: [...new Set(['security', 'kubernetes', rule.family, ...(rule.category ? [rule.category] : []), ...refs])],
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

function helpMarkdown(rule: RuleDescriptor): string {
  const lines = [`**${rule.title}** (${rule.severity})`, '', rule.description];
  if (rule.remediation) lines.push('', `**Remediation:** ${rule.remediation}`);
  if (rule.references.length) lines.push('', `**References:** ${refsText(rule.references)}`);
  // What the alert page shows: the examples make it readable without following helpUri.
  const examples = ruleExamples(rule.id);
  if (examples.failing) lines.push('', '**Failing example:**', '', '```yaml', examples.failing, '```');
  if (examples.passing) lines.push('', '**Passing example:**', '', '```yaml', examples.passing, '```');
  return lines.join('\n');
}

function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  const uri = file.split('/').map(encodeURIComponent).join('/');
  return file.startsWith('/') ? { uri: `file://${uri}` } : { uri, uriBaseId: '%SRCROOT%' };
}

type Locatable = Parameters<Locate>[0];

function locations(r: Locatable, locate: Locate, cluster: string | undefined): Sarif.Location[] {
  const logical: Sarif.LogicalLocation = {
    name: r.object.name,
    fullyQualifiedName: refString(r.object),
    kind: 'resource',
  };
  const at = locate(r);
  // One location per result, always physical: GitHub code scanning rejects results without one.
  const physicalLocation: Sarif.PhysicalLocation = at
    ? { artifactLocation: artifactUri(at.file), region: { startLine: Math.max(1, at.line) } }
    : { artifactLocation: { uri: k8sUri(cluster, r.object) }, region: { startLine: 1 } };
  return [{ physicalLocation, logicalLocations: [logical] }];
}

function fingerprint(rule: string, ref: string): string {
  return createHash('sha256').update(`${rule}\u0000${ref}`).digest('hex').slice(0, 32);
}

function messageText(r: RuleResult): string {
  const ev = r.evidence.map(evidenceText);
  return [`${r.message} (${refString(r.object)})`, ...ev.map((e) => `Evidence: ${e}`)].join('\n');
}

/** The SARIF log as data (tests, small results); `renderSarif` streams the same document. */
export function toSarif(result: ScanResult, opts: SarifOptions = {}): Sarif.Log {
  const { log, results } = sarifParts(result, opts);
  log.runs[0]!.results = [...results()];
  return log;
}

function sarifParts(result: ScanResult, opts: SarifOptions): { log: Sarif.Log; results: () => Generator<Sarif.Result> } {
  const rules = ruleIndex(result);
  const docsBase = opts.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  const locate = resultLocator(result);
  const cluster = result.source.cluster?.name;
  const store = result.results;
  const seenSeverity = new Map<string, RuleResult['severity']>();
  for (let i = 0; i < store.length; i++) seenSeverity.set(store.ruleOf(i), store.severityOf(i));
  const ids = [...new Set([...result.rules.map((r) => r.id), ...seenSeverity.keys()])].sort();
  const descriptors = ids.map((id) => describe(rules, id, seenSeverity.get(id) ?? 'info'));
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const stateOf = baselineStates(result.baseline);
  const notEvaluated = new Set((result.baseline?.notEvaluated ?? []).map((f) => findingKey(f.rule, f.object)));
  /**
   * SARIF's baselineState for a result, and Palisade's state in `properties.baselineState`. A
   * result whose waiver changed since the baseline (newly waived, waiver expired or removed) is
   * the same result with a changed suppression: `updated`, never `absent` (fixed). A waived
   * result that was not open in the baseline is `new` (suppressed); one waived in both is
   * `unchanged`. Unknown results are `updated` when the baseline had them failing or waived.
   */
  const sarifBaselineState = (r: RuleResult): { sarif: NonNullable<Sarif.Result['baselineState']>; palisade?: string } | undefined => {
    if (!result.baseline) return undefined;
    const state = stateOf(r);
    if (r.status === 'unknown') return notEvaluated.has(findingKey(r.rule, r.object)) ? { sarif: 'updated', palisade: 'not-evaluated' } : undefined;
    if (r.status === 'waived' && state === undefined) return { sarif: 'unchanged' };
    if (state === 'newly-waived') return { sarif: newlyWaivedKeys.get(findingKey(r.rule, r.object)) === 'none' ? 'new' : 'updated', palisade: state };
    if (state === 'waiver-expired') return { sarif: 'updated', palisade: state };
    return state ? { sarif: state === 'new' ? 'new' : state === 'fixed' ? 'absent' : 'unchanged', palisade: state } : undefined;
  };
  const newlyWaivedKeys = new Map((result.baseline?.newlyWaived ?? []).map((f) => [findingKey(f.rule, f.object), f.before]));
  const toResult = (r: RuleResult): Sarif.Result => {
    const out: Sarif.Result = {
      ruleId: r.rule,
      ruleIndex: indexOf.get(r.rule) ?? 0,
      kind: r.status === 'unknown' ? 'open' : 'fail',
      level: r.status === 'unknown' ? 'none' : LEVEL[r.severity],
      message: { text: messageText(r) },
      locations: locations(r, locate, cluster),
      partialFingerprints: { 'palisadeFinding/v1': fingerprint(r.rule, refString(r.object)) },
      properties: {
        severity: r.severity,
        status: r.status,
        object: r.object,
        evidence: r.evidence.map((e) => ({ path: e.path, actual: e.actual ?? null, expected: e.expected })),
        ...(r.tenant ? { tenant: r.tenant } : {}),
      },
    };
    if (r.waiver) {
      out.suppressions = [{ kind: 'external', status: 'accepted', justification: waiverText(r.waiver), properties: { ...r.waiver } }];
    }
    const state = sarifBaselineState(r);
    if (state) {
      out.baselineState = state.sarif;
      if (state.palisade) out.properties = { ...out.properties, baselineState: state.palisade };
    }
    return out;
  };
  const fixedResult = (f: NonNullable<ScanResult['baseline']>['fixed'][number]): Sarif.Result => ({
      ruleId: f.rule,
      ...(indexOf.has(f.rule) ? { ruleIndex: indexOf.get(f.rule) ?? 0 } : {}),
      kind: 'pass',
      level: 'none',
      baselineState: 'absent',
      message: { text: `Fixed since the baseline: ${f.message} (${refString(f.object)})${f.before === 'waived' ? ' (it was waived)' : ''}` },
      locations: locations({ object: f.object }, locate, cluster),
      partialFingerprints: { 'palisadeFinding/v1': fingerprint(f.rule, refString(f.object)) },
      properties: { severity: f.severity, object: f.object, baselineState: 'fixed', ...(f.before ? { before: f.before } : {}), ...(f.now ? { now: f.now } : {}) },
    });
  function* results(): Generator<Sarif.Result> {
    for (const r of store.sorted(store.statusIs('fail', 'waived', 'unknown'))) yield toResult(r);
    for (const f of result.baseline?.fixed ?? []) yield fixedResult(f);
  }

  const tls = kubeletTlsNote(result);
  const notifications: Sarif.Notification[] = [
    ...result.errors.map((e) => ({
      level: 'error' as const,
      message: { text: `${e.source}${e.line ? `:${e.line}` : ''}: ${e.message} (${e.reason})` },
      descriptor: { id: `input/${e.reason}` },
    })),
    // Kubelet configurations read without verifying the kubelets' certificates: a trust caveat on the kubelet rules.
    ...(tls?.warning ? [{ level: 'warning' as const, message: { text: `kubelet TLS ${tls.text}: ${tls.warning}` }, descriptor: { id: 'kubelet-tls/not-verified' } }] : []),
    ...result.gaps.map((g) => ({
      level: 'warning' as const,
      message: { text: `${g.kind} could not be read (${g.code}): ${g.reason}; rules that need it report unknown` },
      descriptor: { id: `gap/${g.code}` },
    })),
    ...[...store.sorted(store.statusIs('error'))].map((r) => ({
        level: 'error' as const,
        message: { text: `rule ${r.rule} failed on ${refString(r.object)}: ${r.message}` },
        descriptor: { id: 'rule-error' },
        associatedRule: { id: r.rule, ...(indexOf.has(r.rule) ? { index: indexOf.get(r.rule) ?? 0 } : {}) },
      })),
  ];
  const started = Date.parse(result.startedAt);
  const invocation: Sarif.Invocation = {
    executionSuccessful: !result.incomplete,
    startTimeUtc: result.startedAt,
    ...(Number.isFinite(started) ? { endTimeUtc: new Date(started + Math.round(result.durationSeconds * 1000)).toISOString() } : {}),
    toolExecutionNotifications: notifications,
  };
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.scanner.name,
            version: result.scanner.version,
            semanticVersion: result.scanner.version,
            informationUri: docsBase.replace(/\/+$/, '') + '/README.md',
            rules: descriptors.map((d) => descriptor(d, docsBase)),
          },
        },
        invocations: [invocation],
        ...(result.source.mode === 'offline' ? { originalUriBaseIds: { '%SRCROOT%': { description: { text: 'Directory palisade was run from' } } } } : {}),
        results: [],
        properties: {
          schemaVersion: result.schemaVersion,
          source: result.source,
          score: result.summary.score,
          coverage: result.summary.coverage,
          counts: result.summary.counts,
          ...(result.baseline ? { baseline: { against: result.baseline.against, counts: result.baseline.counts } } : {}),
          // What the log was made from (docs/reports.md "Verifying a report").
          scanResultSha256: scanResultSha256(result),
          ...(result.config ? { config: result.config } : {}),
        },
      },
    ],
  };
  return { log, results };
}

export function* streamSarif(result: ScanResult, opts: SarifOptions = {}): Generator<string> {
  const { log, results } = sarifParts(result, opts);
  const run = log.runs[0]!;
  // The same document as JSON.stringify(toSarif(result), null, 2), the results streamed.
  yield* jsonChunks({ ...log, runs: [{ ...run, results: streamedArray(results()) }] });
  yield '\n';
}

/** The whole document as one string: tests and small results; writers use `streamSarif`. */
export function renderSarif(result: ScanResult, opts: SarifOptions = {}): string {
  return [...streamSarif(result, opts)].join('');
}

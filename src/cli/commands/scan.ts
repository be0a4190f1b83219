import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkOutputPath, OutputError, writeChunks, writeFileChunks } from '../output.js';
import { terminalText } from '../terminal.js';
import { scanSnapshot } from '../../engine/scan.js';
import { SEVERITIES, severityRank, type Severity } from '../../model/result.js';
import { formatByName, formatNames, type OutputFormat, type RenderOptions } from '../../report/formats.js';
import { PdfError } from '../../report/pdf.js';
import type { ScanResult } from '../../report/model.js';
import { OBJECTS_PER_RULE, wrapLine } from '../../report/table.js';
import { hasNewFindings } from '../../report/baseline.js';
import { RULES } from '../../rules/index.js';
import { rulesFor } from '../../engine/rules-for.js';
import { PUSH_FAILED_EXIT } from '../../metrics/push-exit.js';
import { collectNow } from '../../inventory/memory.js';
import { parseWithPositionals, splitList } from '../args.js';
import { loadConfig } from '../config.js';
import { applySelection, liveNamespaceScope, recordSelection } from '../selection.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { acquireSnapshot, HELM_USAGE, KUBELET_TLS_OPTIONS, kubeletTlsSource, LIMIT_USAGE, SOURCE_OPTIONS, sourceOptionsOf } from '../source.js';
import type { Command } from './command.js';
import { checkBinaryToTerminal, chromiumFor, HTML_OPTIONS_USAGE, htmlAppendixOf } from './html-options.js';
import {
  applyFailBelowScore,
  applyFailOnNew,
  attachBaseline,
  checkReportOptions,
  docsBaseUrlOf,
  parseFailBelowScore,
  writeOpenReportsToCluster,
  writePolicyReportsToCluster,
} from './report.js';
import { FRAMEWORKS, frameworkById, frameworkReports, renderFrameworkText } from '../../frameworks/report.js';

export const SCAN_OPTIONS = {
  ...SOURCE_OPTIONS,
  config: { type: 'string' },
  format: { type: 'string', multiple: true },
  output: { type: 'string' },
  'output-dir': { type: 'string' },
  'fail-on': { type: 'string' },
  pushgateway: { type: 'string' },
  cluster: { type: 'string' },
  framework: { type: 'string', multiple: true },
  'allow-nodes-proxy': { type: 'boolean' },
  ...KUBELET_TLS_OPTIONS,
  baseline: { type: 'string' },
  'fail-on-new': { type: 'boolean' },
  'write-policy-reports': { type: 'boolean' },
  'write-openreports': { type: 'boolean' },
  probes: { type: 'boolean' },
  'probe-max-reviews': { type: 'string' },
  'stdin-filename': { type: 'string' },
  'exclude-namespace': { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  details: { type: 'boolean' },
  'fail-below-score': { type: 'string' },
  'docs-base-url': { type: 'string' },
  'html-appendix': { type: 'string' },
  chromium: { type: 'string' },
} as const;

export const scanCommand: Command = {
  name: 'scan',
  summary: 'Scan manifests (--from), a saved snapshot (--snapshot) or the current cluster',
  usage: `palisade scan [PATH...] [--from PATH...] [--snapshot FILE] [--config FILE] [--format FMT[,FMT...]]
              [--output FILE | --output-dir DIR] [--fail-on SEVERITY] [--context NAME] [--kubeconfig FILE]

  --from PATH          File or directory of YAML/JSON manifests ("-" for stdin); repeatable;
                       PATH arguments after the options are the same as --from PATH
  --stdin-filename NAME  With --from -: report stdin's objects at this path (SARIF, JUnit, table)${HELM_USAGE}
  --snapshot FILE      A snapshot saved by "palisade snapshot" (.json or .json.gz)
                       (neither: scan the cluster of the current kubeconfig context)
  --config FILE        palisade.yaml: rules, severities, tenants, waivers (docs/config.md)
  -n, --namespace NS   Evaluate only objects in NS (repeatable; also config namespaces.include); other
                       namespaces stay as context; cluster-scoped objects are always evaluated.
                       With --from and one NS, also the namespace of namespaced objects that name
                       none (as kubectl; default "default"). Live: kinds only namespace-local rules
                       read are listed in NS only; a refused cluster-wide LIST falls back to NS
                       (recorded in source.selection.namespaceLimits; rules needing other
                       namespaces are unknown; exit 3) (docs/live.md)
  --exclude-namespace GLOB  Do not evaluate objects in matching namespaces (repeatable, e.g. "kube-*")
  --rule ID|GLOB       Run only these rules (repeatable; replaces config rules.only)
  --details            Table: list every failing object under its rule (default: the first ${OBJECTS_PER_RULE})
  --format FMT         ${formatNames().join(', ')} (default table); comma-separated or repeated
  --output FILE        Write the report to FILE (one format only)
  --output-dir DIR     Write DIR/palisade.<ext> for each format
  --fail-on SEVERITY   Exit 1 when a failure at or above SEVERITY exists (${SEVERITIES.join('|')})
  --context NAME       kubeconfig context for a live scan
  --kubeconfig FILE    kubeconfig for a live scan (default $KUBECONFIG or ~/.kube/config)
  --pushgateway URL    Also PUT the metrics to a Pushgateway (group job="palisade", cluster=NAME);
                       exit ${PUSH_FAILED_EXIT} when the push fails (the report is still written)
  --cluster NAME       Cluster name: "cluster" label and grouping key (default: clusterName from the config)
  --framework ID       Report every control of a framework (${FRAMEWORKS.map((f) => f.id).join(', ')}): the table
                       lists each control's status; JSON always carries "frameworks"
  --allow-nodes-proxy  Live scans: read kubelet configuration through the API server proxy. Needs
                       nodes/proxy, which is effectively exec on every node; default is each kubelet's
                       /configz authorized as nodes/configz
  --kubelet-ca FILE    Live scans: verify kubelet serving certificates against this PEM CA bundle
                       instead of the cluster CA (kubeadm/kind kubelets sign their own certificate)
  --kubelet-insecure-tls  Live scans, last resort: do not verify kubelet serving certificates (warns;
                       the result records source.kubeletTls "not-verified"). Both: also palisade.yaml
                       kubelet.caFile / kubelet.insecureSkipTLSVerify; the flags win
  --baseline FILE      A previous "--format json" result: mark findings new / fixed / unchanged /
                       newly waived / waiver expired
  --fail-on-new        Exit 1 when a failure exists that the baseline did not have (needs --baseline);
                       the new findings are listed on stderr
  --fail-below-score N Exit 1 when the score is below N (0-100), or there is no score
  --docs-base-url URL  Base URL of the rule docs (docs/rules/) for SARIF helpUri (also report.docsBaseUrl)
  --write-policy-reports  Live scans: create or replace the PolicyReport "palisade" in each namespace
                       and the ClusterPolicyReport "palisade-cluster" (docs/reports.md)
  --write-openreports  Live scans: the same as openreports.io/v1alpha1 Report "palisade" per
                       namespace and ClusterReport "palisade-cluster" (Kyverno 1.15+, Policy Reporter)
  --probes             Live only: ask the API server about each tenant (SubjectAccessReview as its
                       subjects; dry-run admission as the tenant with manifests/overlays/probes)
  --probe-max-reviews N  With --probes: SubjectAccessReviews per run at most (default 20000); a
                       check cut short by it fails if an asked question fails, else is unknown${HTML_OPTIONS_USAGE}${LIMIT_USAGE}`,
  run: runScan,
};

interface Destination {
  format: OutputFormat;
  /** undefined = stdout */
  path?: string;
}

/** Validates --format/--output/--output-dir before any work is done. */
export function destinations(formats: string[], output: string | undefined, outputDir: string | undefined): Destination[] {
  const names = formats.length > 0 ? formats : ['table'];
  const resolved = names.map((n) => {
    const f = formatByName(n);
    if (!f) throw new UsageError(`unknown format "${n}"; available: ${formatNames().join(', ')}`);
    return f;
  });
  if (output !== undefined && outputDir !== undefined) throw new UsageError('give --output or --output-dir, not both');
  if (output !== undefined && resolved.length > 1) throw new UsageError('--output takes one format; use --output-dir DIR for several');
  if (outputDir === undefined && output === undefined && resolved.length > 1) {
    throw new UsageError('several formats need --output-dir DIR (each is written to DIR/palisade.<ext>)');
  }
  return resolved.map((format) => {
    // `-` is standard output, as in most command-line tools (a file named "-" would surprise).
    if (output === '-') return { format };
    if (output !== undefined) return { format, path: output };
    if (outputDir !== undefined) return { format, path: join(outputDir, `palisade.${format.extension}`) };
    return { format };
  });
}

export function parseFailOn(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(value)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, not "${value}"`);
  }
  return value as Severity;
}

type ScanValues = ReturnType<typeof parseWithPositionals<typeof SCAN_OPTIONS>>['values'];

async function runScan(args: string[], io: Io): Promise<number> {
  const parsed = parseWithPositionals(args, SCAN_OPTIONS);
  // `palisade scan a.yaml b.yaml` = `--from a.yaml --from b.yaml` (pre-commit passes file names last).
  const values = { ...parsed.values, ...(parsed.positionals.length > 0 ? { from: [...(parsed.values.from ?? []), ...parsed.positionals] } : {}) };
  const failOn = parseFailOn(values['fail-on']);
  const minScore = parseFailBelowScore(values['fail-below-score']);
  const dests = destinations(splitList(values.format), values.output, values['output-dir']);
  await checkDestinations(dests, values['output-dir']);
  const htmlAppendix = htmlAppendixOf(values['html-appendix']);
  checkBinaryToTerminal(dests, io);
  const chromium = chromiumFor(dests, values.chromium, io.env ?? process.env);
  const frameworkIds = splitList(values.framework);
  checkReportOptions(values, (values.from ?? []).length === 0 && values.snapshot === undefined);
  for (const id of frameworkIds) {
    if (!frameworkById(id)) throw new UsageError(`unknown framework "${id}"; available: ${FRAMEWORKS.map((f) => f.id).join(', ')}`);
  }
  if (values.probes && ((values.from ?? []).length > 0 || values.snapshot !== undefined)) {
    throw new UsageError('--probes asks the live API server; it cannot be used with --from or --snapshot');
  }
  const maxReviews = positiveInt('--probe-max-reviews', values['probe-max-reviews']);
  if (maxReviews !== undefined && !values.probes) {
    throw new UsageError('--probe-max-reviews applies to --probes only');
  }
  const config = await loadConfig(values.config, RULES);
  if (values.cluster !== undefined) config.clusterName = values.cluster;
  const docsBaseUrl = docsBaseUrlOf(values['docs-base-url'], config.report?.docsBaseUrl);
  await applySelection(config, values.namespace ?? [], values['exclude-namespace'] ?? [], values.rule ?? []);
  const live = (values.from ?? []).length === 0 && values.snapshot === undefined;
  const kubeletTls = kubeletTlsSource(values, config.kubelet, { live, allowNodesProxy: values['allow-nodes-proxy'] === true });
  const namespaceScope = live ? await liveNamespaceScope(config) : undefined;
  const result = await acquireAndScan(values, config, io, { kubeletTls, namespaceScope, maxReviews });
  if (result === undefined) return EXIT.incomplete;
  // The snapshot and the analyses cached on it are garbage now: collect them before the writers run,
  // so the report is written with the result's memory only, not the cluster's too.
  collectNow();
  result.frameworks = frameworkReports(result.rules, result.results, frameworkIds);
  await attachBaseline(result, values.baseline);
  const gates: Gates = { failOn, minScore, failOnNew: values['fail-on-new'] === true };
  const writeFailures = await writeReports(result, dests, io, frameworkIds.length > 0, {
    docsBaseUrl,
    details: values.details === true,
    htmlAppendix,
    chromium,
    verdict: verdictLine(result, gates),
  });
  if (values['write-policy-reports']) await writePolicyReportsToCluster(result, values, io);
  if (values['write-openreports']) await writeOpenReportsToCluster(result, values, io);
  if (result.incomplete) io.stderr.write(`palisade: scan incomplete: ${incompleteReason(result)}\n`);
  if (values.pushgateway !== undefined) {
    // prom-client is loaded only by a scan that pushes.
    const { pushScanResult } = await import('../../metrics/push.js');
    const pushed = await pushScanResult(result, values.pushgateway, {
      ...(config.clusterName !== undefined ? { cluster: config.clusterName } : {}),
      waivers: config.waivers,
      log: (line) => void io.stderr.write(`${line}\n`),
    });
    // A CronJob whose metrics never arrive must fail visibly.
    if (!pushed) return PUSH_FAILED_EXIT;
  }
  const code = applyFailBelowScore(applyFailOnNew(exitCode(result, failOn), result, values['fail-on-new'], io), result, minScore, io);
  // A report that could not be written: the scan's output is incomplete (findings still win).
  return writeFailures.length > 0 && code !== EXIT.findings ? EXIT.incomplete : code;
}

/** Checks every output path before the scan starts (exit 2 with one line naming the path). */
export async function checkDestinations(dests: readonly Destination[], outputDir: string | undefined): Promise<void> {
  if (outputDir !== undefined) {
    const s = await stat(outputDir).catch(() => undefined);
    if (s && !s.isDirectory()) throw new UsageError(`--output-dir ${outputDir}: is a file, not a directory`);
  }
  for (const d of dests) if (d.path !== undefined) await checkOutputPath(d.path, outputDir !== undefined ? '--output-dir' : '--output');
}

/**
 * Streams each report to its destination. Formats are written independently: one that fails
 * (disk full, permission) is reported on one line and the others are still written; the
 * failures are returned (the command exits 3). A closed stdout ends the writing quietly.
 */
export async function writeReports(
  result: ScanResult,
  dests: Destination[],
  io: Io,
  fullFrameworks = false,
  render: Omit<RenderOptions, 'color' | 'width'> & { verdict?: string } = {},
): Promise<OutputError[]> {
  const env = io.env ?? process.env;
  const { verdict, ...renderOpts } = render;
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  const failures: OutputError[] = [];
  for (const d of dests) {
    const color = d.path === undefined && io.stdout.isTTY === true && !noColor;
    const width = tableWidth(env, d.path === undefined ? io.stdout : undefined);
    let chunks = d.format.render(result, { ...renderOpts, color, width });
    // The table gets per-section framework compliance (with --framework, every control), then the verdict.
    if (d.format.name === 'table') {
      const frameworks = (result.frameworks ?? []).map((f) => renderFrameworkText(f, fullFrameworks)).join('\n');
      const tail = [frameworks, ...(verdict ? [`\n${verdict}`] : [])].join('\n').split('\n').flatMap((l) => wrapLine(l, width)).join('\n');
      // Names, messages and paths come from the scanned objects: their control characters are shown
      // escaped, never sent to the terminal; only Palisade's own colour (SGR) sequences pass.
      chunks = [terminalText([...(chunks as Iterable<string>), '\n' + tail + (verdict ? '\n' : '')].join(''), color)];
    }
    if (d.path === undefined) {
      try {
        await writeChunks(io.stdout, chunks);
      } catch (err) {
        if (!(err instanceof PdfError)) throw err;
        failures.push(new OutputError('-', err.message));
        io.stderr.write(`palisade: could not write the ${d.format.name} report: ${err.message}\n`);
      }
      continue;
    }
    try {
      await writeFileChunks(d.path, chunks);
      io.stderr.write(`palisade: wrote ${d.format.name} report to ${d.path}\n`);
    } catch (err) {
      const failure = err instanceof PdfError ? new OutputError(d.path, `could not write ${d.path}: ${err.message}`) : err;
      if (!(failure instanceof OutputError)) throw err;
      // No half-written PDF is left behind under the report's name.
      if (err instanceof PdfError) await rm(d.path, { force: true });
      failures.push(failure);
      io.stderr.write(`palisade: ${failure.message}\n`);
    }
  }
  return failures;
}

function incompleteReason(result: ScanResult): string {
  const parts: string[] = [];
  if (result.errors.length > 0) parts.push(`${result.errors.length} input error(s)`);
  if (result.gaps.length > 0) parts.push(`${result.gaps.length} kind(s) not readable (${result.gaps.map((g) => g.kind).join(', ')})`);
  const refused = (result.source.selection?.namespaceLimits ?? []).filter((l) => l.reason === 'forbidden');
  if (refused.length > 0) parts.push(`${refused.length} kind(s) not listable cluster-wide (${refused.map((l) => l.kind).join(', ')}; listed per namespace)`);
  if (result.summary.counts.error > 0) parts.push(`${result.summary.counts.error} rule error(s)`);
  return parts.join(', ') || 'see errors';
}

/** The table's width: COLUMNS, else the terminal's width, else (piped, files) 80. */
export function tableWidth(env: Record<string, string | undefined>, tty: (Io['stdout'] & { columns?: number }) | undefined): number {
  const fromEnv = Number(env['COLUMNS']);
  if (Number.isInteger(fromEnv) && fromEnv >= 40) return fromEnv;
  if (tty?.isTTY === true && typeof tty.columns === 'number' && tty.columns >= 40) return tty.columns;
  return 80;
}

export interface Gates {
  failOn: Severity | undefined;
  minScore: number | undefined;
  failOnNew: boolean;
}

/** The table's last line: the exit code the gates give and why (a write failure can still make it 3). */
export function verdictLine(result: ScanResult, gates: Gates): string {
  const store = result.results;
  const reasons: string[] = [];
  if (gates.failOn) {
    const n = store.indexes((i) => store.statusOf(i) === 'fail' && severityRank(store.severityOf(i)) >= severityRank(gates.failOn!)).length;
    if (n > 0) reasons.push(`${n} failure(s) at or above --fail-on ${gates.failOn}`);
  }
  if (gates.failOnNew && hasNewFindings(result.baseline)) {
    const expired = result.baseline?.counts.waiverExpired ?? 0;
    reasons.push(`${result.baseline?.counts.new ?? 0} new finding(s)${expired > 0 ? ` and ${expired} with an expired or removed waiver` : ''} since the baseline (--fail-on-new)`);
  }
  const score = result.summary.score;
  if (gates.minScore !== undefined && (score === null || score < gates.minScore)) {
    reasons.push(score === null ? `no score, --fail-below-score ${gates.minScore}` : `score ${score} is below --fail-below-score ${gates.minScore}`);
  }
  if (reasons.length > 0) return `Verdict: exit 1: ${reasons.join('; ')}`;
  if (result.incomplete) return `Verdict: exit 3: scan incomplete (${incompleteReason(result)})`;
  const set = [gates.failOn ? `--fail-on ${gates.failOn}` : '', gates.minScore !== undefined ? `--fail-below-score ${gates.minScore}` : '', gates.failOnNew ? '--fail-on-new' : ''].filter(Boolean);
  return set.length > 0
    ? `Verdict: exit 0: nothing tripped ${set.join(', ')}`
    : 'Verdict: exit 0: no gate set (--fail-on, --fail-below-score, --fail-on-new)';
}

/** Findings at/above --fail-on win over "incomplete": a CI gate must see them. */
export function exitCode(result: ScanResult, failOn: Severity | undefined): number {
  const store = result.results;
  if (failOn && store.indexes((i) => store.statusOf(i) === 'fail' && severityRank(store.severityOf(i)) >= severityRank(failOn)).length > 0) {
    return EXIT.findings;
  }
  return result.incomplete ? EXIT.incomplete : EXIT.ok;
}

/**
 * Reads the input and runs the rules. The snapshot lives only in this frame: once the result is
 * back, nothing holds it (the writers read the result alone). Undefined when the input is empty.
 */
async function acquireAndScan(
  values: ScanValues,
  config: Awaited<ReturnType<typeof loadConfig>>,
  io: Io,
  opts: { kubeletTls: ReturnType<typeof kubeletTlsSource>; namespaceScope: Awaited<ReturnType<typeof liveNamespaceScope>> | undefined; maxReviews: number | undefined },
): Promise<ScanResult | undefined> {
  const startedAt = new Date();
  const snapshot = await acquireSnapshot(
    {
      ...sourceOptionsOf(values, config.limits),
      ...(config.clusterName !== undefined ? { clusterName: config.clusterName } : {}),
      ...(values['allow-nodes-proxy'] ? { allowNodesProxy: true } : {}),
      ...opts.kubeletTls,
      ...(values['stdin-filename'] !== undefined ? { stdinName: values['stdin-filename'] } : {}),
      ...(opts.namespaceScope ? { namespaceScope: opts.namespaceScope } : {}),
    },
    io,
  );
  if (snapshot.objects.length === 0) {
    // An empty input would score 100 with nothing looked at: say so and report incomplete.
    io.stderr.write(`palisade: no Kubernetes objects found in ${snapshot.source}; nothing to scan\n`);
    return undefined;
  }
  const rules = await rulesFor(config, snapshot);
  const evaluating = performance.now();
  const scanned = scanSnapshot(snapshot, { config, rules, startedAt });
  let { result } = scanned;
  const evaluated = (performance.now() - evaluating) / 1000;
  // Long work says what it did; a small scan (the demo, a pre-commit hook) stays quiet.
  if (evaluated >= PROGRESS_AFTER_SECONDS) io.stderr.write(`palisade: ${evaluationLine(result, snapshot.objects.length, evaluated)}\n`);
  if ((io.env ?? process.env)['PALISADE_TIMING'] === '1') io.stderr.write(`palisade: ${slowestRulesLine(scanned.run.timings)}\n`);
  recordSelection(result, config, snapshot, values.rule ?? [], io);
  // The snapshot keeps its original mode for the rules; the report says it was a replay.
  if (values.snapshot !== undefined) result.source.mode = 'snapshot';
  if (values.probes) result = await withLiveProbes(result, snapshot, config, values.kubeconfig, values.context, opts.maxReviews);
  return result;
}

/** Rule evaluation shorter than this prints nothing. */
const PROGRESS_AFTER_SECONDS = 2;

/** `evaluated 168 rules over 95269 objects: 288760 results (29740 failing) in 9.8 s`. */
export function evaluationLine(result: ScanResult, objects: number, seconds: number): string {
  return `evaluated ${result.rules.length} rules over ${objects} objects: ${result.results.length} results (${result.summary.counts.fail} failing) in ${seconds.toFixed(1)} s`;
}

/** `PALISADE_TIMING=1`: `slowest rules: tenancy/cross-tenant-network 0.61 s, … (168 rules, 5.40 s)`. */
export function slowestRulesLine(timings: ReadonlyMap<string, number>, count = 10): string {
  const sorted = [...timings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = sorted.reduce((sum, [, ms]) => sum + ms, 0);
  const shown = sorted.slice(0, count).map(([id, ms]) => `${id} ${(ms / 1000).toFixed(2)} s`);
  return `slowest rules: ${shown.join(', ')} (${sorted.length} rules, ${(total / 1000).toFixed(2)} s)`;
}

/** `--probes`: SubjectAccessReview and dry-run admission probes per tenant (src/probes/), loaded lazily. */
async function withLiveProbes(
  result: ScanResult,
  snapshot: Parameters<typeof scanSnapshot>[0],
  config: Awaited<ReturnType<typeof loadConfig>>,
  kubeconfig: string | undefined,
  context: string | undefined,
  maxReviews: number | undefined,
): Promise<ScanResult> {
  const [{ loadKubeConfig }, { runProbes }, { withProbeResults }] = await Promise.all([
    import('../../inventory/live/client.js'),
    import('../../probes/index.js'),
    import('../../probes/merge.js'),
  ]);
  const { kc } = loadKubeConfig({ ...(kubeconfig !== undefined ? { kubeconfig } : {}), ...(context !== undefined ? { context } : {}) });
  return withProbeResults(result, await runProbes(kc, snapshot, config, maxReviews !== undefined ? { maxReviews } : {}), snapshot, config);
}

function positiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} ${text}: expected a whole number ≥ 1`);
  return n;
}

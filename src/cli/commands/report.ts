/**
 * `palisade report --from-result scan.json`: render a saved ScanResult again in any format
 * (an auditor gets SARIF, HTML or OSCAL later without rescanning; the files equal the ones
 * written at scan time). Also home of the report options `scan` shares: `--baseline`,
 * `--fail-on-new`, `--write-policy-reports` and `--write-openreports`.
 */
import { readFile } from 'node:fs/promises';
import { asBaselineInput, compareWithBaseline, hasNewFindings, type BaselineInput } from '../../report/baseline.js';
import { formatNames } from '../../report/formats.js';
import { checkBinaryToTerminal, chromiumFor, HTML_OPTIONS_USAGE, htmlAppendixOf } from './html-options.js';
import type { ScanResult } from '../../report/model.js';
import { openReports } from '../../report/openreports.js';
import { policyReports } from '../../report/policyreport.js';
import { refString } from '../../model/k8s.js';
import { parseOptions, splitList } from '../args.js';
import { EXIT, InputError, UsageError, type Io } from '../io.js';
import type { Command } from './command.js';
import { checkDestinations, destinations, exitCode, parseFailOn, verdictLine, writeReports } from './scan.js';
import { scanResultOf, type ScanResultDocument } from '../../report/load.js';

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`${what} ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`${what} ${path}: not JSON (${(err as Error).message})`);
  }
}

export async function loadBaseline(path: string): Promise<BaselineInput> {
  const value = await readJson(path, '--baseline');
  try {
    return asBaselineInput(value, path);
  } catch (err) {
    throw new InputError(`--baseline ${(err as Error).message}`);
  }
}

/** Reads a saved ScanResult: schema 1.x and 2.x are understood, each validated against its published schema. */
export async function loadScanResult(path: string): Promise<ScanResult> {
  const value = await readJson(path, '--from-result');
  const v = value as Partial<ScanResultDocument> | null;
  if (typeof v !== 'object' || v === null || typeof v.schemaVersion !== 'string' || !Array.isArray(v.results) || !Array.isArray(v.rules) || typeof v.summary !== 'object') {
    throw new InputError(`--from-result ${path} is not a Palisade scan result (palisade scan --format json)`);
  }
  if (!/^[12]\./.test(v.schemaVersion)) {
    throw new InputError(`--from-result ${path}: ScanResult schema ${v.schemaVersion} is not supported (this palisade reads 1.x and 2.x)`);
  }
  // The published schema, before anything reads the document: a bad status or severity is named, not rendered.
  // Loaded here only: ajv stays out of `scan`, which imports this module (start-up and memory, issue 12).
  const { checkResultSchema } = await import('../../report/result-schema.js');
  const problem = checkResultSchema(value, v.schemaVersion.slice(0, 1));
  if (problem) {
    throw new InputError(`--from-result ${path}: not a valid ScanResult ${v.schemaVersion} (${problem.schema}): at ${problem.path}: ${problem.message}`);
  }
  try {
    const result = scanResultOf(v as ScanResultDocument);
    result.results.canonicalize();
    return result;
  } catch (err) {
    throw new InputError(`--from-result ${path}: ${(err as Error).message}`);
  }
}

export interface ReportScanValues {
  baseline?: string | undefined;
  'fail-on-new'?: boolean | undefined;
  'write-policy-reports'?: boolean | undefined;
  'write-openreports'?: boolean | undefined;
}

/** Checks made before any work: the flags that depend on each other. */
export function checkReportOptions(values: ReportScanValues, live: boolean): void {
  if (values['fail-on-new'] && values.baseline === undefined) throw new UsageError('--fail-on-new needs --baseline FILE');
  if (values['write-policy-reports'] && !live) {
    throw new UsageError('--write-policy-reports needs a live scan (no --from / --snapshot); use --format policyreport for YAML');
  }
  if (values['write-openreports'] && !live) {
    throw new UsageError('--write-openreports needs a live scan (no --from / --snapshot); use --format openreports for YAML');
  }
}

/** Sets `result.baseline` when --baseline was given. */
export async function attachBaseline(result: ScanResult, path: string | undefined): Promise<void> {
  if (path === undefined) return;
  result.baseline = compareWithBaseline(result, await loadBaseline(path));
}

type KubeOptions = { kubeconfig?: string | undefined; context?: string | undefined };

async function kubeConfigOf(opts: KubeOptions) {
  // Loaded only here: offline scans never pay for the Kubernetes client.
  const { loadKubeConfig } = await import('../../inventory/live/client.js');
  return loadKubeConfig({ ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}), ...(opts.context ? { context: opts.context } : {}) }).kc;
}

function wroteLine(what: string, outcomes: readonly { action: string }[]): string {
  const created = outcomes.filter((o) => o.action === 'created').length;
  return `palisade: wrote ${outcomes.length} ${what}(s) (${created} created, ${outcomes.length - created} replaced)\n`;
}

/** `--write-policy-reports`: create or replace the reports in the scanned cluster, one at a time. */
export async function writePolicyReportsToCluster(result: ScanResult, opts: KubeOptions, io: Io): Promise<void> {
  const { writePolicyReports } = await import('../../report/policyreport-write.js');
  io.stderr.write(wroteLine('policy report', await writePolicyReports(await kubeConfigOf(opts), policyReports(result))));
}

/** `--write-openreports`: the same for openreports.io/v1alpha1 Reports and the ClusterReport. */
export async function writeOpenReportsToCluster(result: ScanResult, opts: KubeOptions, io: Io): Promise<void> {
  const { writeOpenReports } = await import('../../report/openreports-write.js');
  io.stderr.write(wroteLine('OpenReports report', await writeOpenReports(await kubeConfigOf(opts), openReports(result))));
}

/** `--fail-on-new`: new failures exit 1, even when the scan is otherwise clean or incomplete; they are listed on stderr. */
export function applyFailOnNew(code: number, result: ScanResult, failOnNew: boolean | undefined, io?: Io): number {
  if (!failOnNew || !hasNewFindings(result.baseline)) return code;
  const cmp = result.baseline;
  if (io && cmp) {
    const lines = [...cmp.new.map((f) => `  ${f.rule}  ${refString(f.object)}`), ...(cmp.waiverExpired ?? []).map((f) => `  ${f.rule}  ${refString(f.object)}  (waiver ${f.cause})`)].sort();
    const expired = cmp.waiverExpired?.length ?? 0;
    io.stderr.write(
      `palisade: --fail-on-new: ${cmp.new.length} new finding(s)${expired > 0 ? ` and ${expired} whose waiver expired or was removed` : ''} since the baseline (${cmp.against.location}, ${cmp.against.startedAt}):\n${lines.join('\n')}\n`,
    );
  }
  return EXIT.findings;
}

/** `--fail-below-score N`: a whole number 0-100. */
export function parseFailBelowScore(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100) throw new UsageError(`--fail-below-score ${text}: expected a whole number 0-100`);
  return n;
}

/**
 * `--fail-below-score N`: exit 1 when the score is below N, and say so on stderr. A scan with no
 * score (nothing evaluated) fails the gate too: unknown is never pass.
 */
export function applyFailBelowScore(code: number, result: ScanResult, min: number | undefined, io?: Io): number {
  if (min === undefined) return code;
  const score = result.summary.score;
  if (score !== null && score >= min) return code;
  io?.stderr.write(
    score === null
      ? `palisade: --fail-below-score ${min}: no score (nothing could be evaluated)\n`
      : `palisade: --fail-below-score ${min}: the score is ${score}\n`,
  );
  return EXIT.findings;
}

/** `--docs-base-url URL` (wins) or `report.docsBaseUrl`: where SARIF helpUris point. */
export function docsBaseUrlOf(flag: string | undefined, config: string | undefined): string | undefined {
  if (flag !== undefined && !/^https?:\/\/\S+$/.test(flag)) throw new UsageError(`--docs-base-url ${flag}: expected an http(s) URL`);
  return flag ?? config;
}

const OPTIONS = {
  'from-result': { type: 'string' },
  'html-appendix': { type: 'string' },
  chromium: { type: 'string' },
  format: { type: 'string', multiple: true },
  output: { type: 'string' },
  'output-dir': { type: 'string' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'fail-on-new': { type: 'boolean' },
  'fail-below-score': { type: 'string' },
  'docs-base-url': { type: 'string' },
  details: { type: 'boolean' },
} as const;

export const reportCommand: Command = {
  name: 'report',
  summary: 'Render a saved scan result (--format json) again in other formats',
  usage: `palisade report --from-result FILE [--format FMT[,FMT...]] [--output FILE | --output-dir DIR]
                [--baseline FILE] [--fail-on SEVERITY] [--fail-on-new] [--fail-below-score N]

  --from-result FILE   A result written by "palisade scan --format json"
  --format FMT         ${formatNames().join(', ')} (default table); comma-separated or repeated
  --output FILE        Write the report to FILE (one format only)
  --output-dir DIR     Write DIR/palisade.<ext> for each format
  --baseline FILE      Compare with this earlier result instead of the comparison saved in FILE
  --fail-on SEVERITY   Exit 1 when a failure at or above SEVERITY exists
  --fail-on-new        Exit 1 when the comparison has new failures (listed on stderr)
  --fail-below-score N Exit 1 when the score is below N (0-100) or there is no score
  --docs-base-url URL  Base URL of the rule docs (docs/rules/) for SARIF helpUri
  --details            Table: list every failing object under its rule${HTML_OPTIONS_USAGE}

The files are identical to the ones "palisade scan" writes for the same result.`,
  run: async (args: string[], io: Io): Promise<number> => {
    const { values } = parseOptions(args, OPTIONS);
    const from = values['from-result'];
    if (from === undefined) throw new UsageError('--from-result FILE is required');
    const failOn = parseFailOn(values['fail-on']);
    const minScore = parseFailBelowScore(values['fail-below-score']);
    const docsBaseUrl = docsBaseUrlOf(values['docs-base-url'], undefined);
    const dests = destinations(splitList(values.format), values.output, values['output-dir']);
    const htmlAppendix = htmlAppendixOf(values['html-appendix']);
    checkBinaryToTerminal(dests, io);
    const chromium = chromiumFor(dests, values.chromium, io.env ?? process.env);
    const result = await loadScanResult(from);
    await attachBaseline(result, values.baseline);
    if (values['fail-on-new'] && result.baseline === undefined) throw new UsageError(`--fail-on-new: ${from} has no baseline comparison; give --baseline FILE`);
    await checkDestinations(dests, values['output-dir']);
    const gates = { failOn, minScore, failOnNew: values['fail-on-new'] === true };
    const failures = await writeReports(result, dests, io, false, { docsBaseUrl, details: values.details === true, htmlAppendix, chromium, verdict: verdictLine(result, gates) });
    const code = applyFailBelowScore(applyFailOnNew(exitCode(result, failOn), result, values['fail-on-new'], io), result, minScore, io);
    return failures.length > 0 && code !== EXIT.findings ? EXIT.incomplete : code;
  },
};

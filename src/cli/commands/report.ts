/**
 * `palisade report --from-result scan.json`: render a saved ScanResult again in any format
 * (an auditor gets SARIF, HTML or OSCAL later without rescanning; the files equal the ones
 * written at scan time). Also home of the report options `scan` shares: `--baseline`,
 * `--fail-on-new` and `--write-policy-reports`.
 */
import { readFile } from 'node:fs/promises';
import { asBaselineInput, compareWithBaseline, hasNewFindings, type BaselineInput } from '../../report/baseline.js';
import { formatNames } from '../../report/formats.js';
import type { ScanResult } from '../../report/model.js';
import { toPolicyReports } from '../../report/policyreport.js';
import { parseOptions, splitList } from '../args.js';
import { EXIT, InputError, UsageError, type Io } from '../io.js';
import type { Command } from './command.js';
import { checkDestinations, destinations, exitCode, parseFailOn, writeReports } from './scan.js';
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

/** Reads a saved ScanResult: schema 1.x and 2.x are understood. */
export async function loadScanResult(path: string): Promise<ScanResult> {
  const value = await readJson(path, '--from-result');
  const v = value as Partial<ScanResultDocument> | null;
  if (typeof v !== 'object' || v === null || typeof v.schemaVersion !== 'string' || !Array.isArray(v.results) || !Array.isArray(v.rules) || typeof v.summary !== 'object') {
    throw new InputError(`--from-result ${path} is not a Palisade scan result (palisade scan --format json)`);
  }
  if (!/^[12]\./.test(v.schemaVersion)) {
    throw new InputError(`--from-result ${path}: ScanResult schema ${v.schemaVersion} is not supported (this palisade reads 1.x and 2.x)`);
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
}

/** Checks made before any work: the flags that depend on each other. */
export function checkReportOptions(values: ReportScanValues, live: boolean): void {
  if (values['fail-on-new'] && values.baseline === undefined) throw new UsageError('--fail-on-new needs --baseline FILE');
  if (values['write-policy-reports'] && !live) {
    throw new UsageError('--write-policy-reports needs a live scan (no --from / --snapshot); use --format policyreport for YAML');
  }
}

/** Sets `result.baseline` when --baseline was given. */
export async function attachBaseline(result: ScanResult, path: string | undefined): Promise<void> {
  if (path === undefined) return;
  result.baseline = compareWithBaseline(result, await loadBaseline(path));
}

/** `--write-policy-reports`: create or replace the reports in the scanned cluster. */
export async function writePolicyReportsToCluster(result: ScanResult, opts: { kubeconfig?: string | undefined; context?: string | undefined }, io: Io): Promise<void> {
  // Loaded only here: offline scans never pay for the Kubernetes client.
  const { loadKubeConfig } = await import('../../inventory/live/client.js');
  const { writePolicyReports } = await import('../../report/policyreport-write.js');
  const { kc } = loadKubeConfig({ ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}), ...(opts.context ? { context: opts.context } : {}) });
  const outcomes = await writePolicyReports(kc, toPolicyReports(result));
  const created = outcomes.filter((o) => o.action === 'created').length;
  io.stderr.write(`palisade: wrote ${outcomes.length} policy report(s) (${created} created, ${outcomes.length - created} replaced)\n`);
}

/** `--fail-on-new`: new failures exit 1, even when the scan is otherwise clean or incomplete. */
export function applyFailOnNew(code: number, result: ScanResult, failOnNew: boolean | undefined): number {
  return failOnNew && hasNewFindings(result.baseline) ? EXIT.findings : code;
}

const OPTIONS = {
  'from-result': { type: 'string' },
  format: { type: 'string', multiple: true },
  output: { type: 'string' },
  'output-dir': { type: 'string' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'fail-on-new': { type: 'boolean' },
} as const;

export const reportCommand: Command = {
  name: 'report',
  summary: 'Render a saved scan result (--format json) again in other formats',
  usage: `palisade report --from-result FILE [--format FMT[,FMT...]] [--output FILE | --output-dir DIR]
                [--baseline FILE] [--fail-on SEVERITY] [--fail-on-new]

  --from-result FILE   A result written by "palisade scan --format json"
  --format FMT         ${formatNames().join(', ')} (default table); comma-separated or repeated
  --output FILE        Write the report to FILE (one format only)
  --output-dir DIR     Write DIR/palisade.<ext> for each format
  --baseline FILE      Compare with this earlier result instead of the comparison saved in FILE
  --fail-on SEVERITY   Exit 1 when a failure at or above SEVERITY exists
  --fail-on-new        Exit 1 when the comparison has new failures

The files are identical to the ones "palisade scan" writes for the same result.`,
  run: async (args: string[], io: Io): Promise<number> => {
    const { values } = parseOptions(args, OPTIONS);
    const from = values['from-result'];
    if (from === undefined) throw new UsageError('--from-result FILE is required');
    const failOn = parseFailOn(values['fail-on']);
    const dests = destinations(splitList(values.format), values.output, values['output-dir']);
    const result = await loadScanResult(from);
    await attachBaseline(result, values.baseline);
    if (values['fail-on-new'] && result.baseline === undefined) throw new UsageError(`--fail-on-new: ${from} has no baseline comparison; give --baseline FILE`);
    await checkDestinations(dests, values['output-dir']);
    const failures = await writeReports(result, dests, io, false);
    const code = applyFailOnNew(exitCode(result, failOn), result, values['fail-on-new']);
    return failures.length > 0 && code !== EXIT.findings ? EXIT.incomplete : code;
  },
};

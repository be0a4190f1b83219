/**
 * CronJob mode: push one scan's metrics to a Pushgateway. PUT replaces every series of the
 * grouping key (job, cluster), so a finding fixed since the previous run disappears instead
 * of being served forever.
 */
import type { WaiverConfig } from '../config/types.js';
import type { ScanResult } from '../report/model.js';
import { buildScanRegistry, countSeries, type FindingInfoOptions, type ScanMetricsOptions } from './scan-metrics.js';

export const PUSH_JOB = 'palisade';

export class PushError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PushError';
  }
}

/** `/metrics/job/palisade/cluster/<name>`; values with `/` use the base64 form. */
export function groupingPath(grouping: Readonly<Record<string, string>>): string {
  return Object.entries(grouping)
    .map(([k, v]) => {
      if (v === '' || v.includes('/')) return `/${k}@base64/${Buffer.from(v).toString('base64url') || '='}`;
      return `/${k}/${encodeURIComponent(v)}`;
    })
    .join('');
}

export function pushUrl(base: string, cluster: string | undefined): string {
  const grouping: Record<string, string> = { job: PUSH_JOB };
  if (cluster) grouping['cluster'] = cluster;
  return `${base.replace(/\/+$/, '')}/metrics${groupingPath(grouping)}`;
}

export interface PushOptions {
  cluster?: string;
  timeoutMs?: number;
}

/** PUTs the exposition text; throws PushError with the gateway's answer on failure. */
export async function pushMetrics(gateway: string, exposition: string, opts: PushOptions = {}): Promise<void> {
  const url = pushUrl(gateway, opts.cluster);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' },
      body: exposition,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (err) {
    throw new PushError(`push to ${url} failed: ${(err as Error).message}`, url);
  }
  if (!res.ok) {
    const body = (await res.text().catch(() => '')).trim().slice(0, 500);
    throw new PushError(`push to ${url} failed: HTTP ${res.status}${body ? `: ${body}` : ''}`, url, res.status);
  }
}

// Its own module, so that `scan` can name it without loading prom-client.
export { PUSH_FAILED_EXIT } from './push-exit.js';

export interface PushScanOptions {
  cluster?: string;
  waivers?: readonly WaiverConfig[];
  findingInfo?: FindingInfoOptions;
  log: (line: string) => void;
}

/** CronJob mode: renders one scan's families and PUTs them; false (logged) when the push failed. */
export async function pushScanResult(result: ScanResult, gateway: string, opts: PushScanOptions): Promise<boolean> {
  const metricOpts: ScanMetricsOptions = { waivers: opts.waivers ?? [] };
  if (opts.cluster) metricOpts.cluster = opts.cluster;
  if (opts.findingInfo) metricOpts.findingInfo = opts.findingInfo;
  const text = await buildScanRegistry(result, metricOpts).metrics();
  try {
    await pushMetrics(gateway, text, opts.cluster ? { cluster: opts.cluster } : {});
  } catch (err) {
    opts.log(`palisade: ${(err as Error).message}`);
    return false;
  }
  opts.log(`palisade: pushed ${countSeries(text)} series to ${pushUrl(gateway, opts.cluster)}`);
  return true;
}

/**
 * `palisade serve`: scans on a cron schedule and serves the last good result as /metrics and
 * /report.json. One scan at a time; a tick that arrives during a scan is skipped and counted.
 * The exposition is rendered once per published result, not on every scrape.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CronJob } from 'cron';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { renderJson } from '../report/json.js';
import { writeChunks } from '../report/stream.js';
import type { ScanResult } from '../report/model.js';
import { bearerToken, type Authorizer } from './auth.js';
import { CLUSTER_LABEL, PROCESS_FAMILIES as P, SCAN_DURATION_BUCKETS, SCAN_FAMILIES as F } from './families.js';
import { buildScanRegistry, type ScanMetricsOptions } from './scan-metrics.js';

export interface ExporterOptions {
  /** Runs one complete scan; a throw counts as a failed scan. */
  scan: () => Promise<ScanResult>;
  metrics: Omit<ScanMetricsOptions, 'lastAttemptSucceeded'>;
  /** Cron expression (5 or 6 fields); omitted = scan once at start only. */
  schedule?: string;
  timezone?: string;
  host: string;
  port: number;
  auth?: Authorizer;
  /** PEM contents for HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  log: (line: string) => void;
}

const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export class Exporter {
  private readonly opts: ExporterOptions;
  private readonly processRegistry = new Registry();
  private readonly durations: Histogram;
  private readonly scans: Counter;
  private readonly skipped: Counter;
  private server: Server | undefined;
  private job: CronJob | undefined;
  private running: Promise<void> | undefined;
  private lastResult: ScanResult | undefined;
  private scanText = '';
  private lastError: string | undefined;

  constructor(opts: ExporterOptions) {
    this.opts = opts;
    if (opts.metrics.cluster) this.processRegistry.setDefaultLabels({ [CLUSTER_LABEL]: opts.metrics.cluster });
    const reg = [this.processRegistry];
    this.durations = new Histogram({ name: P.scanDuration.name, help: P.scanDuration.help, buckets: [...SCAN_DURATION_BUCKETS], registers: reg });
    this.scans = new Counter({ name: P.scans.name, help: P.scans.help, labelNames: [...P.scans.labels], registers: reg });
    this.skipped = new Counter({ name: P.ticksSkipped.name, help: P.ticksSkipped.help, registers: reg });
    // Both outcomes exist from the start, so rate() works before the first failure.
    this.scans.inc({ outcome: 'success' }, 0);
    this.scans.inc({ outcome: 'failure' }, 0);
  }

  /** Ready once a scan has completed. */
  get ready(): boolean {
    return this.lastResult !== undefined;
  }

  get result(): ScanResult | undefined {
    return this.lastResult;
  }

  /** Starts listening, runs the first scan in the background and arms the schedule. */
  async start(): Promise<AddressInfo> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      this.handle(req, res).catch((err: unknown) => {
        this.opts.log(`palisade serve: request ${req.url ?? ''} failed: ${(err as Error).message}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    };
    const server = this.opts.tls ? createHttpsServer({ cert: this.opts.tls.cert, key: this.opts.tls.key }, handler) : createHttpServer(handler);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    if (this.opts.schedule) {
      this.job = CronJob.from({
        cronTime: this.opts.schedule,
        onTick: () => void this.tick(),
        start: true,
        ...(this.opts.timezone ? { timeZone: this.opts.timezone } : {}),
      });
    }
    void this.tick();
    return address;
  }

  /** One scheduled tick: runs a scan unless one is already running (then counts a skip). */
  async tick(): Promise<'ran' | 'skipped'> {
    if (this.running) {
      this.skipped.inc();
      this.opts.log('palisade serve: previous scan still running; tick skipped');
      return 'skipped';
    }
    this.running = this.scanOnce();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
    return 'ran';
  }

  private async scanOnce(): Promise<void> {
    const endTimer = this.durations.startTimer();
    try {
      const result = await this.opts.scan();
      endTimer();
      this.scans.inc({ outcome: 'success' });
      this.lastError = undefined;
      await this.publish(result, true);
      this.opts.log(
        `palisade serve: scan done in ${result.durationSeconds}s: score ${result.summary.score ?? 'n/a'}, ${result.results.length} results${result.incomplete ? ' (incomplete)' : ''}`,
      );
    } catch (err) {
      endTimer();
      this.scans.inc({ outcome: 'failure' });
      this.lastError = (err as Error).message;
      this.opts.log(`palisade serve: scan failed: ${this.lastError}; serving the previous result`);
      if (this.lastResult) await this.publish(this.lastResult, false);
      else this.scanText = await failureOnlyText(this.opts.metrics.cluster);
    }
  }

  private async publish(result: ScanResult, succeeded: boolean): Promise<void> {
    const reg = buildScanRegistry(result, { ...this.opts.metrics, lastAttemptSucceeded: succeeded });
    const text = await reg.metrics();
    // Swap only when fully rendered: a scrape never sees half a result.
    this.scanText = text;
    // The last result stays in its compact store; /report.json is streamed from it on request.
    this.lastResult = result;
  }

  async metricsText(): Promise<string> {
    return (await this.processRegistry.metrics()) + this.scanText;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
    switch (path) {
      case '/healthz':
        return send(res, 200, 'ok\n');
      case '/readyz':
        return this.ready ? send(res, 200, 'ok\n') : send(res, 503, `no completed scan yet${this.lastError ? `: ${this.lastError}` : ''}\n`);
      case '/metrics':
      case '/report.json': {
        if (this.opts.auth) {
          const d = await this.opts.auth.check(bearerToken(req.headers.authorization), path);
          if (d.status !== 200) {
            const headers: Record<string, string> = d.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
            return send(res, d.status, `${d.reason}\n`, headers);
          }
        }
        if (path === '/metrics') return send(res, 200, await this.metricsText(), { 'Content-Type': TEXT_CONTENT_TYPE });
        if (!this.lastResult) return send(res, 503, 'no completed scan yet\n');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        if (req.method === 'HEAD') return void res.end();
        try {
          await writeChunks(res, renderJson(this.lastResult));
        } catch {
          // The client went away mid-response: nothing to answer.
        }
        return void res.end();
      }
      default:
        return send(res, 404, 'not found\n');
    }
  }

  /** Stops the schedule, waits for a running scan, closes the server. */
  async stop(): Promise<void> {
    await this.job?.stop();
    this.job = undefined;
    if (this.running) await this.running.catch(() => undefined);
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/** Before any good scan exists, a failure is still visible as palisade_last_scan_success 0. */
async function failureOnlyText(cluster: string | undefined): Promise<string> {
  const reg = new Registry();
  if (cluster) reg.setDefaultLabels({ [CLUSTER_LABEL]: cluster });
  new Gauge({ name: F.lastScanSuccess.name, help: F.lastScanSuccess.help, registers: [reg] }).set(0);
  return reg.metrics();
}

/** `:9102` → all interfaces; `127.0.0.1:0` → loopback, any port. */
export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[?([^\]]*)\]?)?:(\d{1,5})$/.exec(listen.trim());
  const port = Number(m?.[2]);
  if (!m || !Number.isInteger(port) || port > 65535) throw new Error(`--listen must be [HOST]:PORT, not "${listen}"`);
  return { host: m[1] || '0.0.0.0', port };
}

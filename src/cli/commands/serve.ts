import { readFile } from 'node:fs/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { validateCronExpression } from 'cron';
import { scanSnapshot } from '../../engine/scan.js';
import { frameworkReports } from '../../frameworks/report.js';
import { kubeReviewClient, tokenAuthorizer } from '../../metrics/auth.js';
import { Exporter, parseListen, type ExporterOptions } from '../../metrics/exporter.js';
import { DEFAULT_FINDING_INFO_LIMIT } from '../../metrics/scan-metrics.js';
import type { ScanResult } from '../../report/model.js';
import { RULES } from '../../rules/index.js';
import { rulesFor } from '../../engine/rules-for.js';
import { parseOptions } from '../args.js';
import { loadConfig } from '../config.js';
import { applySelection, liveNamespaceScope, recordSelection } from '../selection.js';
import { EXIT, InputError, UsageError, type Io } from '../io.js';
import { acquireSnapshot, KUBELET_TLS_OPTIONS, kubeletTlsSource, readKubeletCa, SOURCE_OPTIONS, sourceOptionsOf } from '../source.js';
import type { Command } from './command.js';

export const SERVE_OPTIONS = {
  ...SOURCE_OPTIONS,
  config: { type: 'string' },
  schedule: { type: 'string', default: '*/30 * * * *' },
  timezone: { type: 'string' },
  listen: { type: 'string', default: ':9102' },
  cluster: { type: 'string' },
  auth: { type: 'boolean', default: false },
  'auth-kubeconfig': { type: 'string' },
  'tls-cert-file': { type: 'string' },
  'tls-key-file': { type: 'string' },
  'finding-info': { type: 'boolean', default: false },
  'finding-info-limit': { type: 'string' },
  'exclude-namespace': { type: 'string', multiple: true },
  ...KUBELET_TLS_OPTIONS,
} as const;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Exporter: scan on a schedule and serve /metrics, /healthz, /readyz, /report.json',
  usage: `palisade serve [--from PATH... | --snapshot FILE] [--config FILE] [--schedule CRON] [--timezone TZ]
              [--listen [HOST]:PORT] [--cluster NAME] [--auth] [--tls-cert-file FILE --tls-key-file FILE]
              [--finding-info [--finding-info-limit N]] [--kubelet-ca FILE | --kubelet-insecure-tls]
              [-n NS...] [--exclude-namespace GLOB...]

  --from PATH            Scan manifests (re-read on every scan); neither --from nor --snapshot: the live cluster
  --snapshot FILE        Scan a saved snapshot
  --config FILE          palisade.yaml (rules, tenants, waivers, clusterName)
  -n, --namespace NS     Evaluate only objects in NS (repeatable; also config namespaces.include), as scan;
                         live: kinds only namespace-local rules read are listed in NS only, a refused
                         cluster-wide LIST falls back to NS (recorded; rules needing other namespaces: unknown)
  --exclude-namespace GLOB  Do not evaluate objects in matching namespaces (repeatable)
  --schedule CRON        When to scan (default "*/30 * * * *"); a scan also runs at start
  --timezone TZ          Time zone of the schedule (default: the process's, UTC in the image)
  --listen [HOST]:PORT   Address to serve on (default :9102)
  --cluster NAME         "cluster" label on every series (default: clusterName from the config)
  --auth                 Require a bearer token allowed to "get" the non-resource URL (/metrics,
                         /report.json): TokenReview + SubjectAccessReview against the cluster API
  --auth-kubeconfig FILE kubeconfig for those reviews (default: in-cluster ServiceAccount, else $KUBECONFIG)
  --tls-cert-file FILE   Serve HTTPS with this certificate (PEM) ...
  --tls-key-file FILE    ... and this key (PEM)
  --finding-info         Also export palisade_finding_info, one series per failing object (capped)
  --finding-info-limit N Cap for palisade_finding_info (default ${DEFAULT_FINDING_INFO_LIMIT})
  --kubelet-ca FILE      Live: verify kubelet serving certificates against this PEM CA bundle instead of
                         the cluster CA (kubeadm/kind kubelets sign their own certificate)
  --kubelet-insecure-tls Live, last resort: do not verify kubelet serving certificates (warns on every
                         scan; /report.json records source.kubeletTls "not-verified"). Both: also
                         palisade.yaml kubelet.caFile / kubelet.insecureSkipTLSVerify; the flags win

Stops on SIGTERM or SIGINT after the running scan (exit 0).`,
  run: (args, io) => {
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    return serve(args, io, stop.signal).finally(() => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    });
  },
};

/** The serve command with an explicit stop signal (tests abort it instead of sending SIGTERM). */
export async function serve(args: string[], io: Io, stop: AbortSignal): Promise<number> {
  const { values } = parseOptions(args, SERVE_OPTIONS);
  const log = (line: string): void => void io.stderr.write(`${line}\n`);
  const schedule = values.schedule;
  if (!validateCronExpression(schedule).valid) throw new UsageError(`--schedule "${schedule}" is not a cron expression`);
  if (values.timezone !== undefined && !isTimeZone(values.timezone)) throw new UsageError(`--timezone "${values.timezone}" is not an IANA time zone`);
  let listen: { host: string; port: number };
  try {
    listen = parseListen(values.listen);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const findingInfoLimit = values['finding-info-limit'] === undefined ? DEFAULT_FINDING_INFO_LIMIT : Number(values['finding-info-limit']);
  if (!Number.isInteger(findingInfoLimit) || findingInfoLimit < 0) throw new UsageError('--finding-info-limit must be a non-negative integer');
  const certFile = values['tls-cert-file'];
  const keyFile = values['tls-key-file'];
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('give both --tls-cert-file and --tls-key-file');

  const config = await loadConfig(values.config, RULES);
  await applySelection(config, values.namespace ?? [], values['exclude-namespace'] ?? [], []);
  const cluster = values.cluster ?? config.clusterName;
  if (cluster !== undefined) config.clusterName = cluster;
  const from = values.from ?? [];
  const kubeletTls = kubeletTlsSource(values, config.kubelet, { live: from.length === 0 && values.snapshot === undefined });
  // Fail at start, not on every scheduled scan, when the kubelet CA cannot be read.
  if (kubeletTls.kubeletCaFile !== undefined) await readKubeletCa(kubeletTls.kubeletCaFile);
  const namespaceScope = from.length === 0 && values.snapshot === undefined ? await liveNamespaceScope(config) : undefined;
  const sourceOpts = {
    ...sourceOptionsOf(values, config.limits),
    ...(cluster !== undefined ? { clusterName: cluster } : {}),
    ...kubeletTls,
    ...(namespaceScope ? { namespaceScope } : {}),
  };
  const scan = async (): Promise<ScanResult> => {
    const startedAt = new Date();
    const snapshot = await acquireSnapshot(sourceOpts, io);
    if (snapshot.objects.length === 0) throw new Error(`no Kubernetes objects found in ${snapshot.source}`);
    const { result } = scanSnapshot(snapshot, { config, rules: await rulesFor(config, snapshot), startedAt });
    recordSelection(result, config, snapshot, [], io);
    // As in `palisade scan`: the framework reports ride along for palisade_framework_compliance_ratio.
    result.frameworks = frameworkReports(result.rules, result.results);
    return result;
  };

  const opts: ExporterOptions = {
    scan,
    metrics: {
      ...(cluster !== undefined ? { cluster } : {}),
      waivers: config.waivers,
      findingInfo: { enabled: values['finding-info'], limit: findingInfoLimit },
    },
    schedule,
    ...(values.timezone !== undefined ? { timezone: values.timezone } : {}),
    host: listen.host,
    port: listen.port,
    log,
  };
  if (certFile !== undefined && keyFile !== undefined) {
    opts.tls = { cert: await readInput(certFile, '--tls-cert-file'), key: await readInput(keyFile, '--tls-key-file') };
  }
  if (values.auth) {
    const kc = new KubeConfig();
    const authKubeconfig = values['auth-kubeconfig'];
    if (authKubeconfig !== undefined) kc.loadFromFile(authKubeconfig);
    else if (process.env['KUBERNETES_SERVICE_HOST']) kc.loadFromCluster();
    else kc.loadFromDefault();
    if (!kc.getCurrentCluster()) throw new InputError('--auth: no cluster to send TokenReview/SubjectAccessReview to (in-cluster or kubeconfig)');
    opts.auth = tokenAuthorizer(kubeReviewClient(kc));
  }

  const exporter = new Exporter(opts);
  let address;
  try {
    address = await exporter.start();
  } catch (err) {
    throw new InputError(`cannot listen on ${values.listen}: ${(err as Error).message}`);
  }
  const scheme = opts.tls ? 'https' : 'http';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  log(
    [
      `palisade serve: listening on ${scheme}://${host}:${address.port} (/metrics /healthz /readyz /report.json)`,
      `  TLS: ${opts.tls ? `on (${certFile})` : 'off'}`,
      `  auth: ${opts.auth ? 'bearer token, TokenReview + SubjectAccessReview (get on the URL path)' : 'off: anyone who can reach this port can read the findings'}`,
      `  schedule: "${schedule}"${values.timezone ? ` (${values.timezone})` : ''}, plus one scan now`,
      `  source: ${values.snapshot ?? (from.length > 0 ? from.join(', ') : `live cluster; kubelet TLS: ${kubeletTlsLine(kubeletTls)}`)}`,
      ...(config.namespaces && (config.namespaces.include.length > 0 || config.namespaces.exclude.length > 0)
        ? [`  namespaces: ${config.namespaces.include.length > 0 ? config.namespaces.include.join(', ') : 'all'}${config.namespaces.exclude.length > 0 ? ` excluding ${config.namespaces.exclude.join(', ')}` : ''}${namespaceScope ? `; live: ${[...namespaceScope.namespaceOnly].sort().join(', ') || 'no kind'} listed in these only` : ''}`]
        : []),
      `  cluster label: ${cluster ?? '(none)'}; finding_info: ${values['finding-info'] ? `on, limit ${findingInfoLimit}` : 'off'}`,
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    if (stop.aborted) resolve();
    else stop.addEventListener('abort', () => resolve(), { once: true });
  });
  log('palisade serve: stopping (waiting for a running scan)');
  await exporter.stop();
  log('palisade serve: stopped');
  return EXIT.ok;
}

function kubeletTlsLine(tls: ReturnType<typeof kubeletTlsSource>): string {
  if (tls.kubeletInsecureTls) return 'NOT VERIFIED (--kubelet-insecure-tls / kubelet.insecureSkipTLSVerify)';
  return tls.kubeletCaFile !== undefined ? `verified against ${tls.kubeletCaFile}` : 'verified against the cluster CA';
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

async function readInput(path: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new InputError(`${flag} ${path}: ${(err as Error).message}`);
  }
}

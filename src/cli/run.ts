import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { defaultConfig, type PalisadeConfig } from '../config/types.js';
import { loadConfigFile, ConfigError } from '../config/load.js';
import { scanSnapshot } from '../engine/scan.js';
import { describeRule } from '../engine/scan.js';
import { loadManifests } from '../inventory/files.js';
import { Snapshot } from '../inventory/snapshot.js';
import { SEVERITIES, severityRank, type Severity } from '../model/result.js';
import { RULES } from '../rules/index.js';
import { renderTable } from '../report/table.js';
import type { ScanResult } from '../report/model.js';
import { VERSION } from '../version.js';

export const EXIT = { ok: 0, findings: 1, usage: 2, incomplete: 3 } as const;

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

const USAGE = `Usage: palisade <command> [options]

Commands:
  scan     Scan manifests (--from), a saved snapshot (--snapshot) or the current cluster
  rules    List the rules
  version  Print the version

scan options:
  --from PATH          File or directory of YAML/JSON manifests ("-" for stdin); repeatable
  --snapshot FILE      A snapshot saved by "palisade snapshot"
  --config FILE        palisade.yaml (rules, tenants, waivers)
  --format FMT         table (default) or json
  --output FILE        Write the report to FILE instead of stdout
  --fail-on SEVERITY   Exit 1 when a failure at or above SEVERITY exists (critical|high|medium|low|info)

Exit codes: 0 done, nothing at/above --fail-on; 1 findings at/above --fail-on;
            2 usage or config error; 3 scan incomplete (unreadable input, forbidden kinds, rule errors).
`;

export class UsageError extends Error {}

/** Runs the CLI and returns the exit code (never exits). */
export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(rest, io);
      case 'rules':
        return rulesCommand(rest, io);
      case 'version':
      case '--version':
        io.stdout.write(`palisade ${VERSION}\n`);
        return EXIT.ok;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`palisade: ${err.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (err instanceof ConfigError) {
      io.stderr.write(`palisade: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

function parse(args: string[], options: NonNullable<Parameters<typeof parseArgs>[0]>['options']) {
  try {
    return parseArgs({ args, options: options ?? {}, allowPositionals: false, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function loadConfig(path: string | undefined): Promise<PalisadeConfig> {
  return path ? loadConfigFile(path) : defaultConfig();
}

async function scanCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    from: { type: 'string', multiple: true },
    snapshot: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string', default: 'table' },
    output: { type: 'string' },
    'fail-on': { type: 'string' },
  });
  const format = String(values.format);
  if (!['table', 'json'].includes(format)) throw new UsageError(`--format must be table or json, not "${format}"`);
  const failOn = values['fail-on'] as string | undefined;
  if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, not "${failOn}"`);
  }
  const from = (values.from as string[] | undefined) ?? [];
  if (from.length === 0 && !values.snapshot) {
    throw new UsageError('live scanning is not available yet: give --from PATH or --snapshot FILE');
  }
  const config = await loadConfig(values.config as string | undefined);
  const loaded = await loadManifests(from);
  for (const e of loaded.errors) io.stderr.write(`palisade: ${e.message}\n`);
  if (loaded.objects.length === 0) {
    io.stderr.write(`palisade: no Kubernetes objects found in ${from.join(', ')}; nothing to scan\n`);
    return EXIT.incomplete;
  }
  const snapshot = new Snapshot({
    objects: loaded.objects,
    locations: loaded.locations,
    errors: loaded.errors,
    source: from.join(','),
    mode: 'offline',
  });
  const { result } = scanSnapshot(snapshot, { config, rules: RULES });
  const text = format === 'json' ? JSON.stringify(result, null, 2) + '\n' : renderTable(result, { color: !values.output && io.stdout.isTTY === true });
  if (values.output) await writeFile(String(values.output), text);
  else io.stdout.write(text);
  return exitCode(result, failOn as Severity | undefined);
}

/** Findings at/above --fail-on win over "incomplete": a CI gate must see them. */
export function exitCode(result: ScanResult, failOn: Severity | undefined): number {
  if (failOn && result.results.some((r) => r.status === 'fail' && severityRank(r.severity) >= severityRank(failOn))) {
    return EXIT.findings;
  }
  return result.incomplete ? EXIT.incomplete : EXIT.ok;
}

function rulesCommand(args: string[], io: Io): number {
  const { values } = parse(args, { format: { type: 'string', default: 'table' } });
  const list = RULES.map((r) => describeRule(r));
  if (values.format === 'json') {
    io.stdout.write(JSON.stringify(list, null, 2) + '\n');
    return EXIT.ok;
  }
  if (values.format !== 'table') throw new UsageError(`--format must be table or json`);
  const width = Math.max(...list.map((r) => r.id.length));
  for (const r of list) {
    const refs = r.references.map((x) => `${x.framework} ${x.id}`).join(', ');
    io.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.title}${refs ? `  [${refs}]` : ''}\n`);
  }
  return EXIT.ok;
}

/**
 * `npm run cluster:up`: builds (if stale) and starts the test kube-apiserver in the background for
 * trying live mode by hand. Writes .cache/cluster/info.json; stop it with `npm run cluster:down`.
 */
import { openSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { BINARY, REPO_ROOT, ensureApiserverBinary } from './build.ts';

export const CLUSTER_DIR = join(REPO_ROOT, '.cache', 'cluster');
export const INFO_FILE = join(CLUSTER_DIR, 'info.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  try {
    const old = JSON.parse(await readFile(INFO_FILE, 'utf8')) as { pid: number; kubeconfig: string };
    if (alive(old.pid)) {
      process.stdout.write(`already running (pid ${old.pid}); KUBECONFIG=${old.kubeconfig}\n`);
      return;
    }
  } catch {
    // no previous cluster
  }
  await ensureApiserverBinary();
  const dir = join(CLUSTER_DIR, 'data');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const logFile = join(CLUSTER_DIR, 'apiserver.log');
  const out = openSync(logFile, 'w');
  // Detached, stdin not watched (-stdin-guard=false): it outlives this script until cluster:down.
  const child = spawn(BINARY, ['-dir', dir, '-stdin-guard=false', '-users', 'alice:tenant-a;bob:tenant-b'], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    const log = await readFile(logFile, 'utf8');
    const line = log.split('\n').find((l) => l.startsWith('READY '));
    if (line) {
      const info: Record<string, unknown> = { ...(JSON.parse(line.slice(6)) as Record<string, unknown>), dir, log: logFile };
      await writeFile(INFO_FILE, `${JSON.stringify(info, null, 2)}\n`);
      process.stdout.write(
        [
          `kube-apiserver ready at ${String(info['server'])} (pid ${String(info['pid'])}, ${String(info['startupMs'])} ms)`,
          `  export KUBECONFIG=${String(info['kubeconfig'])}`,
          `  npx palisade scan            # live scan as cluster-admin`,
          `  info: ${INFO_FILE}   log: ${logFile}`,
          `  stop: npm run cluster:down`,
        ].join('\n') + '\n',
      );
      return;
    }
    if (child.exitCode !== null) break;
    await sleep(250);
  }
  process.stderr.write(`kube-apiserver did not become ready; see ${logFile}\n`);
  process.exitCode = 1;
}

await main();

/** `npm run cluster:down`: stops the kube-apiserver started by `cluster:up` and removes its data. */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from './build.ts';

const CLUSTER_DIR = join(REPO_ROOT, '.cache', 'cluster');
const INFO_FILE = join(CLUSTER_DIR, 'info.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let pid: number;
try {
  pid = (JSON.parse(await readFile(INFO_FILE, 'utf8')) as { pid: number }).pid;
} catch {
  process.stdout.write('no cluster running (no .cache/cluster/info.json)\n');
  process.exit(0);
}
if (alive(pid)) {
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 80 && alive(pid); i++) await sleep(250);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}
await rm(CLUSTER_DIR, { recursive: true, force: true });
process.stdout.write(`stopped kube-apiserver (pid ${pid})\n`);

/**
 * Starts the real kube-apiserver (+ embedded etcd) built by build.ts and waits for its READY line.
 * Node 24 native TS; imported by the vitest global setup and by the cluster:up script.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa, type ResultPromise } from 'execa';
import { BINARY } from './build.ts';

/** What the binary prints after `READY `. */
export interface ClusterInfo {
  server: string;
  /** Admin kubeconfig (client certificate in system:masters). */
  kubeconfig: string;
  /** Extra client-certificate users: name → kubeconfig path. */
  users: Record<string, string>;
  ca: string;
  etcd: string;
  pid: number;
  startupMs: number;
  /** Work directory (PKI, etcd data, kubeconfigs). */
  dir: string;
}

export interface StartOptions {
  /** `{alice: ['grp1','grp2']}` → a client-cert kubeconfig per user. */
  users?: Record<string, readonly string[]>;
  /** Extra kube-apiserver flags. */
  extraArgs?: readonly string[];
  /** Work directory; a fresh temp directory when omitted (removed on stop). */
  dir?: string;
  binary?: string;
  readyTimeoutMs?: number;
  /** Called with every stderr line (default: kept in a ring buffer only). */
  onStderr?: (line: string) => void;
}

export interface RunningCluster extends ClusterInfo {
  /** SIGTERM, then wait for the exit (SIGKILL after 20 s). Idempotent. */
  stop(): Promise<void>;
}

const STDERR_TAIL = 60;

export function usersFlag(users: Record<string, readonly string[]> | undefined): string {
  return Object.entries(users ?? {})
    .map(([name, groups]) => `${name}:${groups.join(',')}`)
    .join(';');
}

export async function startCluster(opts: StartOptions = {}): Promise<RunningCluster> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'palisade-apiserver-')));
  const args = ['-dir', dir];
  const users = usersFlag(opts.users);
  if (users) args.push('-users', users);
  if (opts.extraArgs?.length) args.push('--', ...opts.extraArgs);

  const child: ResultPromise = execa(opts.binary ?? BINARY, args, {
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
  });
  const tail: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    tail.push(line);
    if (tail.length > STDERR_TAIL) tail.shift();
    opts.onStderr?.(line);
  });

  let exited = false;
  const exit = child.then((r) => {
    exited = true;
    return r;
  });

  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(killer);
    }
    if (ownDir) await rm(dir, { recursive: true, force: true });
  };

  const timeoutMs = opts.readyTimeoutMs ?? 120_000;
  const describeFailure = (why: string): Error =>
    new Error(`palisade-test-apiserver ${why}\n--- last stderr lines ---\n${tail.join('\n') || '(none)'}`);

  const info = await new Promise<ClusterInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(describeFailure(`did not print READY within ${timeoutMs / 1000} s`)), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      try {
        resolve({ ...(JSON.parse(line.slice('READY '.length)) as Omit<ClusterInfo, 'dir'>), dir });
      } catch (err) {
        reject(describeFailure(`printed an unreadable READY line: ${(err as Error).message}`));
      }
    });
    void exit.then((r) => {
      clearTimeout(timer);
      reject(describeFailure(`exited (code ${String(r.exitCode)}, signal ${String(r.signal)}) before it was ready`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });

  return { ...info, stop };
}

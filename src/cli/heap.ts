/**
 * V8's young generation, sized for the command before any work starts.
 *
 * On a machine with several GiB of memory V8 lets each semi-space of the young generation grow to
 * 64 MiB: 128 MiB of RSS that a scan pays whatever the cluster size (half the peak of an 11k-object
 * scan), for garbage that a 16 MiB semi-space collects as well, and in less CPU
 * (benchmarks/README.md, "Fixed costs"). The size can only be set when V8 starts, so main.ts
 * replaces the process with itself plus the flag (execve: same PID, same stdio, no child).
 *
 * The same restart fixes glibc's mmap threshold. glibc raises it each time a large block is freed,
 * so after the first few page bodies every later one comes from the main heap, which it seldom gives
 * back: about 50 MiB of a 100k-object live scan's peak RSS was freed memory (benchmarks/README.md,
 * "Live scan"). Environment variables are read by glibc at start-up only; other C libraries ignore them.
 * No imports: main.ts runs it before anything is loaded.
 */

/** Semi-space size in MiB. */
export const SEMI_SPACE_MB = 16;

/** Commands that read a cluster, a snapshot or a result: the ones whose memory follows the input. */
const HEAVY_COMMANDS = new Set(['scan', 'report', 'serve', 'snapshot']);

/** glibc malloc settings for the heavy commands: blocks of 128 KiB and more are mapped and unmapped. */
export const MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };

/** What to restart `palisade ARGS` with: V8 flags to add and environment variables to set. */
export interface Restart {
  flags: string[];
  env: Record<string, string>;
}

/**
 * The restart a heavy command needs, when its settings are not already in force; undefined when
 * the process can run as it is (a light command, or every setting present or chosen by the user).
 */
export function restartFor(args: readonly string[], execArgv: readonly string[], env: Readonly<Record<string, string | undefined>>, platform: string): Restart | undefined {
  if (!HEAVY_COMMANDS.has(args[0] ?? '')) return undefined;
  // Node accepts `_` for `-` in V8 flags; --min-/--max-semi-space-size both mean a choice was made.
  const chosen = [...execArgv, ...(env['NODE_OPTIONS'] ?? '').split(/\s+/)].some((a) => /^--(max-|min-)?semi-space-size\b/.test(a.replace(/_/g, '-')));
  const flags = chosen ? [] : [`--max-semi-space-size=${SEMI_SPACE_MB}`];
  // A value the user set wins; the variables mean something only to glibc, hence Linux only.
  const missing = platform === 'linux' ? Object.entries(MALLOC_ENV).filter(([k]) => env[k] === undefined) : [];
  if (flags.length === 0 && missing.length === 0) return undefined;
  return { flags, env: Object.fromEntries(missing) };
}

/**
 * V8's young generation, sized for the command before any work starts.
 *
 * On a machine with several GiB of memory V8 lets each semi-space of the young generation grow to
 * 64 MiB: 128 MiB of RSS that a scan pays whatever the cluster size (half the peak of an 11k-object
 * scan), for garbage that a 16 MiB semi-space collects as well, and in less CPU
 * (benchmarks/README.md, "Fixed costs"). The size can only be set when V8 starts, so main.ts
 * replaces the process with itself plus the flag (execve: same PID, same stdio, no child).
 * No imports: main.ts runs it before anything is loaded.
 */

/** Semi-space size in MiB. */
export const SEMI_SPACE_MB = 16;

/** Commands that read a cluster, a snapshot or a result: the ones whose memory follows the input. */
const HEAVY_COMMANDS = new Set(['scan', 'report', 'serve', 'snapshot']);

/**
 * The V8 flags to start `palisade ARGS` with, when they are not already in force; undefined when
 * the process can run as it is (a light command, or the user chose a young-generation size).
 */
export function heapFlagsFor(args: readonly string[], execArgv: readonly string[], nodeOptions: string | undefined): string[] | undefined {
  if (!HEAVY_COMMANDS.has(args[0] ?? '')) return undefined;
  // Node accepts `_` for `-` in V8 flags; --min-/--max-semi-space-size both mean a choice was made.
  const chosen = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((a) => /^--(max-|min-)?semi-space-size\b/.test(a.replace(/_/g, '-')));
  return chosen ? undefined : [`--max-semi-space-size=${SEMI_SPACE_MB}`];
}

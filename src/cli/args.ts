import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing; node:util errors become usage errors (exit 2). */
export function parseOptions<O extends OptionSpec>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** `--format a,b --format c` → [a, b, c]. */
export function splitList(values: readonly string[] | string | undefined): string[] {
  const list = values === undefined ? [] : typeof values === 'string' ? [values] : values;
  return list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

const SIZE_UNITS: Record<string, number> = { '': 1, K: 1e3, M: 1e6, G: 1e9, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };

/** `--max-object-size 3Mi` → 3145728: bytes, with Kubernetes quantity suffixes (K, M, G, Ki, Mi, Gi). */
export function parseSize(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(K|M|G|Ki|Mi|Gi)?$/.exec(value.trim());
  const bytes = m ? Math.floor(Number(m[1]) * SIZE_UNITS[m[2] ?? '']!) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1024) throw new UsageError(`${flag} must be a size of at least 1Ki, such as 1572864, 3Mi or 1Gi (got "${value}")`);
  return bytes;
}

/** Like `parseOptions`, with positional arguments (e.g. `explain RULE`). */
export function parseWithPositionals<O extends OptionSpec>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

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

/** Like `parseOptions`, with positional arguments (e.g. `explain RULE`). */
export function parseWithPositionals<O extends OptionSpec>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * Prerequisites of integration tests (a binary, an apt package, a built harness).
 *
 * Under `CI=true` a missing prerequisite is a failure: `requirePrereq` throws, so the test
 * (or the describe block's collection) fails instead of silently skipping. Outside CI it prints a
 * loud warning and returns false so the caller can skip:
 *
 * ```ts
 * const hasProm = requirePrereq('prometheus', () => whichSync('prometheus'));
 * describe.skipIf(!hasProm)('metrics scraped by a real Prometheus', () => { ... });
 * ```
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A check returns true when present, or a string/false explaining what is missing. */
export type PrereqCheck = () => boolean | string;

export function isCI(): boolean {
  const v = process.env['CI'];
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export class MissingPrerequisiteError extends Error {
  constructor(
    readonly prerequisite: string,
    readonly detail: string,
  ) {
    super(`missing prerequisite "${prerequisite}": ${detail} (CI=true: integration tests must not skip)`);
    this.name = 'MissingPrerequisiteError';
  }
}

/** True when the prerequisite is there; under CI throws when it is not; otherwise warns loudly and returns false. */
export function requirePrereq(name: string, check: PrereqCheck): boolean {
  let outcome: boolean | string;
  try {
    outcome = check();
  } catch (err) {
    outcome = `check failed: ${(err as Error).message}`;
  }
  if (outcome === true) return true;
  const detail = typeof outcome === 'string' ? outcome : 'not found';
  if (isCI()) throw new MissingPrerequisiteError(name, detail);
  const bar = '!'.repeat(78);
  process.stderr.write(
    [
      '',
      bar,
      `!! SKIPPING tests that need "${name}": ${detail}`,
      '!! These tests are NOT running. Under CI=true this is a failure.',
      '!! Install the prerequisite (see .ci/run) to run them locally.',
      bar,
      '',
    ].join('\n') + '\n',
  );
  return false;
}

/** Absolute path of an executable found on PATH, or undefined. */
export function which(command: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const full = join(dir, command);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** A PrereqCheck for an executable on PATH (any of the names). */
export function onPath(...commands: string[]): PrereqCheck {
  return () => commands.some((c) => which(c) !== undefined) || `none of ${commands.join(', ')} is on PATH`;
}

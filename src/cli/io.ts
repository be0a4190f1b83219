/** What a command writes to; tests pass captured streams, main.ts passes the process's. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Environment (NO_COLOR, KUBECONFIG...); defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/** Exit codes: documented in docs/cli.md. */
export const EXIT = { ok: 0, findings: 1, usage: 2, incomplete: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad command line; the dispatcher prints it with the command's usage and returns 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A problem with an input the user named (missing path, corrupt snapshot); exit 2, no usage text. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Nothing could be scanned for a reason outside the user's input (API server unreachable); exit 3. */
export class IncompleteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncompleteError';
  }
}

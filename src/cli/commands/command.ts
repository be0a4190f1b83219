import type { Io } from '../io.js';

/**
 * One CLI command. Add a command by writing `src/cli/commands/<name>.ts` that exports a
 * `Command` and adding an entry (name, summary, lazy `load`) to `commands/index.ts`.
 */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Synopsis and option lines, shown by `palisade <name> --help` and on usage errors. */
  usage: string;
  /** Returns the exit code; throws UsageError / ConfigError / InputError for exit 2. */
  run(args: string[], io: Io): Promise<number>;
}

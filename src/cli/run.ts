import { ConfigError } from '../config/errors.js';
import { SnapshotFileError } from '../inventory/snapshot-file.js';
import { COMMANDS, commandByName } from './commands/index.js';
import type { Command } from './commands/command.js';
import { EXIT, IncompleteError, InputError, UsageError, type Io } from './io.js';
import { PIPE_CLOSED_EXIT, PipeClosedError } from './output.js';
import { terminalSafeStream } from './terminal.js';
import { didYouMean } from './suggest.js';

export { EXIT, UsageError, InputError, IncompleteError, type Io } from './io.js';

const EXIT_CODES = `Exit codes: 0 done, nothing at/above --fail-on; 1 findings at/above --fail-on;
            2 usage, config or input error; 3 scan incomplete (unreadable input, forbidden kinds, rule errors);
            4 --pushgateway push failed. Details: docs/cli.md`;

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: palisade <command> [options]\n\nCommands:\n${list}\n\nRun "palisade <command> --help" for its options.\n\n${EXIT_CODES}\n`;
}

/**
 * A usage error in one line plus a hint, not the whole help; an unknown option gets the closest
 * of the command's options (read from its usage text) as a suggestion.
 */
export function usageErrorText(c: Command, message: string): string {
  const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
  const first = unknown !== undefined ? `unknown option ${unknown}${didYouMean(unknown, optionsOf(c))}` : message;
  return `palisade ${c.name}: ${first}\nRun "palisade ${c.name} --help" for its options.\n`;
}

function optionsOf(c: Command): string[] {
  return [...new Set(c.usage.match(/--[a-z][a-z0-9-]*/g) ?? [])];
}

function commandUsage(c: Command): string {
  return `Usage: ${c.usage}\n\n${EXIT_CODES}\n`;
}

/**
 * Runs the CLI and returns the exit code (never exits: only main.ts touches the process).
 * Everything written to stderr passes through terminalSafe (input text never drives the terminal).
 */
export async function run(argv: string[], given: Io): Promise<number> {
  const io: Io = { ...given, stderr: terminalSafeStream(given.stderr) };
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(usage());
    return EXIT.usage;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const entry = rest[0] !== undefined ? commandByName(rest[0]) : undefined;
    io.stdout.write(entry ? commandUsage(await entry.load()) : usage());
    return EXIT.ok;
  }
  const entry = commandByName(name === '--version' ? 'version' : name);
  if (!entry) {
    io.stderr.write(`palisade: unknown command "${name}"${didYouMean(name, COMMANDS.map((c) => c.name))}\nRun "palisade help" for the commands.\n`);
    return EXIT.usage;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandUsage(command));
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    // The reader of stdout went away (`| head`): stop quietly, as other tools do on SIGPIPE.
    if (err instanceof PipeClosedError) return PIPE_CLOSED_EXIT;
    if (err instanceof UsageError) {
      io.stderr.write(usageErrorText(command, err.message));
      return EXIT.usage;
    }
    if (err instanceof ConfigError || err instanceof InputError || err instanceof SnapshotFileError) {
      io.stderr.write(`palisade ${command.name}: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof IncompleteError) {
      io.stderr.write(`palisade ${command.name}: ${err.message}\n`);
      return EXIT.incomplete;
    }
    throw err;
  }
}

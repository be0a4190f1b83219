/** The command registry: one module per command under src/cli/commands/. */
import type { Command } from './command.js';
import { rulesCommand } from './rules.js';
import { scanCommand } from './scan.js';
import { serveCommand } from './serve.js';
import { snapshotCommand } from './snapshot.js';
import { versionCommand } from './version.js';

export const COMMANDS: readonly Command[] = [scanCommand, serveCommand, snapshotCommand, rulesCommand, versionCommand];

export function commandByName(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

import { VERSION } from '../../version.js';
import { parseOptions } from '../args.js';
import { EXIT, type Io } from '../io.js';
import type { Command } from './command.js';

export const versionCommand: Command = {
  name: 'version',
  summary: 'Print the version',
  usage: 'palisade version',
  async run(args: string[], io: Io): Promise<number> {
    parseOptions(args, {});
    io.stdout.write(`palisade ${VERSION}\n`);
    return EXIT.ok;
  },
};

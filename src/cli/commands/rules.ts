import { describeRule } from '../../engine/scan.js';
import { RULES } from '../../rules/index.js';
import { parseOptions } from '../args.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from './command.js';

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'List the rules',
  usage: `palisade rules [--format table|json]

  --format table|json  json: [{id, title, severity, family, category, references, description, remediation}]`,
  async run(args: string[], io: Io): Promise<number> {
    const { values } = parseOptions(args, { format: { type: 'string', default: 'table' } });
    const list = RULES.map((r) => describeRule(r)).sort((a, b) => a.id.localeCompare(b.id));
    if (values.format === 'json') {
      io.stdout.write(JSON.stringify(list, null, 2) + '\n');
      return EXIT.ok;
    }
    if (values.format !== 'table') throw new UsageError(`--format must be table or json, not "${values.format}"`);
    const width = Math.max(...list.map((r) => r.id.length));
    for (const r of list) {
      const refs = r.references.map((x) => `${x.framework} ${x.id}`).join(', ');
      io.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.title}${refs ? `  [${refs}]` : ''}\n`);
    }
    io.stdout.write(`\n${list.length} rules\n`);
    return EXIT.ok;
  },
};

import { describeRule } from '../../engine/scan.js';
import { RULES } from '../../rules/index.js';
import { rulesFor } from '../../engine/rules-for.js';
import { loadConfig } from '../config.js';
import { parseOptions } from '../args.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from './command.js';

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'List the rules',
  usage: `palisade rules [--config palisade.yaml] [--format table|json]

  --config FILE        also list the file's customRules (vap/<name> rules come from the scanned cluster's policies)
  --format table|json  json: [{id, title, severity, family, category, references, description, remediation}]`,
  async run(args: string[], io: Io): Promise<number> {
    const { values } = parseOptions(args, { format: { type: 'string', default: 'table' }, config: { type: 'string' } });
    const config = await loadConfig(values.config, RULES);
    const list = rulesFor(config).map((r) => describeRule(r)).sort((a, b) => a.id.localeCompare(b.id));
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

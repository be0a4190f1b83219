import { parseWithPositionals } from '../args.js';
import { UsageError, type Io } from '../io.js';
import type { Command } from './command.js';
import { explainRule } from './rules.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain a rule: why it matters, how to fix it, what it reads, examples',
  usage: `palisade explain RULE [--config palisade.yaml]

  RULE           a rule ID, e.g. pss/privileged ("palisade rules" lists them)
  --config FILE  needed to explain the file's customRules (custom/<name>)`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseWithPositionals(args, { config: { type: 'string' } });
    const [id, ...extra] = positionals;
    if (id === undefined) throw new UsageError('which rule? e.g. palisade explain pss/privileged');
    if (extra.length > 0) throw new UsageError(`one rule at a time, not ${positionals.length}`);
    return explainRule(id, values.config, io);
  },
};

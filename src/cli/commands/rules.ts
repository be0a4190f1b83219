import { refsText } from '../../report/common.js';
import { describeRule } from '../../engine/scan.js';
import { RULES } from '../../rules/index.js';
import { rulesFor } from '../../engine/rules-for.js';
import { explainText } from '../../engine/rule-docs.js';
import type { Rule } from '../../engine/rule.js';
import type { PalisadeConfig } from '../../config/types.js';
import { loadConfig } from '../config.js';
import { parseWithPositionals } from '../args.js';
import { EXIT, InputError, UsageError, type Io } from '../io.js';
import { didYouMean } from '../suggest.js';
import type { Command } from './command.js';

/** The rule with this ID among the built-in and the config's custom rules; an input error with a suggestion otherwise. */
export async function findRule(id: string, config: PalisadeConfig): Promise<Rule> {
  const rules = await rulesFor(config);
  const rule = rules.find((r) => r.meta.id === id);
  if (rule) return rule;
  const hint = id.startsWith('vap/')
    ? ' (vap/<name> rules come from the ValidatingAdmissionPolicies of the scanned cluster; they are explained in its scan result)'
    : id.startsWith('custom/')
      ? ' (custom rules come from the config: pass --config FILE)'
      : didYouMean(id, rules.map((r) => r.meta.id));
  throw new InputError(`no rule "${id}"${hint}; "palisade rules" lists them`);
}

/** `palisade explain RULE` / `palisade rules RULE`: the rule's page on stdout. */
export async function explainRule(id: string, configPath: string | undefined, io: Io): Promise<number> {
  const config = await loadConfig(configPath, RULES);
  const rule = await findRule(id, config);
  io.stdout.write(explainText(rule, config.rules.severity[rule.meta.id] ?? rule.meta.severity));
  return EXIT.ok;
}

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'List the rules, or explain one (palisade rules RULE)',
  usage: `palisade rules [RULE] [--config palisade.yaml] [--format table|json]

  RULE                 explain this rule (the same as "palisade explain RULE")
  --config FILE        also list the file's customRules (vap/<name> rules come from the scanned cluster's policies)
  --format table|json  json: [{id, title, severity, family, category, references, description, remediation}]`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseWithPositionals(args, { format: { type: 'string', default: 'table' }, config: { type: 'string' } });
    if (positionals.length > 1) throw new UsageError(`one rule at a time, not ${positionals.length}`);
    if (positionals[0] !== undefined) return explainRule(positionals[0], values.config, io);
    const config = await loadConfig(values.config, RULES);
    const list = (await rulesFor(config)).map((r) => describeRule(r)).sort((a, b) => a.id.localeCompare(b.id));
    if (values.format === 'json') {
      io.stdout.write(JSON.stringify(list, null, 2) + '\n');
      return EXIT.ok;
    }
    if (values.format !== 'table') throw new UsageError(`--format must be table or json, not "${values.format}"`);
    const width = Math.max(...list.map((r) => r.id.length));
    for (const r of list) {
      const refs = refsText(r.references);
      io.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.title}${refs ? `  [${refs}]` : ''}\n`);
    }
    io.stdout.write(`\n${list.length} rules; "palisade explain RULE" explains one\n`);
    return EXIT.ok;
  },
};

import { defaultConfig, type PalisadeConfig } from '../config/types.js';
import { loadConfigFile } from '../config/load.js';
import type { Rule } from '../engine/rule.js';

/** The config for a command: the file when given (rule IDs checked against `rules`), else the defaults. */
export async function loadConfig(path: string | undefined, rules: readonly Rule[]): Promise<PalisadeConfig> {
  return path ? loadConfigFile(path, { ruleIds: rules.map((r) => r.meta.id) }) : defaultConfig();
}

import { defaultConfig, type PalisadeConfig } from '../config/types.js';
import type { Rule } from '../engine/rule.js';

/** The config for a command: the file when given (rule IDs checked against `rules`), else the defaults. */
export async function loadConfig(path: string | undefined, rules: readonly Rule[]): Promise<PalisadeConfig> {
  if (!path) return defaultConfig();
  // The schema validator (ajv) and the YAML document parser are loaded only for a config file.
  const { loadConfigFile } = await import('../config/load.js');
  return loadConfigFile(path, { ruleIds: rules.map((r) => r.meta.id) });
}

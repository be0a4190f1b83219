import { defaultConfig, type PalisadeConfig } from '../config/types.js';
import { loadConfigFile } from '../config/load.js';
import type { Rule } from '../engine/rule.js';

/** The config for a command: the file when given (validated against the rules), else the defaults. */
export async function loadConfig(path: string | undefined, _rules: readonly Rule[]): Promise<PalisadeConfig> {
  return path ? loadConfigFile(path) : defaultConfig();
}

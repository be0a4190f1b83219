import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { defaultConfig, type PalisadeConfig } from './types.js';

/** A config problem the user must fix; the CLI prints it and exits 2. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates palisade.yaml, merged over the embedded defaults. */
export async function loadConfigFile(path: string): Promise<PalisadeConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, path);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new ConfigError(`config ${path} is not valid YAML: ${(err as Error).message}`, path);
  }
  return mergeConfig(defaultConfig(), raw ?? {});
}

/** Shallow-by-section merge of a user config over the defaults (validation lives in schema.ts). */
export function mergeConfig(base: PalisadeConfig, user: unknown): PalisadeConfig {
  const u = (user ?? {}) as Partial<PalisadeConfig>;
  return {
    ...base,
    ...u,
    rules: { ...base.rules, ...(u.rules ?? {}) },
    tenancy: { ...base.tenancy, ...(u.tenancy ?? {}) },
    waivers: u.waivers ?? base.waivers,
  };
}

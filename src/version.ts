import { readFileSync } from 'node:fs';

/** The scanner's own version, from package.json (works from src/ under vitest and from dist/). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const SCANNER_NAME = 'palisade';

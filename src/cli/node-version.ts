/**
 * The Node.js version check, imported by main.ts before anything else: on an older Node the CLI
 * says so in one line instead of failing deep inside a dependency (undici needs Node 24 APIs).
 * No imports, so it loads on any Node version.
 */

/** package.json `engines.node`: >=24. */
export const MIN_NODE_MAJOR = 24;

/** The one-line problem with this Node.js version (`v20.11.1`), or undefined when it is recent enough. */
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (Number.isFinite(major) && major >= MIN_NODE_MAJOR) return undefined;
  return `Node.js ${MIN_NODE_MAJOR} or later is required; this is Node.js ${version} (install Node.js ${MIN_NODE_MAJOR}, or run the container image)`;
}

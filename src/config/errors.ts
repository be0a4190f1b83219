/** A config problem the user must fix; the CLI prints it and exits 2. Kept apart from load.ts so the CLI can catch it without loading ajv. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    /** One line per problem, each naming the key and the fix. */
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * An error the command line reports as one line, with no stack trace: bad arguments (exit 2) or a
 * failure the user can act on (exit 1).
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

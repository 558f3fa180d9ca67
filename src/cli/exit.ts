/** Exit codes scripts can rely on (documented in README.md). */
export const EXIT = {
  /** everything read and processed */
  OK: 0,
  /** some inputs were rejected; the rest were processed */
  SOME_REJECTED: 1,
  /** bad command line */
  USAGE: 2,
  /** nothing readable, or a fatal error (database cannot be opened, ...) */
  FATAL: 3,
  /** stopped by Ctrl-C (SIGINT); what was stored stays */
  INTERRUPTED: 130,
} as const;

/** An error that ends the command with a message and an exit code (no stack trace). */
export class CliError extends Error {
  constructor(message: string, readonly code: number = EXIT.FATAL) {
    super(message);
  }
}

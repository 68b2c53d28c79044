/**
 * Exit codes are part of the CLI's contract with scripts (docs/cli.md lists
 * them): each class of failure has its own code so a script can tell "fix the
 * command line" from "fix the key" from "it is not there".
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  conflict: 5,
  invalid: 6,
  unreachable: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  failure (server error, unexpected response, local file error)
  2  usage error (unknown command or option, missing or bad argument)
  3  authentication (no API key, key not valid, or not allowed)
  4  not found (project, key, dataset, run)
  5  conflict (name taken, a key revoking itself)
  6  invalid input refused by the server (bad filter, bad file content)
  7  server unreachable (wrong --server / HH_API_URL, or it is not running)`;

/** A failure the CLI reports as `honeyhive: CODE: message` (+ hint) and exits with `exit`. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exit: ExitCode,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A command line that does not parse; the command's usage is printed with it. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super("HH_E_USAGE", message, EXIT.usage, "Run with --help for the options.");
    this.name = "UsageError";
  }
}

/** The exit code of an HTTP error from the server. */
export function exitForStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 409) return EXIT.conflict;
  if (status === 400 || status === 413 || status === 422) return EXIT.invalid;
  return EXIT.failure;
}

/** Any thrown value as a CliError, so bin.ts reports everything the same way. */
export function toCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "HH_E_FAILED";
  const message = typeof e?.message === "string" ? e.message : String(err);
  if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") {
    return new CliError(code, message, EXIT.failure, "Check the file path and its permissions.");
  }
  return new CliError(code, message, EXIT.failure);
}

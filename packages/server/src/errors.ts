/**
 * One error class for everything the server refuses. `code` is stable (clients
 * and tests match on it), `message` says what was wrong, `hint` what to do.
 * The HTTP layer maps every error to `{error: {code, message, hint}}` in one place.
 */
export class HoneyHiveError extends Error {
  readonly code: string;
  readonly status: number;
  readonly hint: string;
  readonly field?: string;

  constructor(
    code: string,
    status: number,
    message: string,
    hint: string,
    options?: { cause?: unknown; field?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HoneyHiveError";
    this.code = code;
    this.status = status;
    this.hint = hint;
    if (options?.field !== undefined) this.field = options.field;
  }

  toJSON(): { error: { code: string; message: string; hint: string; field?: string } } {
    const body: { code: string; message: string; hint: string; field?: string } = {
      code: this.code,
      message: this.message,
      hint: this.hint,
    };
    if (this.field !== undefined) body.field = this.field;
    return { error: body };
  }
}

export const notFound = (what: string, id: string): HoneyHiveError =>
  new HoneyHiveError(
    "HH_E_NOT_FOUND",
    404,
    `${what} '${id}' was not found in this project`,
    "Check the id, and that the API key belongs to the project that owns it.",
  );

export const conflict = (message: string, hint: string): HoneyHiveError =>
  new HoneyHiveError("HH_E_CONFLICT", 409, message, hint);

/**
 * Typed errors of the API client. Every error carries a stable `code` (the
 * server's, e.g. HH_E_NOT_FOUND, or the client's own for failures that never
 * reached the server), the HTTP `status` (0 when there was no response), the
 * server's `requestId` (x-request-id) for support, and a `hint` that says
 * what to do. Messages are built from the request's method, path and the
 * server's answer, never from headers, so the API key cannot leak into them.
 */

export type ApiErrorKind =
  | "auth"
  | "forbidden"
  | "not_found"
  | "validation"
  | "conflict"
  | "rate_limited"
  | "server"
  | "http"
  | "network"
  | "timeout"
  | "circuit_open"
  | "config";

export interface ApiErrorInit {
  kind: ApiErrorKind;
  code: string;
  status: number;
  message: string;
  hint: string;
  requestId?: string | undefined;
  field?: string | undefined;
  method?: string | undefined;
  /** The URL without its query string. */
  url?: string | undefined;
  attempts?: number | undefined;
  cause?: unknown;
}

export class HoneyHiveApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly code: string;
  readonly status: number;
  readonly hint: string;
  readonly requestId: string | undefined;
  readonly field: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  /** Requests sent before giving up (1 when it was not retried). */
  readonly attempts: number;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.kind = init.kind;
    this.code = init.code;
    this.status = init.status;
    this.hint = init.hint;
    this.requestId = init.requestId;
    this.field = init.field;
    this.method = init.method;
    this.url = init.url;
    this.attempts = init.attempts ?? 1;
  }

  override toString(): string {
    const id = this.requestId ? ` (request ${this.requestId})` : "";
    return `${this.name} [${this.code}${this.status ? ` ${this.status}` : ""}]: ${this.message}${id}. ${this.hint}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      code: this.code,
      status: this.status,
      message: this.message,
      hint: this.hint,
      requestId: this.requestId,
      field: this.field,
      method: this.method,
      url: this.url,
      attempts: this.attempts,
    };
  }
}

/** 401: no key, or a key the server does not know. */
export class AuthenticationError extends HoneyHiveApiError {}
/** 403: the key is valid but may not do this (e.g. an admin-only call). */
export class PermissionError extends HoneyHiveApiError {}
/** 404: the id (named in the message) does not exist in the key's project. */
export class NotFoundError extends HoneyHiveApiError {}
/** 400 / 422: the request was invalid; `field` names the culprit when the server said. */
export class ValidationError extends HoneyHiveApiError {}
/** 409: a conflict (duplicate name, an idempotent request still running, ...). */
export class ConflictError extends HoneyHiveApiError {}
/** 429 after the retries. */
export class RateLimitError extends HoneyHiveApiError {}
/** 5xx after the retries. */
export class ServerError extends HoneyHiveApiError {}
/** No response: connection refused, reset, DNS, ... */
export class NetworkError extends HoneyHiveApiError {}
/** A timeout (the message names which one). */
export class TimeoutError extends HoneyHiveApiError {}
/** The circuit breaker is open: the call failed fast without contacting the server. */
export class CircuitOpenError extends HoneyHiveApiError {}

const CLASSES: Record<ApiErrorKind, new (init: ApiErrorInit) => HoneyHiveApiError> = {
  auth: AuthenticationError,
  forbidden: PermissionError,
  not_found: NotFoundError,
  validation: ValidationError,
  conflict: ConflictError,
  rate_limited: RateLimitError,
  server: ServerError,
  http: HoneyHiveApiError,
  network: NetworkError,
  timeout: TimeoutError,
  circuit_open: CircuitOpenError,
  config: HoneyHiveApiError,
};

export function apiError(init: ApiErrorInit): HoneyHiveApiError {
  return new CLASSES[init.kind](init);
}

export function kindOfStatus(status: number): ApiErrorKind {
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 400 || status === 422) return "validation";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "http";
}

/** What an API key may show of itself: HoneyHive keys start with `hh_`, the server stores 7 characters. */
export function keyPrefix(key: string | undefined): string {
  return key ? `${key.slice(0, 7)}...` : "(none)";
}

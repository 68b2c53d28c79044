import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { HoneyHiveError } from "../errors.js";

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns an ajv schema failure into one error that names the field. */
export function validationError(errors: AjvError[], dataVar: string): HoneyHiveError {
  const first = errors[0] ?? {};
  let path = (first.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
  const missing = first.params?.["missingProperty"];
  if (typeof missing === "string") path = path ? `${path}.${missing}` : missing;
  const field = path || dataVar;
  const what = typeof missing === "string" ? "is required" : (first.message ?? "is invalid");
  const more =
    errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? "s" : ""})` : "";
  return new HoneyHiveError(
    "HH_E_VALIDATION",
    400,
    `${field} ${what}${more}`,
    "See /openapi.json for the request schema of this endpoint.",
    { field },
  );
}

const FASTIFY_CODES: Record<string, { code: string; hint: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "HH_E_BODY_TOO_LARGE",
    hint: "Send smaller batches, or raise HH_MAX_BODY_BYTES on the server.",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "HH_E_UNSUPPORTED_MEDIA_TYPE",
    hint: "Send Content-Type: application/json (OTLP also takes application/x-protobuf).",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: "HH_E_INVALID_JSON", hint: "Send a JSON object as the body." },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "HH_E_BAD_REQUEST",
    hint: "The Content-Length header must match the body.",
  },
};

/** The one place where every error becomes `{error: {code, message, hint}}`. */
export function toHoneyHiveError(err: unknown): HoneyHiveError {
  if (err instanceof HoneyHiveError) return err;
  const e = err as FastifyError & { validationContext?: string; validation?: AjvError[] };
  if (e.validation) return validationError(e.validation, e.validationContext ?? "body");
  const known = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (known)
    return new HoneyHiveError(known.code, e.statusCode ?? 400, e.message, known.hint, { cause: err });
  if (e instanceof SyntaxError || e.code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return new HoneyHiveError(
      "HH_E_INVALID_JSON",
      400,
      `Invalid JSON body: ${e.message}`,
      "Send valid JSON.",
    );
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new HoneyHiveError(
      "HH_E_BAD_REQUEST",
      e.statusCode,
      e.message,
      "Check the request against /openapi.json.",
    );
  }
  return new HoneyHiveError(
    "HH_E_INTERNAL",
    500,
    "The server failed to handle this request",
    "Retry; if it keeps failing, the server log has the cause.",
    { cause: err },
  );
}

/**
 * Logs an error once, at the level it deserves (503 is expected back-pressure:
 * a warning without a stack), and sets Retry-After on 503. Every error
 * handler calls this before writing its body.
 */
export function recordError(err: unknown, request: FastifyRequest, reply: FastifyReply): HoneyHiveError {
  const hh = toHoneyHiveError(err);
  if (hh.status === 503) request.log.warn({ code: hh.code }, hh.message);
  else if (hh.status >= 500) request.log.error({ err, code: hh.code }, "request failed");
  else request.log.info({ code: hh.code, msg: hh.message }, "request refused");
  if (hh.status === 503 && !reply.hasHeader("retry-after")) reply.header("retry-after", "1");
  return hh;
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const hh = recordError(err, request, reply);
  void reply.status(hh.status).type("application/json").send(hh.toJSON());
}

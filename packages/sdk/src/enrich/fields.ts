import { HH_ATTR } from "@honeyhive-ts/semconv";
import type { Span } from "@opentelemetry/api";
import { type CaptureLimits, capture, captureJson } from "../capture/index.js";
import { errorMessage } from "../trace/span-observer.js";

/** What can be added to a span or a session after the fact. Objects merge key by key. */
export interface EnrichFields {
  metadata?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  feedback?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  config?: Record<string, unknown>;
  userProperties?: Record<string, unknown>;
  /** An Error or a message; recorded as the event's error. */
  error?: unknown;
}

const OBJECT_FIELDS = [
  ["metadata", HH_ATTR.metadata, "metadata"],
  ["metrics", HH_ATTR.metrics, "metrics"],
  ["feedback", HH_ATTR.feedback, "feedback"],
  ["inputs", HH_ATTR.inputs, "inputs"],
  ["outputs", HH_ATTR.outputs, "outputs"],
  ["config", HH_ATTR.config, "config"],
  ["userProperties", HH_ATTR.userProperties, "user_properties"],
] as const;

/**
 * One attribute per top-level key (`honeyhive_metadata.<key>`), so that several
 * enrichments of one span merge instead of replacing each other. Nested values
 * travel as JSON, which the server decodes.
 */
export function enrichAttributes(span: Span, fields: EnrichFields, limits: Partial<CaptureLimits>): void {
  for (const [field, prefix] of OBJECT_FIELDS) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      span.setAttribute(prefix, captureJson(value, limits));
      continue;
    }
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      span.setAttribute(`${prefix}.${key}`, attributeValue(v, limits));
    }
  }
  if (fields.error !== undefined && fields.error !== null) {
    span.setAttribute(HH_ATTR.error, errorMessage(fields.error));
  }
}

/** The body of `PUT /events` for a session (or any event). */
export function enrichBody(fields: EnrichFields, limits: Partial<CaptureLimits>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [field, , wire] of OBJECT_FIELDS) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    const captured = capture(value, limits);
    body[wire] =
      captured !== null && typeof captured === "object" && !Array.isArray(captured)
        ? captured
        : { value: captured };
  }
  if (fields.error !== undefined && fields.error !== null) body["error"] = errorMessage(fields.error);
  return body;
}

function attributeValue(value: unknown, limits: Partial<CaptureLimits>): string | number | boolean {
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string")
    return value.length > (limits.maxStringLength ?? 16_384) ? captureString(value, limits) : value;
  return captureJson(value, limits);
}

function captureString(value: string, limits: Partial<CaptureLimits>): string {
  const captured = capture(value, limits);
  return typeof captured === "string" ? captured : value;
}

import type { Span } from "@opentelemetry/api";

/**
 * Writes an attribute the SDK made itself (a short key, a string value known
 * to be valid) straight into a recording SDK span's attribute map.
 * `Span.setAttribute` validates the value and counts the keys it holds (an
 * array allocation per call): on the hot path that costs more than the write.
 * Anything else (an ended span, a span of another implementation) goes
 * through `setAttribute`.
 */
export function writeOwnAttribute(span: Span, key: string, value: string): void {
  const s = span as { attributes?: Record<string, unknown>; ended?: boolean };
  if (s.ended === false && typeof s.attributes === "object" && s.attributes !== null) {
    s.attributes[key] = value;
  } else {
    span.setAttribute(key, value);
  }
}

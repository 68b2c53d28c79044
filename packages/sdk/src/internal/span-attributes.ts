import type { AttributeValue, Span } from "@opentelemetry/api";

/**
 * Writes an attribute the SDK made itself (a short key, a value known to be
 * valid: a string, a finite number, a boolean or a homogeneous array of them)
 * straight into a recording SDK span's attribute map.
 * `Span.setAttribute` validates the value and counts the keys it holds (an
 * array allocation per call): on the hot path that costs more than the write.
 * Anything else (an ended span, a span of another implementation) goes
 * through `setAttribute`.
 */
export function writeOwnAttribute(span: Span, key: string, value: AttributeValue): void {
  const s = span as { attributes?: Record<string, unknown>; ended?: boolean };
  if (s.ended === false && typeof s.attributes === "object" && s.attributes !== null) {
    s.attributes[key] = value;
  } else {
    span.setAttribute(key, value);
  }
}

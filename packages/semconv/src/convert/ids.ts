/** Deterministic, UUID-shaped ids derived from OpenTelemetry trace and span ids. */

const HEX32_ZERO = "00000000000000000000000000000000";

function hex(id: string, length: number): string {
  const lower = id.toLowerCase();
  if (lower.length >= length) return lower.slice(lower.length - length);
  return HEX32_ZERO.slice(0, length - lower.length) + lower;
}

function formatUuid(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The event id of a span: its span id (16 hex) followed by the last 16 hex of
 * its trace id, formatted 8-4-4-4-12, lower-case. Stable across retries, so a
 * re-sent span maps to the same event.
 */
export function uuidFromSpan(traceId: string, spanId: string): string {
  return formatUuid(hex(spanId, 16) + hex(traceId, 16));
}

/** The implicit session id of a trace: its trace id (32 hex) formatted 8-4-4-4-12, lower-case. */
export function uuidFromTrace(traceId: string): string {
  return formatUuid(hex(traceId, 32));
}

/** True for an absent or all-zero parent span id (a root span). */
export function isEmptySpanId(spanId: string | undefined): boolean {
  return spanId === undefined || spanId === "" || /^0+$/.test(spanId);
}

/** Span factory for the unit tests (not exported from the package index). */

import type { Attributes, SpanEventRecord, SpanRecord } from "../span.js";

export const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
export const ROOT_SPAN_ID = "b7ad6b7169203331";
export const START_MS = 1_700_000_000_000;

let next = 1;

/** A fresh 16-hex span id. */
export function spanId(): string {
  return (next++).toString(16).padStart(16, "0");
}

export interface SpanInit extends Partial<Omit<SpanRecord, "status">> {
  status?: { code: number; message?: string };
}

/** A span with sensible defaults: child of ROOT_SPAN_ID in TRACE_ID, 1.5 s long, internal, status unset. */
export function makeSpan(init: SpanInit = {}): SpanRecord {
  return {
    traceId: TRACE_ID,
    spanId: spanId(),
    parentSpanId: ROOT_SPAN_ID,
    name: "test-span",
    kind: 1,
    startTimeMs: START_MS,
    endTimeMs: START_MS + 1500,
    attributes: {},
    status: { code: 0 },
    events: [],
    resource: { "service.name": "unknown_service:node" },
    scope: { name: "test-scope", version: "1.0.0" },
    ...init,
  };
}

/** A root span (no parent). */
export function makeRootSpan(init: SpanInit = {}): SpanRecord {
  const span = makeSpan({ spanId: ROOT_SPAN_ID, ...init });
  delete span.parentSpanId;
  return span;
}

export function spanEvent(name: string, attributes: Attributes, timeMs = START_MS + 100): SpanEventRecord {
  return { name, timeMs, attributes };
}

/** ~`size` characters of prose, for realistic prompt/completion payloads. */
export function prose(size: number): string {
  const sentence = "The quick brown fox jumps over the lazy dog while the model explains its reasoning. ";
  return sentence.repeat(Math.ceil(size / sentence.length)).slice(0, size);
}

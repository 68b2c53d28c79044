/**
 * OTLP/HTTP JSON trace requests (the proto3 JSON mapping of
 * ExportTraceServiceRequest) decoded into SpanRecords. Accepts lowerCamelCase and
 * snake_case field names, hex or base64 ids, uint64 as strings or numbers, and
 * enums as numbers or names.
 */
import type { Attributes, SpanEventRecord, SpanRecord } from "@honeyhive-ts/semconv";
import { spanIndex } from "./common.js";
import { OtlpDecodeError } from "./errors.js";
import {
  attributes,
  describe,
  enumValue,
  field,
  get,
  isObject,
  type JsonObject,
  jsonId,
  nanosToMs,
  optionalString,
  SpanReject,
  under,
} from "./json-values.js";
import type { DecodedTraces } from "./types.js";

const SPAN_KINDS = [
  "SPAN_KIND_UNSPECIFIED",
  "SPAN_KIND_INTERNAL",
  "SPAN_KIND_SERVER",
  "SPAN_KIND_CLIENT",
  "SPAN_KIND_PRODUCER",
  "SPAN_KIND_CONSUMER",
];
const STATUS_CODES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];

/**
 * Decodes an OTLP/JSON ExportTraceServiceRequest (string, or UTF-8 bytes). Spans
 * that are malformed are rejected one by one; throws OtlpDecodeError when the body
 * is not JSON, not an object, or its resourceSpans / scopeSpans / spans lists are
 * not lists (so the spans in it cannot even be counted).
 */
export function decodeTracesJson(body: string | Uint8Array): DecodedTraces {
  let text =
    typeof body === "string"
      ? body
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw new OtlpDecodeError(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  if (!isObject(root)) {
    throw new OtlpDecodeError(
      `OTLP JSON body must be an ExportTraceServiceRequest object, got ${describe(root)}`,
    );
  }
  const out: DecodedTraces = { spans: [], rejected: [] };
  const list = listAt(root, "resourceSpans", "resource_spans", "resourceSpans");
  for (let ri = 0; ri < list.length; ri++) decodeResourceSpans(list[ri], ri, out);
  return out;
}

/** A repeated field that must be an array (absent = empty); anything else fails the whole body. */
function listAt(o: JsonObject, camel: string, snake: string, path: string): unknown[] {
  const value = get(o, camel, snake);
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${path}: expected an array, got ${describe(value)}`);
  return value;
}

function objectAt(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw new OtlpDecodeError(`${path}: expected an object, got ${describe(value)}`);
  return value;
}

type Part<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs `read`, turning a SpanReject into its reason (prefixed with `name` when given). */
function tryPart<T>(read: () => T, name?: string): Part<T> {
  try {
    return { ok: true, value: read() };
  } catch (err) {
    if (!(err instanceof SpanReject)) throw err;
    if (name !== undefined) under(err, name);
    return { ok: false, error: err.reason };
  }
}

function decodeResourceSpans(value: unknown, ri: number, out: DecodedTraces): void {
  const path = `resourceSpans[${ri}]`;
  const rs = objectAt(value, path);
  const resource = tryPart((): Attributes => {
    const r = get(rs, "resource", "resource");
    if (r === undefined) return {};
    if (!isObject(r)) throw new SpanReject(`expected an object, got ${describe(r)}`);
    return field(get(r, "attributes", "attributes"), "attributes", (a) => attributes(a));
  }, "resource");
  let scopeSpans = listAt(rs, "scopeSpans", "scope_spans", `${path}.scopeSpans`);
  if (scopeSpans.length === 0) {
    // OTLP < 0.15 called these instrumentationLibrarySpans.
    scopeSpans = listAt(
      rs,
      "instrumentationLibrarySpans",
      "instrumentation_library_spans",
      `${path}.scopeSpans`,
    );
  }
  for (let si = 0; si < scopeSpans.length; si++) {
    const ssPath = `${path}.scopeSpans[${si}]`;
    const ss = objectAt(scopeSpans[si], ssPath);
    const scope = tryPart(() => decodeScope(ss), "scope");
    const spans = listAt(ss, "spans", "spans", `${ssPath}.spans`);
    for (let ki = 0; ki < spans.length; ki++) {
      let error: string;
      if (!resource.ok) error = resource.error;
      else if (!scope.ok) error = scope.error;
      else {
        const rv = resource.value;
        const sv = scope.value;
        const span = tryPart(() => decodeSpan(spans[ki], rv, sv));
        if (span.ok) {
          out.spans.push(span.value);
          continue;
        }
        error = span.error;
      }
      out.rejected.push({ index: spanIndex(ri, si, ki), reason: error });
    }
  }
}

function decodeScope(ss: JsonObject): SpanRecord["scope"] {
  let s = get(ss, "scope", "scope");
  if (s === undefined) s = get(ss, "instrumentationLibrary", "instrumentation_library");
  if (s === undefined) return { name: "" };
  if (!isObject(s)) throw new SpanReject(`expected an object, got ${describe(s)}`);
  const name = field(get(s, "name", "name"), "name", optionalString);
  const version = field(get(s, "version", "version"), "version", optionalString);
  return version === "" ? { name } : { name, version };
}

function decodeSpan(value: unknown, resource: Attributes, scope: SpanRecord["scope"]): SpanRecord {
  if (!isObject(value)) throw new SpanReject(`expected a span object, got ${describe(value)}`);
  const o = value;
  const traceId = jsonId(get(o, "traceId", "trace_id"), 16, "traceId", false)!;
  const spanId = jsonId(get(o, "spanId", "span_id"), 8, "spanId", false)!;
  const parentSpanId = jsonId(get(o, "parentSpanId", "parent_span_id"), 8, "parentSpanId", true);
  const name = field(get(o, "name", "name"), "name", optionalString);
  const kind = field(get(o, "kind", "kind"), "kind", (v) => enumValue(v, SPAN_KINDS));
  const startTimeMs = field(
    get(o, "startTimeUnixNano", "start_time_unix_nano"),
    "startTimeUnixNano",
    nanosToMs,
  );
  const endTimeMs = field(get(o, "endTimeUnixNano", "end_time_unix_nano"), "endTimeUnixNano", nanosToMs);
  const attrs = field(get(o, "attributes", "attributes"), "attributes", (v) => attributes(v));
  const events = field(get(o, "events", "events"), "events", decodeEvents);
  const status = field(get(o, "status", "status"), "status", decodeStatus);
  const span: SpanRecord = {
    traceId,
    spanId,
    name,
    kind,
    startTimeMs,
    endTimeMs: Math.max(endTimeMs, startTimeMs),
    attributes: attrs,
    status,
    events,
    resource,
    scope,
  };
  if (parentSpanId !== undefined) span.parentSpanId = parentSpanId;
  return span;
}

function decodeEvents(value: unknown): SpanEventRecord[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new SpanReject(`expected an array, got ${describe(value)}`);
  const events: SpanEventRecord[] = [];
  for (let i = 0; i < value.length; i++) {
    const e: unknown = value[i];
    try {
      if (!isObject(e)) throw new SpanReject(`expected an event object, got ${describe(e)}`);
      const name = field(get(e, "name", "name"), "name", optionalString);
      const timeMs = field(get(e, "timeUnixNano", "time_unix_nano"), "timeUnixNano", nanosToMs);
      const attrs = field(get(e, "attributes", "attributes"), "attributes", (v) => attributes(v));
      events.push({ name, timeMs, attributes: attrs });
    } catch (err) {
      throw under(err, `[${i}]`);
    }
  }
  return events;
}

function decodeStatus(value: unknown): SpanRecord["status"] {
  if (value === undefined) return { code: 0 };
  if (!isObject(value)) throw new SpanReject(`expected an object, got ${describe(value)}`);
  const code = field(get(value, "code", "code"), "code", (v) => enumValue(v, STATUS_CODES));
  const message = field(get(value, "message", "message"), "message", optionalString);
  return message === "" ? { code } : { code, message };
}

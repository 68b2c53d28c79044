/**
 * OTLP/HTTP protobuf trace requests (opentelemetry.proto.collector.trace.v1.
 * ExportTraceServiceRequest) decoded straight into SpanRecords, reading only the
 * fields a SpanRecord needs and skipping the rest (links, trace state, flags,
 * dropped counts, unknown fields) by wire type.
 */
import type { Attributes, SpanEventRecord, SpanRecord } from "@honeyhive-ts/semconv";
import { bytesToHex, isAllZero, spanIndex } from "./common.js";
import { OtlpDecodeError } from "./errors.js";
import { keyValueField } from "./protobuf-attributes.js";
import {
  type MessageInfo,
  ProtoReader,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_VARINT,
  WireError,
  within,
} from "./protobuf-reader.js";
import type { DecodedTraces, RejectedSpan } from "./types.js";

const REQUEST: MessageInfo = { name: "ExportTraceServiceRequest", fields: { 1: "resource_spans" } };
const RESOURCE_SPANS: MessageInfo = {
  name: "ResourceSpans",
  fields: { 1: "resource", 2: "scope_spans", 3: "schema_url", 1000: "instrumentation_library_spans" },
};
const RESOURCE: MessageInfo = {
  name: "Resource",
  fields: { 1: "attributes", 2: "dropped_attributes_count" },
};
const SCOPE_SPANS: MessageInfo = { name: "ScopeSpans", fields: { 1: "scope", 2: "spans", 3: "schema_url" } };
const SCOPE: MessageInfo = {
  name: "InstrumentationScope",
  fields: { 1: "name", 2: "version", 3: "attributes", 4: "dropped_attributes_count" },
};
const SPAN: MessageInfo = {
  name: "Span",
  fields: {
    1: "trace_id",
    2: "span_id",
    3: "trace_state",
    4: "parent_span_id",
    5: "name",
    6: "kind",
    7: "start_time_unix_nano",
    8: "end_time_unix_nano",
    9: "attributes",
    10: "dropped_attributes_count",
    11: "events",
    12: "dropped_events_count",
    13: "links",
    14: "dropped_links_count",
    15: "status",
    16: "flags",
  },
};
const EVENT: MessageInfo = {
  name: "Span.Event",
  fields: { 1: "time_unix_nano", 2: "name", 3: "attributes", 4: "dropped_attributes_count" },
};
const STATUS: MessageInfo = { name: "Status", fields: { 2: "message", 3: "code" } };
/**
 * Decodes a protobuf ExportTraceServiceRequest. Spans with invalid ids are
 * rejected one by one; throws OtlpDecodeError only when the body itself is
 * malformed (truncation, wire-type mismatch, bad varint, nesting too deep).
 */
export function decodeTracesProtobuf(body: Uint8Array): DecodedTraces {
  const decoder = new TracesDecoder(body);
  try {
    decoder.request();
  } catch (err) {
    if (err instanceof WireError) {
      const where = err.path.length > 0 ? ` (in ${err.path.join(".")})` : "";
      throw new OtlpDecodeError(`protobuf ${err.detail}${where}`);
    }
    throw err;
  }
  return { spans: decoder.spans, rejected: decoder.rejected };
}

class TracesDecoder extends ProtoReader {
  readonly spans: SpanRecord[] = [];
  readonly rejected: RejectedSpan[] = [];

  request(): void {
    const end = this.length;
    let ri = 0;
    while (this.pos < end) {
      const tag = this.tag(end, REQUEST);
      if (tag >>> 3 === 1) {
        this.expect(tag, WIRE_LEN);
        const stop = this.lengthEnd(end);
        try {
          this.resourceSpans(stop, ri);
        } catch (err) {
          throw within(err, `resourceSpans[${ri}]`);
        }
        ri++;
      } else {
        this.skip(tag, end);
      }
    }
  }

  private resourceSpans(end: number, ri: number): void {
    // Created up front and filled in place: spans share it even if `resource` comes after them.
    const resource: Attributes = {};
    let si = 0;
    while (this.pos < end) {
      const tag = this.tag(end, RESOURCE_SPANS);
      switch (tag >>> 3) {
        case 1: {
          this.expect(tag, WIRE_LEN);
          const stop = this.lengthEnd(end);
          try {
            this.resource(stop, resource);
          } catch (err) {
            throw within(err, "resource");
          }
          break;
        }
        case 2:
        case 1000: {
          // 1000: InstrumentationLibrarySpans from OTLP < 0.15, laid out like ScopeSpans.
          this.expect(tag, WIRE_LEN);
          const stop = this.lengthEnd(end);
          try {
            this.scopeSpans(stop, resource, ri, si);
          } catch (err) {
            throw within(err, `scopeSpans[${si}]`);
          }
          si++;
          break;
        }
        case 3:
          this.expect(tag, WIRE_LEN);
          this.skip(tag, end);
          break;
        default:
          this.skip(tag, end);
      }
    }
  }

  private resource(end: number, target: Attributes): void {
    let ai = 0;
    while (this.pos < end) {
      const tag = this.tag(end, RESOURCE);
      if (tag >>> 3 === 1) {
        this.expect(tag, WIRE_LEN);
        keyValueField(this, end, target, ai++);
      } else {
        if (tag >>> 3 === 2) this.expect(tag, WIRE_VARINT);
        this.skip(tag, end);
      }
    }
  }

  private scopeSpans(end: number, resource: Attributes, ri: number, si: number): void {
    const scope: SpanRecord["scope"] = { name: "" };
    let ki = 0;
    while (this.pos < end) {
      const tag = this.tag(end, SCOPE_SPANS);
      switch (tag >>> 3) {
        case 1: {
          this.expect(tag, WIRE_LEN);
          const stop = this.lengthEnd(end);
          try {
            this.scope(stop, scope);
          } catch (err) {
            throw within(err, "scope");
          }
          break;
        }
        case 2: {
          this.expect(tag, WIRE_LEN);
          const stop = this.lengthEnd(end);
          try {
            this.span(stop, resource, scope, ri, si, ki);
          } catch (err) {
            throw within(err, `spans[${ki}]`);
          }
          ki++;
          break;
        }
        case 3:
          this.expect(tag, WIRE_LEN);
          this.skip(tag, end);
          break;
        default:
          this.skip(tag, end);
      }
    }
  }

  private scope(end: number, scope: SpanRecord["scope"]): void {
    while (this.pos < end) {
      const tag = this.tag(end, SCOPE);
      switch (tag >>> 3) {
        case 1:
          this.expect(tag, WIRE_LEN);
          scope.name = this.string(end);
          break;
        case 2: {
          this.expect(tag, WIRE_LEN);
          const version = this.string(end);
          if (version !== "") scope.version = version;
          break;
        }
        case 3:
          this.expect(tag, WIRE_LEN);
          this.skip(tag, end);
          break;
        case 4:
          this.expect(tag, WIRE_VARINT);
          this.skip(tag, end);
          break;
        default:
          this.skip(tag, end);
      }
    }
  }

  private span(
    end: number,
    resource: Attributes,
    scope: SpanRecord["scope"],
    ri: number,
    si: number,
    ki: number,
  ): void {
    let traceStart = 0;
    let traceLen = 0;
    let spanStart = 0;
    let spanLen = 0;
    let parentStart = 0;
    let parentLen = 0;
    let name = "";
    let kind = 0;
    let startTimeMs = 0;
    let endTimeMs = 0;
    const attributes: Attributes = {};
    const events: SpanEventRecord[] = [];
    let status: SpanRecord["status"] | undefined;
    let ai = 0;
    while (this.pos < end) {
      const tag = this.tag(end, SPAN);
      switch (tag >>> 3) {
        case 1:
          traceStart = this.byteRange(tag, end);
          traceLen = this.pos - traceStart;
          break;
        case 2:
          spanStart = this.byteRange(tag, end);
          spanLen = this.pos - spanStart;
          break;
        case 4:
          parentStart = this.byteRange(tag, end);
          parentLen = this.pos - parentStart;
          break;
        case 5:
          this.expect(tag, WIRE_LEN);
          name = this.string(end);
          break;
        case 6:
          this.expect(tag, WIRE_VARINT);
          kind = this.int32(end);
          break;
        case 7:
          this.expect(tag, WIRE_FIXED64);
          startTimeMs = this.nanosAsMs(end);
          break;
        case 8:
          this.expect(tag, WIRE_FIXED64);
          endTimeMs = this.nanosAsMs(end);
          break;
        case 9:
          this.expect(tag, WIRE_LEN);
          keyValueField(this, end, attributes, ai++);
          break;
        case 11: {
          this.expect(tag, WIRE_LEN);
          const stop = this.lengthEnd(end);
          try {
            events.push(this.event(stop));
          } catch (err) {
            throw within(err, `events[${events.length}]`);
          }
          break;
        }
        case 15: {
          this.expect(tag, WIRE_LEN);
          const stop = this.lengthEnd(end);
          try {
            status = this.status(stop);
          } catch (err) {
            throw within(err, "status");
          }
          break;
        }
        case 3:
        case 13:
          this.expect(tag, WIRE_LEN);
          this.skip(tag, end);
          break;
        case 10:
        case 12:
        case 14:
          this.expect(tag, WIRE_VARINT);
          this.skip(tag, end);
          break;
        case 16:
          this.expect(tag, WIRE_FIXED32);
          this.skip(tag, end);
          break;
        default:
          this.skip(tag, end);
      }
    }

    const bytes = this.bytes;
    let reason: string | undefined;
    if (traceLen !== 16) reason = `traceId must be 16 bytes, got ${traceLen}`;
    else if (isAllZero(bytes, traceStart, traceStart + 16)) reason = "traceId must not be all zeros";
    else if (spanLen !== 8) reason = `spanId must be 8 bytes, got ${spanLen}`;
    else if (isAllZero(bytes, spanStart, spanStart + 8)) reason = "spanId must not be all zeros";
    else if (parentLen !== 0 && parentLen !== 8)
      reason = `parentSpanId must be empty or 8 bytes, got ${parentLen}`;
    if (reason !== undefined) {
      this.rejected.push({ index: spanIndex(ri, si, ki), reason });
      return;
    }

    const span: SpanRecord = {
      traceId: bytesToHex(bytes, traceStart, traceStart + 16),
      spanId: bytesToHex(bytes, spanStart, spanStart + 8),
      name,
      kind,
      startTimeMs,
      endTimeMs: Math.max(endTimeMs, startTimeMs),
      attributes,
      status: status ?? { code: 0 },
      events,
      resource,
      scope,
    };
    if (parentLen === 8 && !isAllZero(bytes, parentStart, parentStart + 8)) {
      span.parentSpanId = bytesToHex(bytes, parentStart, parentStart + 8);
    }
    this.spans.push(span);
  }

  /** Skips a length-delimited field, returning where its bytes start (they end at `this.pos`). */
  private byteRange(tag: number, end: number): number {
    this.expect(tag, WIRE_LEN);
    const stop = this.lengthEnd(end);
    const start = this.pos;
    this.pos = stop;
    return start;
  }

  private event(end: number): SpanEventRecord {
    let timeMs = 0;
    let name = "";
    const attributes: Attributes = {};
    let ai = 0;
    while (this.pos < end) {
      const tag = this.tag(end, EVENT);
      switch (tag >>> 3) {
        case 1:
          this.expect(tag, WIRE_FIXED64);
          timeMs = this.nanosAsMs(end);
          break;
        case 2:
          this.expect(tag, WIRE_LEN);
          name = this.string(end);
          break;
        case 3:
          this.expect(tag, WIRE_LEN);
          keyValueField(this, end, attributes, ai++);
          break;
        case 4:
          this.expect(tag, WIRE_VARINT);
          this.skip(tag, end);
          break;
        default:
          this.skip(tag, end);
      }
    }
    return { name, timeMs, attributes };
  }

  private status(end: number): SpanRecord["status"] {
    let code = 0;
    let message = "";
    while (this.pos < end) {
      const tag = this.tag(end, STATUS);
      switch (tag >>> 3) {
        case 2:
          this.expect(tag, WIRE_LEN);
          message = this.string(end);
          break;
        case 3:
          this.expect(tag, WIRE_VARINT);
          code = this.int32(end);
          break;
        default:
          this.skip(tag, end);
      }
    }
    return message === "" ? { code } : { code, message };
  }
}

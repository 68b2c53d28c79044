/**
 * opentelemetry.proto.trace.v1 Span (with its events, links and status) in
 * the encoder's two passes. Field numbers follow trace.proto; proto3 zero
 * values are left out except kind, times, status and flags.
 */
import type { HrTime, Link, SpanContext } from "@opentelemetry/api";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace-base";
import { isContentAttribute, isContentEventAttribute, STATUS_MESSAGE_KEY } from "./content-attributes.js";
import { sizeAttributes, writeAttributes } from "./encode-attributes.js";
import { type EncodeState, safeJson } from "./encode-state.js";
import { lenFieldSize, type ProtoWriter, utf8Length, varintSize } from "./proto-writer.js";

const FLAG_HAS_IS_REMOTE = 0x100;
const FLAG_IS_REMOTE = 0x200;
const never = (): boolean => false;

function idBytes(id: string | undefined, bytes: number): number {
  return typeof id === "string" && id.length === 2 * bytes ? bytes : 0;
}

function countSize(n: number | undefined): number {
  return n !== undefined && n > 0 ? 1 + varintSize(n) : 0;
}

function otlpKind(kind: number): number {
  return kind >= 0 && kind <= 4 ? kind + 1 : 0;
}

function flagsOf(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | FLAG_HAS_IS_REMOTE | (isRemote ? FLAG_IS_REMOTE : 0);
}

function traceStateOf(ctx: SpanContext): string {
  return ctx.traceState?.serialize() ?? "";
}

/** Planning: the Span message's size (without its tag and length). */
export function sizeSpan(st: EncodeState, span: ReadableSpan): number {
  const ctx = span.spanContext();
  let size = 6 + 9 + 9; // flags (two-byte tag + fixed32), start and end times
  const traceBytes = idBytes(ctx.traceId, 16);
  const spanBytes = idBytes(ctx.spanId, 8);
  const parentBytes = idBytes(span.parentSpanContext?.spanId, 8);
  if (traceBytes) size += 2 + traceBytes;
  if (spanBytes) size += 2 + spanBytes;
  if (parentBytes) size += 2 + parentBytes;
  const traceState = traceStateOf(ctx);
  if (traceState) size += stringField(st, traceState);
  size += stringField(st, span.name);
  if (otlpKind(span.kind)) size += 2;
  size += sizeAttributes(st, span.attributes, isContentAttribute);
  size += countSize(span.droppedAttributesCount);
  for (const event of span.events) size += lenFieldSize(sizeEvent(st, event));
  size += countSize(span.droppedEventsCount);
  for (const link of span.links) size += lenFieldSize(sizeLink(st, link));
  size += countSize(span.droppedLinksCount);
  const message = planStatusMessage(st, span.status.message);
  let status = span.status.code ? 2 : 0;
  if (message) status += stringField(st, message);
  return size + lenFieldSize(status);
}

/** The status message to encode: masked (once, remembered for the writing pass) when there is a mask. */
function planStatusMessage(st: EncodeState, raw: string | undefined): string {
  const mask = st.mask;
  if (!raw || mask === undefined) return raw ?? "";
  const masked = st.applyMask(mask, raw, STATUS_MESSAGE_KEY);
  const message =
    masked === undefined || masked === null ? "" : typeof masked === "string" ? masked : safeJson(masked);
  st.substituted.push(message);
  return message;
}

function writtenStatusMessage(st: EncodeState, raw: string | undefined): string {
  if (!raw || st.mask === undefined) return raw ?? "";
  return st.nextSubstituted() as string;
}

function stringField(st: EncodeState, s: string): number {
  const length = utf8Length(s);
  st.push(length);
  return lenFieldSize(length);
}

function sizeEvent(st: EncodeState, event: TimedEvent): number {
  const idx = st.reserve();
  let size = 9 + stringField(st, event.name);
  size += sizeAttributes(st, event.attributes, isContentEventAttribute);
  size += countSize(event.droppedAttributesCount);
  st.set(idx, size);
  return size;
}

function sizeLink(st: EncodeState, link: Link): number {
  const idx = st.reserve();
  const ctx = link.context;
  let size = 5; // flags
  const traceBytes = idBytes(ctx.traceId, 16);
  const spanBytes = idBytes(ctx.spanId, 8);
  if (traceBytes) size += 2 + traceBytes;
  if (spanBytes) size += 2 + spanBytes;
  const traceState = traceStateOf(ctx);
  if (traceState) size += stringField(st, traceState);
  size += sizeAttributes(st, link.attributes, never);
  size += countSize(link.droppedAttributesCount);
  st.set(idx, size);
  return size;
}

function writeTime(w: ProtoWriter, tag: number, time: HrTime): void {
  w.byte(tag);
  w.hrTime(time[0], time[1]);
}

function writeCount(w: ProtoWriter, tag: number, n: number | undefined): void {
  if (n === undefined || n <= 0) return;
  w.byte(tag);
  w.varint(n);
}

/** Writing: the Span message planned by sizeSpan (the caller wrote its tag and length). */
export function writeSpan(w: ProtoWriter, st: EncodeState, span: ReadableSpan): void {
  const parent = span.parentSpanContext;
  const parentBytes = idBytes(parent?.spanId, 8);
  writeContextFields(w, st, span.spanContext());
  if (parentBytes && parent) {
    w.byte(0x22);
    w.hex(parent.spanId, parentBytes);
  }
  w.byte(0x2a);
  w.string(span.name, st.next());
  const kind = otlpKind(span.kind);
  if (kind) {
    w.byte(0x30);
    w.byte(kind);
  }
  writeTime(w, 0x39, span.startTime);
  writeTime(w, 0x41, span.endTime);
  writeAttributes(w, st, 0x4a, span.attributes, isContentAttribute);
  writeCount(w, 0x50, span.droppedAttributesCount);
  for (const event of span.events) writeEvent(w, st, event);
  writeCount(w, 0x60, span.droppedEventsCount);
  for (const link of span.links) writeLink(w, st, link);
  writeCount(w, 0x70, span.droppedLinksCount);
  writeStatus(w, st, span);
  w.byte(0x85); // flags: field 16, fixed32 (two-byte tag)
  w.byte(0x01);
  w.fixed32(flagsOf(span.spanContext().traceFlags, parent?.isRemote));
}

function writeStatus(w: ProtoWriter, st: EncodeState, span: ReadableSpan): void {
  const code = span.status.code;
  const message = writtenStatusMessage(st, span.status.message);
  const messageLength = message ? st.next() : 0;
  w.byte(0x7a);
  w.varint((code ? 2 : 0) + (message ? lenFieldSize(messageLength) : 0));
  if (message) {
    w.byte(0x12);
    w.string(message, messageLength);
  }
  if (code) {
    w.byte(0x18);
    w.varint(code);
  }
}

function writeEvent(w: ProtoWriter, st: EncodeState, event: TimedEvent): void {
  w.byte(0x5a);
  w.varint(st.next());
  writeTime(w, 0x09, event.time);
  w.byte(0x12);
  w.string(event.name, st.next());
  writeAttributes(w, st, 0x1a, event.attributes, isContentEventAttribute);
  writeCount(w, 0x20, event.droppedAttributesCount);
}

function writeLink(w: ProtoWriter, st: EncodeState, link: Link): void {
  w.byte(0x6a);
  w.varint(st.next());
  writeContextFields(w, st, link.context);
  writeAttributes(w, st, 0x22, link.attributes, never);
  writeCount(w, 0x28, link.droppedAttributesCount);
  w.byte(0x35); // flags: field 6, fixed32
  w.fixed32(flagsOf(link.context.traceFlags, link.context.isRemote));
}

/** Fields 1-3 (trace_id, span_id, trace_state), numbered alike in Span and Span.Link. */
function writeContextFields(w: ProtoWriter, st: EncodeState, ctx: SpanContext): void {
  const traceBytes = idBytes(ctx.traceId, 16);
  const spanBytes = idBytes(ctx.spanId, 8);
  if (traceBytes) {
    w.byte(0x0a);
    w.hex(ctx.traceId, traceBytes);
  }
  if (spanBytes) {
    w.byte(0x12);
    w.hex(ctx.spanId, spanBytes);
  }
  const traceState = traceStateOf(ctx);
  if (traceState) {
    w.byte(0x1a);
    w.string(traceState, st.next());
  }
}

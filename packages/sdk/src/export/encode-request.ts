/**
 * ExportTraceServiceRequest (opentelemetry.proto.collector.trace.v1), written
 * by hand: spans grouped by resource and instrumentation scope, one planning
 * pass that computes every size, then one pass writing into a single Buffer
 * of exactly that size.
 */
import type { InstrumentationScope } from "@opentelemetry/core";
import type { Resource } from "@opentelemetry/resources";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { sizeAttributes, writeAttributes } from "./encode-attributes.js";
import { sizeSpan, writeSpan } from "./encode-span.js";
import { EncodeState, type MaskFunction } from "./encode-state.js";
import { lenFieldSize, ProtoWriter, utf8Length } from "./proto-writer.js";

interface ScopeGroup {
  scope: InstrumentationScope;
  spans: ReadableSpan[];
}

interface ResourceGroup {
  resource: Resource;
  scopes: Map<string, ScopeGroup>;
}

const never = (): boolean => false;

/** Spans by resource (object identity: one per provider) then by scope name, version and schema URL. */
export function groupSpans(spans: readonly ReadableSpan[]): ResourceGroup[] {
  const byResource = new Map<Resource, ResourceGroup>();
  for (const span of spans) {
    let group = byResource.get(span.resource);
    if (group === undefined) {
      group = { resource: span.resource, scopes: new Map() };
      byResource.set(span.resource, group);
    }
    const scope = span.instrumentationScope;
    const key = `${scope.name}\u0000${scope.version ?? ""}\u0000${scope.schemaUrl ?? ""}`;
    let scoped = group.scopes.get(key);
    if (scoped === undefined) {
      scoped = { scope, spans: [] };
      group.scopes.set(key, scoped);
    }
    scoped.spans.push(span);
  }
  return [...byResource.values()];
}

/**
 * Encodes spans as one protobuf request. `mask` runs once per content value;
 * a mask that throws hides the value and reports through `onMaskError`.
 * Throws only on an internal inconsistency (the caller drops the batch).
 */
export function encodeTraceRequest(
  spans: readonly ReadableSpan[],
  mask: MaskFunction | undefined,
  onMaskError: (err: unknown) => void,
): Buffer {
  const st = new EncodeState(mask, onMaskError);
  const groups = groupSpans(spans);
  let total = 0;
  for (const group of groups) total += lenFieldSize(sizeResourceSpans(st, group));
  const w = new ProtoWriter(total);
  for (const group of groups) writeResourceSpans(w, st, group);
  if (w.pos !== total || st.cursor !== st.count || st.subCursor !== st.substituted.length) {
    throw new Error(`encoder passes disagree (${w.pos} of ${total} bytes written)`);
  }
  return w.buf;
}

function stringField(st: EncodeState, s: string): number {
  const length = utf8Length(s);
  st.push(length);
  return lenFieldSize(length);
}

function sizeResourceSpans(st: EncodeState, group: ResourceGroup): number {
  const idx = st.reserve();
  const resourceIdx = st.reserve();
  const resourceSize = sizeAttributes(st, group.resource.attributes, never);
  st.set(resourceIdx, resourceSize);
  let size = lenFieldSize(resourceSize);
  for (const scoped of group.scopes.values()) size += lenFieldSize(sizeScopeSpans(st, scoped));
  const schemaUrl = group.resource.schemaUrl;
  if (schemaUrl) size += stringField(st, schemaUrl);
  st.set(idx, size);
  return size;
}

function sizeScopeSpans(st: EncodeState, scoped: ScopeGroup): number {
  const idx = st.reserve();
  const scopeIdx = st.reserve();
  const { name, version, schemaUrl } = scoped.scope;
  let scopeSize = stringField(st, name);
  if (version) scopeSize += stringField(st, version);
  st.set(scopeIdx, scopeSize);
  let size = lenFieldSize(scopeSize);
  for (const span of scoped.spans) {
    const spanIdx = st.reserve();
    const spanSize = sizeSpan(st, span);
    st.set(spanIdx, spanSize);
    size += lenFieldSize(spanSize);
  }
  if (schemaUrl) size += stringField(st, schemaUrl);
  st.set(idx, size);
  return size;
}

function writeResourceSpans(w: ProtoWriter, st: EncodeState, group: ResourceGroup): void {
  w.byte(0x0a); // ExportTraceServiceRequest.resource_spans
  w.varint(st.next());
  w.byte(0x0a); // ResourceSpans.resource
  w.varint(st.next());
  writeAttributes(w, st, 0x0a, group.resource.attributes, never);
  for (const scoped of group.scopes.values()) writeScopeSpans(w, st, scoped);
  const schemaUrl = group.resource.schemaUrl;
  if (schemaUrl) {
    w.byte(0x1a); // ResourceSpans.schema_url
    w.string(schemaUrl, st.next());
  }
}

function writeScopeSpans(w: ProtoWriter, st: EncodeState, scoped: ScopeGroup): void {
  w.byte(0x12); // ResourceSpans.scope_spans
  w.varint(st.next());
  w.byte(0x0a); // ScopeSpans.scope
  w.varint(st.next());
  const { name, version, schemaUrl } = scoped.scope;
  w.byte(0x0a); // InstrumentationScope.name
  w.string(name, st.next());
  if (version) {
    w.byte(0x12); // InstrumentationScope.version
    w.string(version, st.next());
  }
  for (const span of scoped.spans) {
    w.byte(0x12); // ScopeSpans.spans
    w.varint(st.next());
    writeSpan(w, st, span);
  }
  if (schemaUrl) {
    w.byte(0x1a); // ScopeSpans.schema_url
    w.string(schemaUrl, st.next());
  }
}

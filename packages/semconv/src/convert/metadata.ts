/**
 * The rest of metadata: OpenTelemetry identity (`trace_id`, `span_id`,
 * `parent_span_id`, `span_kind`, `scope`, `resource`), other span events,
 * Vercel `ai.telemetry.metadata.*`, OpenInference `metadata`, and every
 * attribute no mapping consumed, rebuilt nested under its own name
 * (`http.method` → `metadata.http.method`). Precedence on the same path:
 * explicit `honeyhive_metadata.*`, then derived values, then leftovers.
 */

import { GEN_AI, OPENINFERENCE, VERCEL_AI } from "../attributes.js";
import type { SpanRecord } from "../span.js";
import type { AttrBag } from "./context.js";
import { isEmptySpanId } from "./ids.js";
import { TreeBuilder } from "./tree.js";
import { isPlainObject, normalizeValue, parseJson } from "./values.js";

const SPAN_KINDS = ["unspecified", "internal", "server", "client", "producer", "consumer"];
const TELEMETRY = `${VERCEL_AI.telemetryMetadataPrefix}.`;

function put(tree: TreeBuilder, path: string, value: unknown): void {
  if (value !== undefined && !tree.conflicts(path)) tree.add(path, value);
}

function addIdentity(tree: TreeBuilder, span: SpanRecord): void {
  put(tree, "trace_id", span.traceId);
  put(tree, "span_id", span.spanId);
  if (!isEmptySpanId(span.parentSpanId)) put(tree, "parent_span_id", span.parentSpanId);
  put(tree, "span_kind", SPAN_KINDS[span.kind] ?? String(span.kind));
  if (span.scope.name !== "") {
    put(
      tree,
      "scope",
      span.scope.version ? { name: span.scope.name, version: span.scope.version } : { name: span.scope.name },
    );
  }
  const resourceKeys = Object.keys(span.resource);
  if (resourceKeys.length > 0 && !tree.conflicts("resource")) {
    const resource = new TreeBuilder();
    for (const key of resourceKeys) resource.add(key, normalizeValue(span.resource[key]));
    tree.add("resource", resource.build());
  }
}

/** Span events other than exceptions (kept by `deriveError`) and GenAI operation details (read as attributes). */
function addEvents(tree: TreeBuilder, span: SpanRecord): void {
  const events = [];
  for (const event of span.events) {
    if (event.name === "exception" || event.name === GEN_AI.operationDetailsEvent) continue;
    const attributes = new TreeBuilder();
    for (const key of Object.keys(event.attributes))
      attributes.add(key, normalizeValue(event.attributes[key]));
    events.push({ name: event.name, time_ms: event.timeMs, attributes: attributes.build() });
  }
  if (events.length > 0) put(tree, "events", events);
}

function addConventionMetadata(bag: AttrBag, tree: TreeBuilder): void {
  for (const key of bag.family("ai.telemetry.metadata.")) {
    bag.offer(tree, key.slice(TELEMETRY.length), normalizeValue(bag.attrs[key]), key);
  }
  const metadata = parseJson(bag.peek(OPENINFERENCE.metadata));
  if (!isPlainObject(metadata)) return;
  let added = false;
  for (const [key, value] of Object.entries(metadata)) {
    if (!tree.conflicts(key)) {
      tree.add(key, value);
      added = true;
    }
  }
  if (added) bag.consume(OPENINFERENCE.metadata);
}

/** Completes `tree` (explicit and derived values already in it) and builds metadata. */
export function finishMetadata(bag: AttrBag, span: SpanRecord, tree: TreeBuilder) {
  addConventionMetadata(bag, tree);
  addIdentity(tree, span);
  addEvents(tree, span);
  for (const [key, value] of bag.leftovers()) tree.add(key, normalizeValue(value));
  return tree.build();
}

import { GEN_AI, HH_ATTR } from "../attributes.js";
import type { EventType, HoneyHiveEvent, JsonObject } from "../event.js";
import { DEFAULT_PRICES } from "../prices/default-prices.js";
import { mergePrices } from "../prices/find-price.js";
import type { PriceTable } from "../prices/types.js";
import type { SpanRecord } from "../span.js";
import { deriveAssociation } from "./association.js";
import type { Derived } from "./carriers.js";
import { deriveConfig } from "./config.js";
import { AttrBag } from "./context.js";
import { deriveError } from "./errors.js";
import { eventName } from "./event-name.js";
import { detectEventType } from "./event-type.js";
import { type ExplicitFields, readExplicitFields } from "./honeyhive.js";
import { isEmptySpanId, uuidFromSpan, uuidFromTrace } from "./ids.js";
import { deriveInputs } from "./inputs.js";
import { finishMetadata } from "./metadata.js";
import { deriveOutputs } from "./outputs.js";
import type { TreeBuilder } from "./tree.js";
import type { ConvertedSpan, ConvertOptions } from "./types.js";
import { deriveResponseInfo, deriveUsage } from "./usage.js";
import { isUuid, toNumber, toStr } from "./values.js";

const merged = new WeakMap<PriceTable, PriceTable>();

function priceTable(prices: PriceTable | undefined): PriceTable {
  if (!prices) return DEFAULT_PRICES;
  let table = merged.get(prices);
  if (!table) {
    table = mergePrices(DEFAULT_PRICES, prices);
    merged.set(prices, table);
  }
  return table;
}

/** Explicit values win key by key; the derived carrier is consumed when any of its keys lands. */
function mergeDerived(bag: AttrBag, tree: TreeBuilder, derived: Derived | undefined): void {
  if (!derived) return;
  let added = false;
  for (const [key, value] of Object.entries(derived.value)) {
    if (!tree.conflicts(key)) {
      tree.add(key, value);
      added = true;
    }
  }
  if (added) bag.consume(...derived.sources);
}

/** A single finish reason (`gen_ai.response.finish_reasons: ["stop"]`) completes message outputs. */
function addFinishReason(bag: AttrBag, outputs: TreeBuilder): void {
  const reasons = bag.peek(GEN_AI.responseFinishReasons);
  const reason = Array.isArray(reasons) && reasons.length === 1 ? reasons[0] : reasons;
  if (typeof reason !== "string" || outputs.leaf("role") === undefined) return;
  if (outputs.leaf("finish_reason") === reason) bag.consume(GEN_AI.responseFinishReasons);
  else bag.offer(outputs, "finish_reason", reason, GEN_AI.responseFinishReasons);
}

function nonEmpty(value: JsonObject): JsonObject | null {
  return Object.keys(value).length > 0 ? value : null;
}

interface Fields {
  config: JsonObject;
  inputs: JsonObject;
  outputs: JsonObject;
  error: string | null;
  durationMs: number | undefined;
  userProperties: JsonObject;
  metadata: JsonObject;
  feedback: JsonObject;
  metrics: JsonObject;
}

function convertFields(
  bag: AttrBag,
  span: SpanRecord,
  explicit: ExplicitFields,
  type: EventType,
  prices: PriceTable,
): Fields {
  deriveConfig(bag, explicit.config);
  const config = explicit.config.build();
  mergeDerived(bag, explicit.inputs, deriveInputs(bag));
  mergeDerived(bag, explicit.outputs, deriveOutputs(bag));
  addFinishReason(bag, explicit.outputs);
  deriveResponseInfo(bag, explicit.metadata);
  if (type === "model") deriveUsage(bag, explicit.metadata, config, prices);
  const error = deriveError(bag, span, explicit.metadata);
  const durationMs = toNumber(bag.peek(HH_ATTR.durationMs));
  if (durationMs !== undefined) bag.consume(HH_ATTR.durationMs);
  return {
    config,
    inputs: explicit.inputs.build(),
    outputs: explicit.outputs.build(),
    error,
    durationMs,
    userProperties: explicit.userProperties.build(),
    metadata: finishMetadata(bag, span, explicit.metadata),
    feedback: explicit.feedback.build(),
    metrics: explicit.metrics.build(),
  };
}

/** Association properties and evaluation context (`run_id`, `dataset_id`, `datapoint_id`) describe the session. */
function sessionMetadata(metadata: JsonObject, paths: string[]): JsonObject | null {
  const out: [string, unknown][] = [];
  for (const key of [...paths, "run_id", "dataset_id", "datapoint_id"]) {
    if (metadata[key] !== undefined) out.push([key, metadata[key]]);
  }
  return out.length > 0 ? Object.fromEntries(out) : null;
}

function eventId(bag: AttrBag, spanRef: string): string {
  const explicit = toStr(bag.peek(HH_ATTR.eventId));
  if (explicit === undefined || !isUuid(explicit)) return spanRef;
  bag.consume(HH_ATTR.eventId);
  return explicit.toLowerCase();
}

/** Converts one OpenTelemetry span to a HoneyHive event (rules: see `convert/README.md`). */
export function spanToEvent(span: SpanRecord, options: ConvertOptions = {}): ConvertedSpan {
  const bag = new AttrBag(span);
  const explicit = readExplicitFields(bag);
  const type = detectEventType(bag, span.name);
  const name = eventName(bag, span, type);
  const assoc = deriveAssociation(bag, span, explicit, options.defaultSource ?? "dev");
  const spanRef = uuidFromSpan(span.traceId, span.spanId);
  const id = eventId(bag, spanRef);
  const f = convertFields(bag, span, explicit, type, priceTable(options.prices));
  const event: HoneyHiveEvent = {
    event_id: id,
    session_id: assoc.sessionId ?? uuidFromTrace(span.traceId),
    parent_id: assoc.parentId,
    event_type: type,
    event_name: name,
    source: assoc.source,
    config: f.config,
    inputs: f.inputs,
    outputs: f.outputs,
    error: f.error,
    start_time: span.startTimeMs,
    end_time: span.endTimeMs,
    duration: f.durationMs ?? Math.max(0, span.endTimeMs - span.startTimeMs),
    metadata: f.metadata,
    feedback: f.feedback,
    metrics: f.metrics,
    user_properties: f.userProperties,
  };
  const parentRef = isEmptySpanId(span.parentSpanId) ? null : uuidFromSpan(span.traceId, span.parentSpanId!);
  return {
    event,
    spanRef,
    parentRef,
    project: assoc.project,
    sessionIdExplicit: assoc.sessionId !== undefined,
    session: {
      name: assoc.sessionName,
      source: assoc.source,
      userProperties: nonEmpty(f.userProperties),
      metadata: sessionMetadata(f.metadata, assoc.metadataPaths),
    },
  };
}

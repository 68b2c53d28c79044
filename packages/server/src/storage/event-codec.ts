import type { EventType, HoneyHiveEvent, JsonObject, StoredEvent } from "@honeyhive-ts/semconv";
import type { EventPatch } from "./types.js";

/** Shared by both backends: the event row shape, extracted columns, merges, row decoding. */

export const JSON_COLUMNS = [
  "config",
  "inputs",
  "outputs",
  "metadata",
  "feedback",
  "metrics",
  "user_properties",
] as const;
export type JsonColumn = (typeof JSON_COLUMNS)[number];

/** Filterable text columns (model/provider are extracted from config). */
export const TEXT_COLUMNS = [
  "event_id",
  "session_id",
  "parent_id",
  "event_type",
  "event_name",
  "source",
  "error",
  "model",
  "provider",
] as const;

/** Filterable numeric columns (cost and tokens are extracted from metadata). */
export const NUMBER_COLUMNS = [
  "start_time",
  "end_time",
  "duration",
  "cost",
  "prompt_tokens",
  "completion_tokens",
  "total_tokens",
] as const;

/** Columns returned by reads, in StoredEvent order (span_ref and extracted columns stay internal). */
export const EVENT_READ_COLUMNS =
  "project_id, event_id, session_id, parent_id, event_type, event_name, source, config, inputs, outputs, " +
  "error, start_time, end_time, duration, metadata, feedback, metrics, user_properties";

export interface ExtractedColumns {
  model: string | null;
  provider: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  cost: number | null;
}

/** A full row as written: the event, its project, span_ref and extracted columns. */
export interface EventRow extends HoneyHiveEvent, ExtractedColumns {
  project_id: string;
  span_ref: string | null;
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** model/provider from config, cost and token counts from metadata (numbers only, else null). */
export function extractColumns(config: JsonObject, metadata: JsonObject): ExtractedColumns {
  return {
    model: str(config["model"]),
    provider: str(config["provider"]),
    prompt_tokens: num(metadata["prompt_tokens"]),
    completion_tokens: num(metadata["completion_tokens"]),
    total_tokens: num(metadata["total_tokens"]),
    cost: num(metadata["cost"]),
  };
}

export const isPlainObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const obj = (v: unknown): JsonObject => (isPlainObject(v) ? v : {});

/** Builds the row for an event, defaulting missing JSON objects to {} and error to null. */
export function toEventRow(projectId: string, e: HoneyHiveEvent, spanRef: string | null): EventRow {
  const config = obj(e.config);
  const metadata = obj(e.metadata);
  return {
    project_id: projectId,
    event_id: e.event_id,
    session_id: e.session_id,
    parent_id: e.parent_id ?? null,
    event_type: e.event_type,
    event_name: e.event_name,
    source: e.source,
    config,
    inputs: obj(e.inputs),
    outputs: obj(e.outputs),
    error: e.error ?? null,
    start_time: e.start_time,
    end_time: e.end_time,
    duration: e.duration,
    metadata,
    feedback: obj(e.feedback),
    metrics: obj(e.metrics),
    user_properties: obj(e.user_properties),
    span_ref: spanRef,
    ...extractColumns(config, metadata),
  };
}

/** Recursive merge: nested plain objects merge, everything else (arrays, scalars, null) replaces. */
export function deepMerge(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

/** Applies PUT /events semantics: JSON objects deep-merge, scalars replace. */
export function applyEventPatch(e: HoneyHiveEvent, patch: EventPatch): HoneyHiveEvent {
  const next: HoneyHiveEvent = { ...e };
  for (const col of JSON_COLUMNS) {
    const value = patch[col];
    if (isPlainObject(value)) next[col] = deepMerge(e[col], value);
  }
  if (typeof patch.duration === "number") next.duration = patch.duration;
  if (typeof patch.end_time === "number") next.end_time = patch.end_time;
  if (patch.error !== undefined) next.error = patch.error;
  if (typeof patch.event_name === "string") next.event_name = patch.event_name;
  return next;
}

/** A session is the root event: type "session", event_id = session_id, no parent. */
export const asSessionEvent = (s: HoneyHiveEvent): HoneyHiveEvent => ({
  ...s,
  event_id: s.session_id,
  event_type: "session",
  parent_id: null,
});

/**
 * upsertSession on an existing session: name, source, inputs, config and times
 * replace; metadata, user_properties, metrics, feedback and outputs merge
 * shallowly (new keys win); a non-null error replaces.
 */
export function mergeSession(existing: HoneyHiveEvent, incoming: HoneyHiveEvent): HoneyHiveEvent {
  return {
    ...existing,
    event_name: incoming.event_name,
    source: incoming.source,
    inputs: obj(incoming.inputs),
    config: obj(incoming.config),
    start_time: incoming.start_time,
    end_time: incoming.end_time,
    duration: incoming.duration,
    metadata: { ...existing.metadata, ...obj(incoming.metadata) },
    user_properties: { ...existing.user_properties, ...obj(incoming.user_properties) },
    metrics: { ...existing.metrics, ...obj(incoming.metrics) },
    feedback: { ...existing.feedback, ...obj(incoming.feedback) },
    outputs: { ...existing.outputs, ...obj(incoming.outputs) },
    error: incoming.error ?? existing.error,
  };
}

/** Decodes a read row; `json` turns a JSON column value (text or parsed jsonb) into an object. */
export function decodeEventRow(r: Record<string, unknown>, json: (v: unknown) => JsonObject): StoredEvent {
  return {
    project_id: r["project_id"] as string,
    event_id: r["event_id"] as string,
    session_id: r["session_id"] as string,
    parent_id: (r["parent_id"] as string | null) ?? null,
    children_ids: [],
    event_type: r["event_type"] as EventType,
    event_name: r["event_name"] as string,
    source: r["source"] as string,
    config: json(r["config"]),
    inputs: json(r["inputs"]),
    outputs: json(r["outputs"]),
    error: (r["error"] as string | null) ?? null,
    start_time: r["start_time"] as number,
    end_time: r["end_time"] as number,
    duration: r["duration"] as number,
    metadata: json(r["metadata"]),
    feedback: json(r["feedback"]),
    metrics: json(r["metrics"]),
    user_properties: json(r["user_properties"]),
  };
}

/** Fills children_ids from the events of the list itself (session reads), keeping list order. */
export function attachChildrenWithin(events: StoredEvent[]): StoredEvent[] {
  const byId = new Map(events.map((e) => [e.event_id, e]));
  for (const e of events) {
    if (e.parent_id !== null && e.parent_id !== e.event_id)
      byId.get(e.parent_id)?.children_ids.push(e.event_id);
  }
  return events;
}

/** Fills children_ids from (parent_id, event_id) pairs, already ordered by start_time, event_id. */
export function attachChildren(
  events: StoredEvent[],
  pairs: Iterable<{ parent_id: string; event_id: string }>,
): StoredEvent[] {
  const byId = new Map(events.map((e) => [e.event_id, e]));
  for (const p of pairs) {
    if (p.parent_id !== p.event_id) byId.get(p.parent_id)?.children_ids.push(p.event_id);
  }
  return events;
}

import type { JsonObject } from "@honeyhive-ts/semconv";
import type { PlannedRow } from "./batch-plan.js";
import type { EventRow } from "./event-codec.js";
import type { SqlDialect } from "./event-query-sql.js";

/** SQLite spelling of the event statements: insert columns, bind values, JSON filter SQL. */

export const INSERT_COLUMNS =
  "project_id, event_id, session_id, parent_id, event_type, event_name, source, config, inputs, outputs, error, " +
  "start_time, end_time, duration, metadata, feedback, metrics, user_properties, span_ref, " +
  "model, provider, prompt_tokens, completion_tokens, total_tokens, cost";
export const INSERT_VALUES = `(${Array(25).fill("?").join(", ")})`;
/** The event insert every SQLite connection prepares: idempotent on (project, event id). */
export const INSERT_EVENT_SQL = `INSERT INTO events (${INSERT_COLUMNS}) VALUES ${INSERT_VALUES}
  ON CONFLICT (project_id, event_id) DO NOTHING`;

export const parseJson = (v: unknown): JsonObject =>
  typeof v === "string" ? (JSON.parse(v) as JsonObject) : {};

/** JSON path as SQLite spells it: $."key"[0]."other". Segments are pre-validated (no quotes). */
const sqlitePath = (path: readonly string[]): string =>
  `$${path.map((s) => (/^[0-9]+$/.test(s) ? `[${s}]` : `."${s}"`)).join("")}`;

export const sqliteDialect: SqlDialect = {
  placeholder: () => "?",
  pathParam: sqlitePath,
  jsonText: (c, p) =>
    `(CASE json_type(${c}, ${p()}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ` +
    `WHEN 'object' THEN NULL WHEN 'array' THEN NULL ELSE CAST(json_extract(${c}, ${p()}) AS TEXT) END)`,
  jsonNumber: (c, p) =>
    `(CASE WHEN json_type(${c}, ${p()}) IN ('integer', 'real') THEN json_extract(${c}, ${p()}) END)`,
  jsonBool: (c, p, v) => `json_type(${c}, ${p()}) = '${v ? "true" : "false"}'`,
  jsonExists: (c, p) => `COALESCE(json_type(${c}, ${p()}), 'null') <> 'null'`,
  icontains: (expr, needle) => `hh_icontains(${expr}, ${needle})`,
  byteOrder: (expr) => expr,
};

/** Bind values for one row, JSON columns stringified once each. */
export function rowValues(r: PlannedRow | EventRow): unknown[] {
  return [
    r.project_id,
    r.event_id,
    r.session_id,
    r.parent_id,
    r.event_type,
    r.event_name,
    r.source,
    JSON.stringify(r.config),
    JSON.stringify(r.inputs),
    JSON.stringify(r.outputs),
    r.error,
    r.start_time,
    r.end_time,
    r.duration,
    JSON.stringify(r.metadata),
    JSON.stringify(r.feedback),
    JSON.stringify(r.metrics),
    JSON.stringify(r.user_properties),
    r.span_ref,
    r.model,
    r.provider,
    r.prompt_tokens,
    r.completion_tokens,
    r.total_tokens,
    r.cost,
  ];
}

/** What an update rewrites: everything but identity, links and span_ref. */
const UPDATE_COLUMNS = [
  "event_name",
  "source",
  "config",
  "inputs",
  "outputs",
  "error",
  "start_time",
  "end_time",
  "duration",
  "metadata",
  "feedback",
  "metrics",
  "user_properties",
  "model",
  "provider",
  "prompt_tokens",
  "completion_tokens",
  "total_tokens",
  "cost",
];
const INSERT_ORDER = INSERT_COLUMNS.split(", ");
const UPDATE_POSITIONS = UPDATE_COLUMNS.map((c) => INSERT_ORDER.indexOf(c));
export const UPDATE_SET = UPDATE_COLUMNS.map((c) => `${c} = ?`).join(", ");

/** Bind values for UPDATE_SET, taken from rowValues so both serialise a row the same way. */
export function updateValues(r: EventRow): unknown[] {
  const values = rowValues(r);
  return UPDATE_POSITIONS.map((i) => values[i]);
}

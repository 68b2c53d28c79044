import type { JsonObject } from "@honeyhive-ts/semconv";
import type { SqlDriver, SqlRow } from "../../storage/sql/driver.js";
import { jsonObject, numberColumn } from "../../storage/sql/rows.js";
import type { EventFilter } from "../../storage/types.js";
import { chunks, eventWhere, placeholders } from "../charts/event-sql.js";
import type { Run } from "./types.js";

/** The fields of an event that results and comparisons read. */
export interface RunEvent {
  event_id: string;
  session_id: string;
  parent_id: string | null;
  event_type: string;
  event_name: string;
  start_time: number;
  duration: number;
  metrics: JsonObject;
  metadata: JsonObject;
  /** Only when loaded with `withContent`. */
  inputs?: JsonObject;
  outputs?: JsonObject;
  error?: string | null;
}

/** One session of a run, with the datapoint it evaluated. */
export interface RunSession {
  session_id: string;
  datapoint_id: string;
  /** The session event first, then its events by start time. */
  events: RunEvent[];
}

export interface LoadOptions {
  /** Also read inputs, outputs and error (for side-by-side views). */
  withContent?: boolean;
  /** Extra event filters (validated); only matching events are loaded (datapoint ids are read regardless). */
  filters?: EventFilter[];
}

const BASE =
  "event_id, session_id, parent_id, event_type, event_name, start_time, duration, metrics, metadata";

function decode(row: SqlRow, withContent: boolean): RunEvent {
  const e: RunEvent = {
    event_id: String(row["event_id"]),
    session_id: String(row["session_id"]),
    parent_id: row["parent_id"] === null ? null : String(row["parent_id"]),
    event_type: String(row["event_type"]),
    event_name: String(row["event_name"]),
    start_time: numberColumn(row["start_time"]) ?? 0,
    duration: numberColumn(row["duration"]) ?? 0,
    metrics: jsonObject(row["metrics"]),
    metadata: jsonObject(row["metadata"]),
  };
  if (withContent) {
    e.inputs = jsonObject(row["inputs"]);
    e.outputs = jsonObject(row["outputs"]);
    e.error = row["error"] === null ? null : String(row["error"]);
  }
  return e;
}

/**
 * The run's sessions in order: its event_ids (each resolved to the session it
 * belongs to, so a run may list session ids or any event of a session), then
 * session_ids not listed yet. Position i is aligned with datapoint_ids[i].
 */
async function orderedSessionIds(sql: SqlDriver, projectId: string, run: Run): Promise<string[]> {
  const sessionOf = new Map<string, string>();
  const events = sql.table("events");
  for (const ids of chunks(run.event_ids)) {
    const rows = await sql.all(
      `SELECT event_id, session_id FROM ${events} WHERE project_id = ? AND event_id IN (${placeholders(ids.length)})`,
      [projectId, ...ids],
    );
    for (const r of rows) sessionOf.set(String(r["event_id"]), String(r["session_id"]));
  }
  const ordered = [...run.event_ids.map((id) => sessionOf.get(id) ?? id), ...run.session_ids];
  return [...new Set(ordered)];
}

/**
 * Loads the run's sessions with their events, a bounded IN list at a time.
 * A session's datapoint is its `metadata.datapoint_id` (set by evaluation
 * frameworks), else the run's datapoint id at the session's position, else
 * the session id. Listed ids that match no session and no event are left out.
 */
export async function loadRunSessions(
  sql: SqlDriver,
  projectId: string,
  run: Run,
  options: LoadOptions = {},
): Promise<RunSession[]> {
  const withContent = options.withContent === true;
  const sessionIds = await orderedSessionIds(sql, projectId, run);
  const filter = eventWhere(sql, { projectId, filters: options.filters ?? [] });
  const columns = withContent ? `${BASE}, inputs, outputs, error` : BASE;
  const bySession = new Map<string, RunEvent[]>();
  const named = new Map<string, unknown>();
  const table = sql.table("events");
  for (const ids of chunks(sessionIds)) {
    const roots = await sql.all(
      `SELECT event_id, metadata FROM ${table} WHERE project_id = ? AND event_type = 'session' AND event_id IN (${placeholders(ids.length)})`,
      [projectId, ...ids],
    );
    for (const r of roots) named.set(String(r["event_id"]), jsonObject(r["metadata"])["datapoint_id"]);
    const rows = await sql.all(
      `SELECT ${columns} FROM ${table} WHERE ${filter.sql} AND session_id IN (${placeholders(ids.length)})`,
      [...filter.params, ...ids],
    );
    for (const row of rows) {
      const e = decode(row, withContent);
      const list = bySession.get(e.session_id) ?? [];
      list.push(e);
      bySession.set(e.session_id, list);
    }
  }
  const out: RunSession[] = [];
  for (const [position, sessionId] of sessionIds.entries()) {
    if (!named.has(sessionId) && !bySession.has(sessionId)) continue;
    const events = bySession.get(sessionId) ?? [];
    events.sort((a, b) => rank(a) - rank(b) || a.start_time - b.start_time || cmp(a.event_id, b.event_id));
    const given = named.get(sessionId);
    const datapoint_id =
      typeof given === "string" && given !== "" ? given : (run.datapoint_ids[position] ?? sessionId);
    out.push({ session_id: sessionId, datapoint_id, events });
  }
  return out;
}

const rank = (e: RunEvent): number => (e.event_type === "session" ? 0 : 1);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

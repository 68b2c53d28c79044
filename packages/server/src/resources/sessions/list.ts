import type { JsonObject } from "@honeyhive-ts/semconv";
import { HoneyHiveError } from "../../errors.js";
import { compileFilter } from "../../storage/event-filter.js";
import { buildWhere } from "../../storage/event-query-sql.js";
import type { SqlDriver, SqlParam, SqlRow } from "../../storage/sql/driver.js";
import { jsonObject, numberColumn } from "../../storage/sql/rows.js";
import type { EventFilter } from "../../storage/types.js";
import { eventDialect } from "../charts/event-sql.js";

/**
 * The sessions table of the web app: one row per session from the rollups
 * that triggers keep (storage/migrations/session-rollups.ts) joined to the
 * session event by primary key. Sorting walks a (project, key, session_id)
 * index and paging is keyset (the cursor holds the last row's key), so a page
 * costs the same on the first and the thousandth page, whatever the number
 * of events.
 */

export const SORT_KEYS = [
  "start_time",
  "duration",
  "event_count",
  "total_tokens",
  "cost",
  "error_count",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** A session written to within this window is reported as running. */
export const RUNNING_WINDOW_MS = 60_000;

export interface SessionListQuery {
  projectId: string;
  startTime?: number;
  endTime?: number;
  search?: string;
  source?: string;
  userId?: string;
  hasError?: boolean;
  filters?: EventFilter[];
  sortBy?: SortKey;
  sortOrder?: "asc" | "desc";
  limit?: number;
  cursor?: string;
}

export interface SessionSummary {
  session_id: string;
  session_name: string;
  source: string;
  user_id: string | null;
  start_time: number;
  end_time: number;
  duration_ms: number;
  event_count: number;
  error_count: number;
  model_count: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost: number;
  feedback: JsonObject;
  metadata: JsonObject;
  metrics: JsonObject;
  running: boolean;
}

const invalidCursor = (): HoneyHiveError =>
  new HoneyHiveError(
    "HH_E_INVALID_CURSOR",
    400,
    "The cursor is not one this listing gave out",
    "Pass next_cursor from the previous page unchanged, with the same sort_by and sort_order; start again without a cursor otherwise.",
  );

interface Cursor {
  by: SortKey;
  order: "asc" | "desc";
  value: number;
  id: string;
}

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString("base64url");

function decodeCursor(raw: string, by: SortKey, order: "asc" | "desc"): Cursor {
  let c: Partial<Cursor>;
  try {
    c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
  } catch {
    throw invalidCursor();
  }
  if (c?.by !== by || c.order !== order || typeof c.value !== "number" || typeof c.id !== "string") {
    throw invalidCursor();
  }
  return c as Cursor;
}

/** The session event's conditions: name search, source, user and the caller's filters. */
function sessionFilters(q: SessionListQuery): EventFilter[] {
  const out: EventFilter[] = [...(q.filters ?? [])];
  if (q.search) out.push({ field: "event_name", operator: "contains", value: q.search });
  if (q.source) out.push({ field: "source", operator: "is", value: q.source });
  if (q.userId)
    out.push({ field: "user_properties.user_id", operator: "is", value: q.userId, type: "string" });
  return out;
}

const COLUMNS = `r.session_id, r.start_time, r.end_time, r.duration, r.event_count, r.error_count,
  r.model_count, r.prompt_tokens, r.completion_tokens, r.total_tokens, r.cost, r.updated_at,
  s.event_name, s.source, s.user_properties, s.metadata, s.feedback, s.metrics`;

function toSummary(row: SqlRow, now: number): SessionSummary {
  const num = (k: string): number => numberColumn(row[k]) ?? 0;
  const user = jsonObject(row["user_properties"])["user_id"];
  return {
    session_id: String(row["session_id"]),
    session_name: String(row["event_name"]),
    source: String(row["source"]),
    user_id: typeof user === "string" ? user : typeof user === "number" ? String(user) : null,
    start_time: num("start_time"),
    end_time: num("end_time"),
    duration_ms: num("duration"),
    event_count: num("event_count"),
    error_count: num("error_count"),
    model_count: num("model_count"),
    prompt_tokens: num("prompt_tokens"),
    completion_tokens: num("completion_tokens"),
    total_tokens: num("total_tokens"),
    cost: Math.round(num("cost") * 1e9) / 1e9,
    feedback: jsonObject(row["feedback"]),
    metadata: jsonObject(row["metadata"]),
    metrics: jsonObject(row["metrics"]),
    running: now - num("updated_at") < RUNNING_WINDOW_MS,
  };
}

/** One page of sessions and the cursor of the next (null on the last page). */
export async function listSessions(
  sql: SqlDriver,
  q: SessionListQuery,
): Promise<{ sessions: SessionSummary[]; next_cursor: string | null }> {
  const by = q.sortBy ?? "start_time";
  const order = q.sortOrder ?? "desc";
  const limit = Math.min(200, Math.max(1, Math.floor(q.limit ?? 50)));
  const where = buildWhere(
    {
      projectId: q.projectId,
      predicates: sessionFilters(q).map(compileFilter),
      gte: null,
      lte: null,
      limit,
      offset: 0,
      desc: true,
    },
    eventDialect(sql),
    "s",
  );
  const parts = [`r.project_id = ?`, where.sql];
  const params: SqlParam[] = [q.projectId, ...(where.params as SqlParam[])];
  const bind = (condition: string, ...values: SqlParam[]): void => {
    parts.push(condition);
    params.push(...values);
  };
  if (q.startTime !== undefined) bind("r.start_time >= ?", q.startTime);
  if (q.endTime !== undefined) bind("r.start_time <= ?", q.endTime);
  if (q.hasError !== undefined) parts.push(q.hasError ? "r.error_count > 0" : "r.error_count = 0");
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor, by, order);
    bind(`(r.${by}, r.session_id) ${order === "desc" ? "<" : ">"} (?, ?)`, c.value, c.id);
  }
  const dir = order === "desc" ? "DESC" : "ASC";
  const rows = await sql.all(
    `SELECT ${COLUMNS} FROM ${sql.table("session_rollups")} r
     JOIN ${sql.table("events")} s ON s.project_id = r.project_id AND s.event_id = r.session_id
     WHERE ${parts.join(" AND ")}
     ORDER BY r.${by} ${dir}, r.session_id ${dir} LIMIT ?`,
    [...params, limit + 1],
  );
  const now = Date.now();
  const sessions = rows.slice(0, limit).map((r) => toSummary(r, now));
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const next_cursor =
    last === undefined
      ? null
      : encodeCursor({ by, order, value: numberColumn(last[by]) ?? 0, id: String(last["session_id"]) });
  return { sessions, next_cursor };
}

/** Summaries of the given sessions of a project (those whose session event exists). */
export async function sessionSummaries(
  sql: SqlDriver,
  projectId: string,
  sessionIds: readonly string[],
): Promise<SessionSummary[]> {
  if (sessionIds.length === 0) return [];
  const rows = await sql.all(
    `SELECT ${COLUMNS} FROM ${sql.table("session_rollups")} r
     JOIN ${sql.table("events")} s ON s.project_id = r.project_id AND s.event_id = r.session_id
     WHERE r.project_id = ? AND r.session_id IN (${sessionIds.map(() => "?").join(", ")})`,
    [projectId, ...sessionIds],
  );
  const now = Date.now();
  return rows.map((r) => toSummary(r, now));
}

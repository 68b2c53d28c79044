import type { HoneyHiveEvent, JsonObject, StoredEvent } from "@honeyhive-ts/semconv";
import type BetterSqlite3 from "better-sqlite3";
import { type ParentFixup, type PlannedRow, planBatch } from "./batch-plan.js";
import {
  applyEventPatch,
  asSessionEvent,
  attachChildren,
  attachChildrenWithin,
  decodeEventRow,
  EVENT_READ_COLUMNS,
  mergeSession,
  toEventRow,
} from "./event-codec.js";
import { compileQuery } from "./event-filter.js";
import { buildWhere, orderBy, type SqlDialect } from "./event-query-sql.js";
import type { EventPatch, EventQuery, Storage, WriteBatchItem } from "./types.js";

type Db = BetterSqlite3.Database;
type Row = Record<string, unknown>;
type Relink = { id: number; event_id: string; parent_id: string };
type EventMethods = Pick<
  Storage,
  | "writeBatch"
  | "upsertSession"
  | "getEvent"
  | "updateEvent"
  | "deleteEvent"
  | "queryEvents"
  | "getSessionEvents"
  | "deleteSession"
>;

const INSERT_COLUMNS =
  "project_id, event_id, session_id, parent_id, event_type, event_name, source, config, inputs, outputs, error, " +
  "start_time, end_time, duration, metadata, feedback, metrics, user_properties, span_ref, " +
  "model, provider, prompt_tokens, completion_tokens, total_tokens, cost";
const INSERT_VALUES = `(${Array(25).fill("?").join(", ")})`;

const parseJson = (v: unknown): JsonObject => (typeof v === "string" ? (JSON.parse(v) as JsonObject) : {});

/** JSON path as SQLite spells it: $."key"[0]."other". Segments are pre-validated (no quotes). */
const sqlitePath = (path: readonly string[]): string =>
  `$${path.map((s) => (/^[0-9]+$/.test(s) ? `[${s}]` : `."${s}"`)).join("")}`;

const dialect: SqlDialect = {
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
function rowValues(r: PlannedRow | ReturnType<typeof toEventRow>): unknown[] {
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

export function sqliteEventMethods(db: Db): EventMethods {
  db.function("hh_icontains", { deterministic: true }, (hay: unknown, needle: unknown) =>
    hay === null || needle === null ? null : String(hay).toLowerCase().includes(String(needle)) ? 1 : 0,
  );
  const insert = db.prepare(`INSERT INTO events (${INSERT_COLUMNS}) VALUES ${INSERT_VALUES}
    ON CONFLICT (project_id, event_id) DO NOTHING`);
  // Parent linking costs one indexed statement per project and batch, plus one update per re-linked child.
  // INDEXED BY pins the (project_id, parent_id) index: without statistics the planner may scan the project.
  const byRefs = db.prepare(
    "SELECT span_ref, event_id FROM events WHERE project_id = ? AND span_ref IN (SELECT value FROM json_each(?))",
  );
  const childrenOfRefs = db.prepare(
    `SELECT rowid AS id, event_id, parent_id FROM events INDEXED BY events_parent
     WHERE project_id = ? AND parent_id IN (SELECT value FROM json_each(?))`,
  );
  const setParent = db.prepare("UPDATE events SET parent_id = ? WHERE rowid = ?");
  const selectOne = db.prepare(
    `SELECT ${EVENT_READ_COLUMNS} FROM events WHERE project_id = ? AND event_id = ?`,
  );
  const childIds = db
    .prepare(
      "SELECT event_id FROM events INDEXED BY events_parent WHERE project_id = ? AND parent_id = ? AND event_id <> ? ORDER BY start_time, event_id",
    )
    .pluck() as BetterSqlite3.Statement<unknown[], string>;
  const childPairs = db.prepare(
    `SELECT parent_id, event_id FROM events INDEXED BY events_parent
     WHERE project_id = ? AND parent_id IN (SELECT value FROM json_each(?))
     ORDER BY start_time, event_id`,
  );
  const sessionRows = db.prepare(
    `SELECT ${EVENT_READ_COLUMNS} FROM events WHERE project_id = ? AND session_id = ? ORDER BY start_time, event_id`,
  );
  const deleteOne = db.prepare("DELETE FROM events WHERE project_id = ? AND event_id = ?");
  const deleteBySession = db.prepare("DELETE FROM events WHERE project_id = ? AND session_id = ?");
  const updateRow = db.prepare(
    `UPDATE events SET event_name = ?, source = ?, config = ?, inputs = ?, outputs = ?, error = ?, start_time = ?,
     end_time = ?, duration = ?, metadata = ?, feedback = ?, metrics = ?, user_properties = ?, model = ?, provider = ?,
     prompt_tokens = ?, completion_tokens = ?, total_tokens = ?, cost = ? WHERE project_id = ? AND event_id = ?`,
  );

  const queryCache = new Map<string, BetterSqlite3.Statement>();
  const cached = (sql: string): BetterSqlite3.Statement => {
    let stmt = queryCache.get(sql);
    if (stmt === undefined) {
      if (queryCache.size >= 256) queryCache.delete(queryCache.keys().next().value as string);
      stmt = db.prepare(sql);
      queryCache.set(sql, stmt);
    }
    return stmt;
  };

  /** Resolves lookup_ref against stored span_refs, one query per project. */
  const resolveStoredParents = (rows: PlannedRow[]): void => {
    const refsByProject = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r.lookup_ref === null) continue;
      const refs = refsByProject.get(r.project_id) ?? new Set<string>();
      refsByProject.set(r.project_id, refs.add(r.lookup_ref));
    }
    const found = new Map<string, string>();
    for (const [projectId, refs] of refsByProject) {
      const hits = byRefs.all(projectId, JSON.stringify([...refs])) as {
        span_ref: string;
        event_id: string;
      }[];
      for (const h of hits) {
        const k = `${projectId}\u0000${h.span_ref}`;
        if (!found.has(k)) found.set(k, h.event_id);
      }
    }
    for (const r of rows) {
      if (r.lookup_ref !== null)
        r.parent_id = found.get(`${r.project_id}\u0000${r.lookup_ref}`) ?? r.lookup_ref;
    }
  };

  /** Children stored with parent_id = span_ref of an event now written under another id move to that id. */
  const relinkStoredChildren = (fixups: ParentFixup[]): void => {
    const byProject = new Map<string, Map<string, string>>();
    for (const f of fixups) {
      const m = byProject.get(f.project_id) ?? new Map<string, string>();
      if (!m.has(f.span_ref)) m.set(f.span_ref, f.event_id);
      byProject.set(f.project_id, m);
    }
    for (const [projectId, m] of byProject) {
      const hits = childrenOfRefs.all(projectId, JSON.stringify([...m.keys()])) as Relink[];
      for (const h of hits) {
        const target = m.get(h.parent_id);
        if (target !== undefined && target !== h.event_id) setParent.run(target, h.id);
      }
    }
  };

  const writeTx = db.transaction((items: WriteBatchItem[]) => {
    const { rows, fixups } = planBatch(items);
    resolveStoredParents(rows);
    for (const r of rows) insert.run(rowValues(r));
    relinkStoredChildren(fixups);
  });

  const read = (projectId: string, eventId: string): StoredEvent | null => {
    const row = selectOne.get(projectId, eventId) as Row | undefined;
    return row === undefined ? null : decodeEventRow(row, parseJson);
  };
  const readWithChildren = (projectId: string, eventId: string): StoredEvent | null => {
    const e = read(projectId, eventId);
    if (e !== null) e.children_ids = childIds.all(projectId, eventId, eventId);
    return e;
  };
  const rewrite = (projectId: string, e: HoneyHiveEvent): void => {
    const r = toEventRow(projectId, e, null);
    updateRow.run(
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
      r.model,
      r.provider,
      r.prompt_tokens,
      r.completion_tokens,
      r.total_tokens,
      r.cost,
      projectId,
      r.event_id,
    );
  };

  const upsertTx = db.transaction((projectId: string, session: HoneyHiveEvent): StoredEvent => {
    const s = asSessionEvent(session);
    const existing = read(projectId, s.event_id);
    if (existing === null) insert.run(rowValues(toEventRow(projectId, s, null)));
    else rewrite(projectId, mergeSession(existing, s));
    return readWithChildren(projectId, s.event_id)!;
  });
  const updateTx = db.transaction((projectId: string, eventId: string, patch: EventPatch) => {
    const existing = read(projectId, eventId);
    if (existing === null) return null;
    rewrite(projectId, applyEventPatch(existing, patch));
    return readWithChildren(projectId, eventId);
  });

  return {
    async writeBatch(items) {
      writeTx.immediate(items);
    },
    async upsertSession(projectId, session) {
      return upsertTx.immediate(projectId, session);
    },
    async getEvent(projectId, eventId) {
      return readWithChildren(projectId, eventId);
    },
    async updateEvent(projectId, eventId, patch) {
      return updateTx.immediate(projectId, eventId, patch);
    },
    async deleteEvent(projectId, eventId) {
      return deleteOne.run(projectId, eventId).changes > 0;
    },
    async queryEvents(query: EventQuery) {
      const q = compileQuery(query);
      const where = buildWhere(q, dialect);
      const total = cached(`SELECT COUNT(*) AS n FROM events WHERE ${where.sql}`)
        .pluck()
        .get(...where.params);
      const rows = cached(
        `SELECT ${EVENT_READ_COLUMNS} FROM events WHERE ${where.sql} ${orderBy(q)} LIMIT ? OFFSET ?`,
      ).all(...where.params, q.limit, q.offset) as Row[];
      const events = rows.map((r) => decodeEventRow(r, parseJson));
      if (events.length > 0) {
        const ids = JSON.stringify(events.map((e) => e.event_id));
        attachChildren(events, childPairs.all(q.projectId, ids) as { parent_id: string; event_id: string }[]);
      }
      return { events, total: Number(total) };
    },
    async getSessionEvents(projectId, sessionId) {
      const rows = sessionRows.all(projectId, sessionId) as Row[];
      return attachChildrenWithin(rows.map((r) => decodeEventRow(r, parseJson)));
    },
    async deleteSession(projectId, sessionId) {
      return deleteBySession.run(projectId, sessionId).changes;
    },
  };
}

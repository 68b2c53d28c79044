import type { HoneyHiveEvent, StoredEvent } from "@honeyhive-ts/semconv";
import type BetterSqlite3 from "better-sqlite3";
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
import { buildWhere, orderBy } from "./event-query-sql.js";
import { createRollupAdder } from "./sqlite-rollups.js";
import {
  INSERT_EVENT_SQL,
  parseJson,
  rowValues,
  sqliteDialect,
  UPDATE_SET,
  updateValues,
} from "./sqlite-sql.js";
import type { EventPatch, EventQuery, Storage } from "./types.js";

type Db = BetterSqlite3.Database;
type Row = Record<string, unknown>;
type EventMethods = Pick<
  Storage,
  | "upsertSession"
  | "getEvent"
  | "updateEvent"
  | "deleteEvent"
  | "queryEvents"
  | "getSessionEvents"
  | "deleteSession"
>;

export function sqliteEventMethods(db: Db): EventMethods {
  db.function("hh_icontains", { deterministic: true }, (hay: unknown, needle: unknown) =>
    hay === null || needle === null ? null : String(hay).toLowerCase().includes(String(needle)) ? 1 : 0,
  );
  const insert = db.prepare(INSERT_EVENT_SQL);
  const rollups = createRollupAdder(db);
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
  // The rollup goes first, so the per-row delete trigger finds none to recompute.
  const deleteRollup = db.prepare("DELETE FROM session_rollups WHERE project_id = ? AND session_id = ?");
  const deleteSessionTx = db.transaction((projectId: string, sessionId: string): number => {
    deleteRollup.run(projectId, sessionId);
    return deleteBySession.run(projectId, sessionId).changes;
  });
  const updateRow = db.prepare(`UPDATE events SET ${UPDATE_SET} WHERE project_id = ? AND event_id = ?`);

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
    updateRow.run(...updateValues(toEventRow(projectId, e, null)), projectId, e.event_id);
  };

  const upsertTx = db.transaction((projectId: string, session: HoneyHiveEvent): StoredEvent => {
    const s = asSessionEvent(session);
    const existing = read(projectId, s.event_id);
    if (existing === null) {
      const values = rowValues(toEventRow(projectId, s, null));
      if (insert.run(values).changes > 0) rollups.add(values);
      rollups.flush();
    } else rewrite(projectId, mergeSession(existing, s));
    return readWithChildren(projectId, s.event_id)!;
  });
  const updateTx = db.transaction((projectId: string, eventId: string, patch: EventPatch) => {
    const existing = read(projectId, eventId);
    if (existing === null) return null;
    rewrite(projectId, applyEventPatch(existing, patch));
    return readWithChildren(projectId, eventId);
  });

  return {
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
      const where = buildWhere(q, sqliteDialect);
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
      return deleteSessionTx.immediate(projectId, sessionId);
    },
  };
}

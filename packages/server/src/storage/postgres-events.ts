import type { HoneyHiveEvent, JsonObject, StoredEvent } from "@honeyhive-ts/semconv";
import type pg from "pg";
import { type BatchPlan, planBatch } from "./batch-plan.js";
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
import { pgJson } from "./postgres-json.js";
import { COLUMNS, chunkRows, postgresDialect, RECORD_DEF, UPDATABLE } from "./postgres-sql.js";
import { inTransaction, retryOnDeadlock } from "./postgres-tx.js";
import type { Storage } from "./types.js";

type Row = Record<string, unknown>;
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

export function postgresEventMethods(pool: pg.Pool, prefix: string, containsCollation: string): EventMethods {
  const events = `${prefix}events`;
  const dialect = postgresDialect(containsCollation);

  // One statement per batch: insert (parents looked up by span_ref in the same statement) and
  // the reverse fix-up. A single statement is atomic and durable once it returns (autocommit).
  const writeSql = `WITH r AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${RECORD_DEF})),
  ins AS (
    INSERT INTO ${events} (${COLUMNS.join(", ")})
    SELECT ${COLUMNS.map((c) =>
      c === "parent_id"
        ? `COALESCE(r.parent_id, (SELECT p.event_id FROM ${events} p WHERE p.project_id = r.project_id
             AND p.event_id = r.lookup_ref), (SELECT p.event_id FROM ${events} p WHERE p.project_id = r.project_id
             AND p.span_ref = r.lookup_ref LIMIT 1), r.lookup_ref)`
        : `r.${c}`,
    ).join(", ")}
    FROM r ON CONFLICT (project_id, event_id) DO NOTHING RETURNING 1),
  fix AS (
    UPDATE ${events} c SET parent_id = f.event_id
    FROM json_to_recordset($2::json) AS f(project_id text, span_ref text, event_id text)
    WHERE c.project_id = f.project_id AND c.parent_id = f.span_ref AND c.event_id <> f.event_id RETURNING 1)
  SELECT (SELECT count(*) FROM ins)::int AS inserted`;
  // After commit: links a concurrent batch could have missed (its child and our parent, or the
  // reverse, committed while the other statement ran). Idempotent.
  const repairSql = `UPDATE ${events} c SET parent_id = p.event_id
    FROM json_to_recordset($1::json) AS k(project_id text, ref text), ${events} p
    WHERE c.project_id = k.project_id AND c.parent_id = k.ref AND p.project_id = k.project_id
      AND p.span_ref = k.ref AND p.event_id <> k.ref AND c.event_id <> p.event_id`;
  const selectWithChildren = `SELECT ${EVENT_READ_COLUMNS}, ARRAY(SELECT c.event_id FROM ${events} c
      WHERE c.project_id = e.project_id AND c.parent_id = e.event_id AND c.event_id <> e.event_id
      ORDER BY c.start_time, c.event_id) AS children_ids
    FROM ${events} e WHERE project_id = $1 AND event_id = $2`;
  const updateSql = `UPDATE ${events} e SET ${UPDATABLE.map((c) => `${c} = r.${c}`).join(", ")}
    FROM jsonb_to_record($1::jsonb) AS r(${RECORD_DEF}) WHERE e.project_id = $2 AND e.event_id = $3`;

  const json = (v: unknown): JsonObject => (v as JsonObject | null) ?? {};
  const decode = (r: Row): StoredEvent => {
    const e = decodeEventRow(r, json);
    if (Array.isArray(r["children_ids"])) e.children_ids = r["children_ids"] as string[];
    return e;
  };

  /** Runs the write statement for one chunk of rows (a JSON array text); returns how many were inserted. */
  async function writeChunk(
    client: pg.Pool | pg.PoolClient,
    rowsJson: string,
    fixupsJson: string,
  ): Promise<number> {
    const res = await client.query({
      name: "hh_write_batch",
      text: writeSql,
      values: [rowsJson, fixupsJson],
    });
    return (res.rows[0] as { inserted: number }).inserted;
  }
  /** One autocommit statement when the rows fit in one chunk, else one transaction over all chunks. */
  async function write(plan: BatchPlan): Promise<number> {
    const chunks = chunkRows(plan.rows);
    const fixups = pgJson(plan.fixups);
    if (chunks.length === 1) return writeChunk(pool, chunks[0]!, fixups);
    return inTransaction(pool, async (c) => {
      let inserted = 0;
      for (const [i, chunk] of chunks.entries())
        inserted += await writeChunk(c, chunk, i === 0 ? fixups : "[]");
      return inserted;
    });
  }

  async function read(client: pg.Pool | pg.PoolClient, projectId: string, eventId: string, lock = false) {
    const res = await client.query(lock ? `${selectWithChildren} FOR UPDATE OF e` : selectWithChildren, [
      projectId,
      eventId,
    ]);
    const row = res.rows[0] as Row | undefined;
    return row === undefined ? null : decode(row);
  }
  async function rewrite(client: pg.PoolClient, projectId: string, e: HoneyHiveEvent): Promise<void> {
    await client.query(updateSql, [pgJson(toEventRow(projectId, e, null)), projectId, e.event_id]);
  }
  return {
    async writeBatch(items) {
      const plan = planBatch(items);
      if (plan.rows.length === 0 && plan.fixups.length === 0) return;
      // Idempotent statements (ON CONFLICT DO NOTHING, re-links by value), so a deadlock victim can rerun.
      await retryOnDeadlock(() => write(plan));
      const keys = new Map<string, { project_id: string; ref: string }>();
      for (const r of plan.rows) {
        if (r.lookup_ref !== null) {
          keys.set(`${r.project_id}\u0000${r.lookup_ref}`, { project_id: r.project_id, ref: r.lookup_ref });
        }
      }
      for (const f of plan.fixups) {
        keys.set(`${f.project_id}\u0000${f.span_ref}`, { project_id: f.project_id, ref: f.span_ref });
      }
      if (keys.size === 0) return;
      const values = [pgJson([...keys.values()])];
      await retryOnDeadlock(() => pool.query({ name: "hh_repair_parents", text: repairSql, values }));
    },
    async upsertSession(projectId, session) {
      const s = asSessionEvent(session);
      return inTransaction(pool, async (c) => {
        const row = { ...toEventRow(projectId, s, null), lookup_ref: null };
        if ((await writeChunk(c, `[${pgJson(row)}]`, "[]")) === 0) {
          const existing = (await read(c, projectId, s.event_id, true))!;
          await rewrite(c, projectId, mergeSession(existing, s));
        }
        return (await read(c, projectId, s.event_id))!;
      });
    },
    async getEvent(projectId, eventId) {
      return read(pool, projectId, eventId);
    },
    async updateEvent(projectId, eventId, patch) {
      return inTransaction(pool, async (c) => {
        const existing = await read(c, projectId, eventId, true);
        if (existing === null) return null;
        await rewrite(c, projectId, applyEventPatch(existing, patch));
        return read(c, projectId, eventId);
      });
    },
    async deleteEvent(projectId, eventId) {
      const res = await pool.query(`DELETE FROM ${events} WHERE project_id = $1 AND event_id = $2`, [
        projectId,
        eventId,
      ]);
      return (res.rowCount ?? 0) > 0;
    },
    async queryEvents(query) {
      const q = compileQuery(query);
      const where = buildWhere(q, dialect);
      const n = where.params.length;
      const [count, page] = await Promise.all([
        pool.query(`SELECT count(*)::float8 AS n FROM ${events} WHERE ${where.sql}`, where.params),
        pool.query(
          `SELECT ${EVENT_READ_COLUMNS} FROM ${events} WHERE ${where.sql} ${orderBy(q)} LIMIT $${n + 1} OFFSET $${n + 2}`,
          [...where.params, q.limit, q.offset],
        ),
      ]);
      const list = (page.rows as Row[]).map(decode);
      if (list.length > 0) {
        const children = await pool.query(
          `SELECT parent_id, event_id FROM ${events} WHERE project_id = $1 AND parent_id = ANY($2::text[])
           ORDER BY start_time, event_id`,
          [q.projectId, list.map((e) => e.event_id)],
        );
        attachChildren(list, children.rows as { parent_id: string; event_id: string }[]);
      }
      return { events: list, total: (count.rows[0] as { n: number }).n };
    },
    async getSessionEvents(projectId, sessionId) {
      const res = await pool.query(
        `SELECT ${EVENT_READ_COLUMNS} FROM ${events} WHERE project_id = $1 AND session_id = $2
         ORDER BY start_time, event_id`,
        [projectId, sessionId],
      );
      return attachChildrenWithin((res.rows as Row[]).map(decode));
    },
    async deleteSession(projectId, sessionId) {
      const res = await pool.query(`DELETE FROM ${events} WHERE project_id = $1 AND session_id = $2`, [
        projectId,
        sessionId,
      ]);
      return res.rowCount ?? 0;
    },
  };
}

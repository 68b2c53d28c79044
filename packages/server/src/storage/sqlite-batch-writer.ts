import type BetterSqlite3 from "better-sqlite3";
import { itemRows, linkRows, type ParentFixup, type RowFields } from "./batch-plan.js";
import { createRollupAdder } from "./sqlite-rollups.js";
import { INSERT_EVENT_SQL, rowValues } from "./sqlite-sql.js";
import type { SqliteRowItem, WriteBatchItem } from "./types.js";

/**
 * A planned batch as plain values, ready to cross to the writer thread:
 * rows are bind values (JSON already serialised), `lookups` name the rows
 * whose parent must come from a stored event.
 */
export interface WirePlan {
  rows: unknown[][];
  lookups: [row: number, projectId: string, ref: string][];
  fixups: ParentFixup[];
}

// Positions in rowValues.
const EVENT_ID = 1;
const SESSION_ID = 2;
const PARENT_ID = 3;
const EVENT_TYPE = 4;

const VALUE_FIELDS: RowFields<unknown[]> = {
  eventId: (r) => r[EVENT_ID] as string,
  sessionId: (r) => r[SESSION_ID] as string,
  eventType: (r) => r[EVENT_TYPE] as string,
  parentId: (r) => r[PARENT_ID] as string | null,
  setParentId: (r, id) => {
    r[PARENT_ID] = id;
  },
};

/**
 * An item's rows as bind values, JSON serialised. Runs on the convert
 * workers, so that what crosses to the event loop (and on to the writer
 * thread) is flat strings and numbers, not nested event objects.
 */
export function toSqliteRowItem(item: WriteBatchItem): SqliteRowItem {
  return itemRows(item, rowValues);
}

/** Links the parents of a batch of row items (see linkRows), ready to cross to the writer. */
export function planRowItems(items: readonly SqliteRowItem[]): WirePlan {
  return linkRows(items, VALUE_FIELDS);
}

/** Main-thread half for items not prepared by a worker: serialise, link in-batch parents. */
export function toWirePlan(items: readonly WriteBatchItem[]): WirePlan {
  return planRowItems(items.map(toSqliteRowItem));
}

/**
 * Writer half: one IMMEDIATE transaction that resolves stored parents, inserts
 * (idempotent on project and event id) and re-links stored children. Runs on
 * whichever connection owns writes (the writer thread, or the main one for
 * in-memory databases).
 */
export function createBatchWriter(db: BetterSqlite3.Database): (plan: WirePlan) => void {
  const insert = db.prepare(INSERT_EVENT_SQL);
  // A span's event usually has the span's derived id (primary key); explicit ids keep it in span_ref.
  const byRefs = db.prepare(
    `SELECT event_id AS span_ref, event_id FROM events WHERE project_id = ? AND event_id IN (SELECT value FROM json_each(?))
     UNION ALL
     SELECT span_ref, event_id FROM events WHERE project_id = ? AND span_ref IN (SELECT value FROM json_each(?))`,
  );
  // INDEXED BY pins the (project_id, parent_id) index: without statistics the planner may scan the project.
  const childrenOfRefs = db.prepare(
    `SELECT rowid AS id, event_id, parent_id FROM events INDEXED BY events_parent
     WHERE project_id = ? AND parent_id IN (SELECT value FROM json_each(?))`,
  );
  const setParent = db.prepare("UPDATE events SET parent_id = ? WHERE rowid = ?");

  const resolveStoredParents = (plan: WirePlan): void => {
    const refsByProject = new Map<string, Set<string>>();
    for (const [, projectId, ref] of plan.lookups) {
      const refs = refsByProject.get(projectId) ?? new Set<string>();
      refsByProject.set(projectId, refs.add(ref));
    }
    const found = new Map<string, string>();
    for (const [projectId, refs] of refsByProject) {
      const list = JSON.stringify([...refs]);
      for (const h of byRefs.all(projectId, list, projectId, list) as {
        span_ref: string;
        event_id: string;
      }[]) {
        const k = `${projectId}\u0000${h.span_ref}`;
        if (!found.has(k)) found.set(k, h.event_id);
      }
    }
    for (const [row, projectId, ref] of plan.lookups) {
      (plan.rows[row] as unknown[])[PARENT_ID] = found.get(`${projectId}\u0000${ref}`) ?? ref;
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
      const hits = childrenOfRefs.all(projectId, JSON.stringify([...m.keys()])) as {
        id: number;
        event_id: string;
        parent_id: string;
      }[];
      for (const h of hits) {
        const target = m.get(h.parent_id);
        if (target !== undefined && target !== h.event_id) setParent.run(target, h.id);
      }
    }
  };

  const rollups = createRollupAdder(db);
  const tx = db.transaction((plan: WirePlan) => {
    resolveStoredParents(plan);
    for (const values of plan.rows) if (insert.run(values).changes > 0) rollups.add(values);
    relinkStoredChildren(plan.fixups);
    rollups.flush();
  });
  return (plan) => tx.immediate(plan);
}

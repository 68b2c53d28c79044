import { type EventRow, extractColumns, toEventRow } from "./event-codec.js";
import type { EventWrite, SessionSeed, WriteBatchItem } from "./types.js";

/**
 * The backend-independent half of writeBatch: turns the items into rows, links
 * parents inside the batch, and lists what the backend must still resolve
 * against stored events. Both backends execute the same plan.
 *
 * Rows are made per item (`itemRows`; SQLite does it on the convert workers,
 * as bind values) and linked per batch (`linkRows`), so the linking reads a
 * row through `RowFields` whatever form the row has.
 */

/** A row to insert; `lookup_ref` is set when parent_id must come from a stored event's span_ref. */
export interface PlannedRow extends EventRow {
  lookup_ref: string | null;
}

/** A written event whose span_ref differs from its event_id: stored children pointing at the ref move to the id. */
export interface ParentFixup {
  project_id: string;
  span_ref: string;
  event_id: string;
}

export interface BatchPlan {
  /** Events first, then session seeds; one row per (project, event_id), first occurrence wins. */
  rows: PlannedRow[];
  fixups: ParentFixup[];
}

/** One item's rows before linking: its events in order, then its session seeds. */
export interface ItemRows<R> {
  projectId: string;
  events: R[];
  /** span_ref and parent_ref of each event, as pairs: [spanRef0, parentRef0, spanRef1, ...]. */
  refs: (string | null)[];
  sessions: R[];
}

/** What linking reads from a row, and how it sets the parent. */
export interface RowFields<R> {
  eventId(row: R): string;
  sessionId(row: R): string;
  eventType(row: R): string;
  parentId(row: R): string | null;
  setParentId(row: R, parentId: string): void;
}

/** Linked rows: `lookups` name the rows whose parent must come from a stored event's span_ref. */
export interface LinkedRows<R> {
  rows: R[];
  lookups: [row: number, projectId: string, ref: string][];
  fixups: ParentFixup[];
}

const key = (projectId: string, id: string): string => `${projectId}\u0000${id}`;

function seedRow(projectId: string, s: SessionSeed): PlannedRow {
  const metadata = s.metadata ?? {};
  return {
    project_id: projectId,
    event_id: s.session_id,
    session_id: s.session_id,
    parent_id: null,
    event_type: "session",
    event_name: s.event_name,
    source: s.source,
    config: {},
    inputs: {},
    outputs: {},
    error: null,
    start_time: s.start_time,
    end_time: s.start_time,
    duration: 0,
    metadata,
    feedback: {},
    metrics: {},
    user_properties: s.user_properties ?? {},
    span_ref: null,
    ...extractColumns({}, metadata),
    lookup_ref: null,
  };
}

function eventRow(projectId: string, e: EventWrite): PlannedRow {
  const spanRef = e.span_ref ?? null;
  // Stored only when it differs from the event id (an explicit honeyhive_event_id): lookups try the
  // primary key first, so the span_ref index holds just those few events.
  const row = toEventRow(projectId, e, spanRef !== e.event_id ? spanRef : null) as PlannedRow;
  row.lookup_ref = null;
  return row;
}

/** The rows of one item, each turned into the backend's form by `as` (linking comes later). */
export function itemRows<R>(item: WriteBatchItem, as: (row: PlannedRow) => R): ItemRows<R> {
  const pid = item.projectId;
  const events: R[] = new Array(item.events.length);
  const refs: (string | null)[] = new Array(item.events.length * 2);
  for (let i = 0; i < item.events.length; i++) {
    const e = item.events[i] as EventWrite;
    events[i] = as(eventRow(pid, e));
    refs[2 * i] = e.span_ref ?? null;
    refs[2 * i + 1] = e.parent_ref ?? null;
  }
  return { projectId: pid, events, refs, sessions: item.sessions.map((s) => as(seedRow(pid, s))) };
}

/**
 * Links a batch: one row per (project, event_id), events before seeds, first
 * occurrence wins; a parent named by span is the batch's event of that span
 * when there is one, else a lookup; an event with neither parent hangs from its session.
 */
export function linkRows<R>(items: readonly ItemRows<R>[], f: RowFields<R>): LinkedRows<R> {
  // Pass 1: every span_ref in the batch, per project, first occurrence wins.
  const bySpanRef = new Map<string, string>();
  for (const item of items) {
    for (let i = 0; i < item.events.length; i++) {
      const ref = item.refs[2 * i];
      if (ref == null) continue;
      const k = key(item.projectId, ref);
      if (!bySpanRef.has(k)) bySpanRef.set(k, f.eventId(item.events[i] as R));
    }
  }

  const seen = new Set<string>();
  const out: LinkedRows<R> = { rows: [], lookups: [], fixups: [] };
  for (const item of items) {
    const pid = item.projectId;
    for (let i = 0; i < item.events.length; i++) {
      const row = item.events[i] as R;
      const eventId = f.eventId(row);
      const k = key(pid, eventId);
      if (seen.has(k)) continue;
      seen.add(k);
      if (f.parentId(row) === null) {
        const parentRef = item.refs[2 * i + 1] ?? null;
        if (parentRef !== null) {
          const inBatch = bySpanRef.get(key(pid, parentRef));
          if (inBatch !== undefined && inBatch !== eventId) f.setParentId(row, inBatch);
          else out.lookups.push([out.rows.length, pid, parentRef]);
        } else if (f.eventType(row) !== "session" && eventId !== f.sessionId(row)) {
          f.setParentId(row, f.sessionId(row));
        }
      }
      out.rows.push(row);
      const spanRef = item.refs[2 * i] ?? null;
      if (spanRef !== null && spanRef !== eventId) {
        out.fixups.push({ project_id: pid, span_ref: spanRef, event_id: eventId });
      }
    }
  }
  for (const item of items) {
    for (const row of item.sessions) {
      const k = key(item.projectId, f.eventId(row));
      if (seen.has(k)) continue;
      seen.add(k);
      out.rows.push(row);
    }
  }
  return out;
}

const PLANNED_ROW_FIELDS: RowFields<PlannedRow> = {
  eventId: (r) => r.event_id,
  sessionId: (r) => r.session_id,
  eventType: (r) => r.event_type,
  parentId: (r) => r.parent_id,
  setParentId: (r, id) => {
    r.parent_id = id;
  },
};

export function planBatch(items: readonly WriteBatchItem[]): BatchPlan {
  const keep = (row: PlannedRow) => row;
  const { rows, lookups, fixups } = linkRows(
    items.map((item) => itemRows(item, keep)),
    PLANNED_ROW_FIELDS,
  );
  for (const [i, , ref] of lookups) (rows[i] as PlannedRow).lookup_ref = ref;
  return { rows, fixups };
}

import { type EventRow, extractColumns, toEventRow } from "./event-codec.js";
import type { SessionSeed, WriteBatchItem } from "./types.js";

/**
 * The backend-independent half of writeBatch: turns the items into rows, links
 * parents inside the batch, and lists what the backend must still resolve
 * against stored events. Both backends execute the same plan.
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

export function planBatch(items: readonly WriteBatchItem[]): BatchPlan {
  // Pass 1: every span_ref in the batch, per project, first occurrence wins.
  const bySpanRef = new Map<string, string>();
  for (const item of items) {
    for (const e of item.events) {
      const ref = e.span_ref;
      if (ref != null && !bySpanRef.has(key(item.projectId, ref)))
        bySpanRef.set(key(item.projectId, ref), e.event_id);
    }
  }

  const seen = new Set<string>();
  const rows: PlannedRow[] = [];
  const fixups: ParentFixup[] = [];
  for (const item of items) {
    const pid = item.projectId;
    for (const e of item.events) {
      const k = key(pid, e.event_id);
      if (seen.has(k)) continue;
      seen.add(k);
      const spanRef = e.span_ref ?? null;
      // Stored only when it differs from the event id (an explicit honeyhive_event_id): lookups try the
      // primary key first, so the span_ref index holds just those few events.
      const row = toEventRow(pid, e, spanRef !== e.event_id ? spanRef : null) as PlannedRow;
      row.lookup_ref = null;
      if (row.parent_id === null) {
        const parentRef = e.parent_ref ?? null;
        if (parentRef !== null) {
          const inBatch = bySpanRef.get(key(pid, parentRef));
          if (inBatch !== undefined && inBatch !== e.event_id) row.parent_id = inBatch;
          else row.lookup_ref = parentRef;
        } else if (row.event_type !== "session" && row.event_id !== row.session_id) {
          row.parent_id = row.session_id;
        }
      }
      rows.push(row);
      if (spanRef !== null && spanRef !== e.event_id) {
        fixups.push({ project_id: pid, span_ref: spanRef, event_id: e.event_id });
      }
    }
  }
  for (const item of items) {
    for (const s of item.sessions) {
      const k = key(item.projectId, s.session_id);
      if (seen.has(k)) continue;
      seen.add(k);
      rows.push(seedRow(item.projectId, s));
    }
  }
  return { rows, fixups };
}

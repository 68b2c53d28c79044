import type { SqlDriver } from "../../storage/sql/driver.js";
import type { EventFilter } from "../../storage/types.js";
import { loadRunSessions, type RunEvent, type RunSession } from "./sessions.js";
import type { Run } from "./types.js";

export interface EventPairQuery {
  event_name?: string;
  event_type?: string;
  filters?: EventFilter[];
  /** Default 50, at most 1000. */
  limit?: number;
  /** 1-based. */
  page?: number;
}

export interface EventPair {
  datapoint_id: string;
  event_name: string;
  event_1: RunEvent;
  event_2: RunEvent;
}

export interface EventPairs {
  run_id_1: string;
  run_id_2: string;
  commonDatapoints: number;
  totalEvents: number;
  events: EventPair[];
}

/** Events of a run by datapoint, then by event name, in session order. */
function byDatapoint(sessions: readonly RunSession[]): Map<string, Map<string, RunEvent[]>> {
  const out = new Map<string, Map<string, RunEvent[]>>();
  for (const s of sessions) {
    const names = out.get(s.datapoint_id) ?? new Map<string, RunEvent[]>();
    for (const e of s.events) names.set(e.event_name, [...(names.get(e.event_name) ?? []), e]);
    out.set(s.datapoint_id, names);
  }
  return out;
}

/**
 * Pairs the two runs' events for side-by-side views: on each datapoint both
 * runs evaluated, the k-th event of a name in run 1 goes with the k-th event
 * of that name in run 2. Pairs are ordered by run 1's datapoints and events,
 * then paged.
 */
export async function pairRunEvents(
  sql: SqlDriver,
  run1: Run,
  run2: Run,
  q: EventPairQuery,
): Promise<EventPairs> {
  const filters: EventFilter[] = [...(q.filters ?? [])];
  if (q.event_name !== undefined) filters.push({ field: "event_name", operator: "is", value: q.event_name });
  if (q.event_type !== undefined) filters.push({ field: "event_type", operator: "is", value: q.event_type });
  const options = { withContent: true, filters };
  const one = byDatapoint(await loadRunSessions(sql, run1.project_id, run1, options));
  const two = byDatapoint(await loadRunSessions(sql, run2.project_id, run2, options));
  const pairs: EventPair[] = [];
  let common = 0;
  for (const [datapoint_id, names] of one) {
    const other = two.get(datapoint_id);
    if (!other) continue;
    common += 1;
    for (const [event_name, events] of names) {
      const matches = other.get(event_name) ?? [];
      const n = Math.min(events.length, matches.length);
      for (let k = 0; k < n; k++) {
        pairs.push({
          datapoint_id,
          event_name,
          event_1: events[k] as RunEvent,
          event_2: matches[k] as RunEvent,
        });
      }
    }
  }
  const limit = Math.min(1000, Math.max(1, Math.floor(q.limit ?? 50)));
  const offset = (Math.max(1, Math.floor(q.page ?? 1)) - 1) * limit;
  return {
    run_id_1: run1.run_id,
    run_id_2: run2.run_id,
    commonDatapoints: common,
    totalEvents: pairs.length,
    events: pairs.slice(offset, offset + limit),
  };
}

import { randomUUID } from "node:crypto";
import type { HoneyHiveEvent, StoredEvent } from "@honeyhive-ts/semconv";
import type { EventWrite, Storage } from "./types.js";

/** Test-only helpers shared by the conformance suite files. */

export interface ConformanceContext {
  storage(): Storage;
  /** Creates a fresh project and returns its id. */
  project(label?: string): Promise<string>;
}

let clock = 1_700_000_000_000;

/** A tool event with every field set; pass overrides. Start times increase by 1 ms per call. */
export function ev(overrides: Partial<EventWrite> = {}): EventWrite {
  clock += 1;
  const start = overrides.start_time ?? clock;
  const sessionId = overrides.session_id ?? randomUUID();
  return {
    event_id: randomUUID(),
    session_id: sessionId,
    parent_id: null,
    event_type: "tool",
    event_name: "step",
    source: "conformance",
    config: {},
    inputs: {},
    outputs: {},
    error: null,
    start_time: start,
    end_time: start + 5,
    duration: 5,
    metadata: {},
    feedback: {},
    metrics: {},
    user_properties: {},
    ...overrides,
  };
}

/** A session event (root). */
export function sessionEvent(sessionId: string, overrides: Partial<HoneyHiveEvent> = {}): HoneyHiveEvent {
  return ev({
    event_id: sessionId,
    session_id: sessionId,
    event_type: "session",
    event_name: "session",
    ...overrides,
  });
}

/**
 * What getEvent should return for an event written without span references: as written,
 * except that a top-level non-session event is linked to its session (the HoneyHive rule).
 */
export function stored(projectId: string, e: EventWrite, children: string[] = []): StoredEvent {
  const { span_ref: _s, parent_ref: _p, ...rest } = e;
  const topLevel =
    rest.parent_id === null && rest.event_type !== "session" && rest.event_id !== rest.session_id;
  return {
    ...rest,
    parent_id: topLevel ? rest.session_id : rest.parent_id,
    project_id: projectId,
    children_ids: children,
  };
}

export async function writeEvents(s: Storage, projectId: string, events: EventWrite[]): Promise<void> {
  await s.writeBatch([{ projectId, events, sessions: [] }]);
}

/** Event ids of a list, in order. */
export const ids = (events: readonly { event_id: string }[]): string[] => events.map((e) => e.event_id);

/** Event ids sorted, for order-independent comparison. */
export const idSet = (events: readonly { event_id: string }[]): string[] => ids(events).sort();

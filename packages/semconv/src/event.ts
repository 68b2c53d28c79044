/** HoneyHive event model shared by the server and the SDK. */

export const EVENT_TYPES = ["session", "model", "tool", "chain"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type JsonObject = Record<string, unknown>;

/**
 * One HoneyHive event. A session is the root event: `event_type` "session"
 * and `event_id === session_id`. Times are Unix epoch milliseconds (may carry
 * a fraction); `duration` is milliseconds.
 */
export interface HoneyHiveEvent {
  event_id: string;
  session_id: string;
  parent_id: string | null;
  event_type: EventType;
  event_name: string;
  source: string;
  config: JsonObject;
  inputs: JsonObject;
  outputs: JsonObject;
  error: string | null;
  start_time: number;
  end_time: number;
  duration: number;
  metadata: JsonObject;
  feedback: JsonObject;
  metrics: JsonObject;
  user_properties: JsonObject;
}

/** An event as stored and read back: scoped to a project, with its children. */
export interface StoredEvent extends HoneyHiveEvent {
  project_id: string;
  children_ids: string[];
}

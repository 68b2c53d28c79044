import { type JsonObject, type PriceTable, type SpanRecord, spanToEvent } from "@honeyhive-ts/semconv";
import type { AuthContext } from "../auth/context.js";
import type { EventWrite, SessionSeed, WriteBatchItem } from "../storage/types.js";

export interface Rejection {
  index: string;
  reason: string;
}

/**
 * Converts decoded spans into one write for the project of the key. A span
 * that names another project, or that cannot be converted, is rejected on its
 * own; the rest of the batch is kept.
 */
export function spansToWrite(
  spans: readonly SpanRecord[],
  auth: AuthContext,
  prices: PriceTable,
  client: JsonObject | undefined,
): { item: WriteBatchItem; rejected: Rejection[] } {
  const events: EventWrite[] = [];
  const sessions = new Map<string, SessionSeed>();
  const rejected: Rejection[] = [];
  for (const span of spans) {
    let converted: ReturnType<typeof spanToEvent>;
    try {
      converted = spanToEvent(span, { prices });
    } catch (err) {
      rejected.push({ index: `span ${span.spanId}`, reason: `conversion failed: ${(err as Error).message}` });
      continue;
    }
    const named = converted.project;
    if (named && named !== auth.projectName && named !== auth.projectId) {
      rejected.push({
        index: `span ${span.spanId}`,
        reason: `names project '${named}' but the API key belongs to project '${auth.projectName}'`,
      });
      continue;
    }
    // The converted event is ours: extend it in place rather than copying 17 fields per span.
    const event = converted.event as EventWrite;
    event.span_ref = converted.spanRef;
    event.parent_ref = converted.parentRef;
    events.push(event);
    const seed = sessions.get(event.session_id);
    if (!seed) {
      sessions.set(event.session_id, {
        session_id: event.session_id,
        event_name: converted.session.name,
        source: converted.session.source,
        start_time: event.start_time,
        ...(converted.session.userProperties ? { user_properties: converted.session.userProperties } : {}),
        metadata: { ...(converted.session.metadata ?? {}), ...(client ? { client } : {}) },
      });
    } else if (event.start_time < seed.start_time) {
      seed.start_time = event.start_time;
    }
  }
  return { item: { projectId: auth.projectId, events, sessions: [...sessions.values()] }, rejected };
}

/**
 * Sessions read from their session events through `/v1/events/export`, for
 * servers without `GET /v1/sessions/list`: names, times, sources, metadata
 * and errors are real; per-session rollups (counts, tokens, cost) are not
 * known there and show as missing.
 */
import type { Api } from "./client.js";
import type { Event, EventFilter, SessionPage, SessionQuery, SessionSummary } from "./types.js";

export async function sessionsFromEvents(api: Api, q: SessionQuery): Promise<SessionPage> {
  const filters: EventFilter[] = [{ field: "event_type", operator: "is", value: "session", type: "string" }];
  if (q.search) filters.push({ field: "event_name", operator: "contains", value: q.search, type: "string" });
  if (q.source) filters.push({ field: "source", operator: "is", value: q.source, type: "string" });
  if (q.user_id)
    filters.push({ field: "user_properties.user_id", operator: "is", value: q.user_id, type: "string" });
  if (q.has_error)
    filters.push({ field: "error", operator: q.has_error === "true" ? "exists" : "not exists" });
  for (const f of q.filters ?? []) filters.push(f as EventFilter);
  const page = Number(q.cursor ?? "1");
  const limit = q.limit ?? 50;
  const res = await api.exportEvents({
    filters,
    ...(q.start_time ? { dateRange: { $gte: q.start_time, $lte: q.end_time ?? Date.now() } } : {}),
    limit,
    page,
    order: q.sort_order ?? "desc",
  });
  return {
    sessions: res.events.map(summary),
    next_cursor: page * limit < res.totalEvents ? String(page + 1) : null,
  };
}

function summary(e: Event): SessionSummary {
  const unknown = Number.NaN;
  return {
    session_id: e.session_id,
    session_name: e.event_name,
    source: e.source,
    user_id: typeof e.user_properties["user_id"] === "string" ? e.user_properties["user_id"] : null,
    start_time: e.start_time,
    end_time: e.end_time,
    duration_ms: e.duration,
    event_count: unknown,
    error_count: e.error ? 1 : 0,
    model_count: unknown,
    prompt_tokens: unknown,
    completion_tokens: unknown,
    total_tokens: unknown,
    cost: unknown,
    feedback: e.feedback,
    metadata: e.metadata,
    metrics: e.metrics,
    running: false,
  };
}

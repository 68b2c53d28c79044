import { Type } from "@sinclair/typebox";
import { listSessions, SORT_KEYS, type SortKey } from "../resources/sessions/list.js";
import { invalidFilter } from "../storage/event-filter.js";
import type { EventFilter } from "../storage/types.js";
import type { RouteDeps } from "./deps.js";

/** GET /v1/sessions/list: the web app's sessions table (filters, sort, keyset paging). */

const Digits = (description: string) => Type.String({ pattern: "^[0-9]+$", description });
const Literals = (values: readonly string[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
const Obj = Type.Record(Type.String(), Type.Unknown());

const SessionListQuery = Type.Object({
  start_time: Type.Optional(Digits("Sessions starting at or after (Unix epoch ms)")),
  end_time: Type.Optional(Digits("Sessions starting at or before (Unix epoch ms)")),
  search: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 500,
      description: "Case-insensitive substring of the session name",
    }),
  ),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "Exact source" })),
  user_id: Type.Optional(
    Type.String({ minLength: 1, maxLength: 500, description: "user_properties.user_id of the session" }),
  ),
  has_error: Type.Optional(Literals(["true", "false"], "Only sessions with (or without) failed events")),
  filters: Type.Optional(
    Type.String({
      description:
        "JSON array of filters as in /events/export, applied to the session event (metadata.*, metrics.*, feedback.*, ...)",
    }),
  ),
  sort_by: Type.Optional(Literals(SORT_KEYS, `${SORT_KEYS.join(", ")}; default start_time`)),
  sort_order: Type.Optional(Literals(["asc", "desc"], "Default desc")),
  limit: Type.Optional(Digits("Sessions per page, 1 to 200; default 50")),
  cursor: Type.Optional(Type.String({ maxLength: 2000, description: "next_cursor of the previous page" })),
});

export const SessionSummarySchema = Type.Object(
  {
    session_id: Type.String(),
    session_name: Type.String(),
    source: Type.String(),
    user_id: Type.Union([Type.String(), Type.Null()]),
    start_time: Type.Number({ description: "First event's start (Unix epoch ms)" }),
    end_time: Type.Number({ description: "Last event's end (Unix epoch ms)" }),
    duration_ms: Type.Number(),
    event_count: Type.Number({ description: "Events of the session, the session event excluded" }),
    error_count: Type.Number(),
    model_count: Type.Number({ description: "Model events" }),
    prompt_tokens: Type.Number(),
    completion_tokens: Type.Number(),
    total_tokens: Type.Number(),
    cost: Type.Number({ description: "USD" }),
    feedback: Obj,
    metadata: Obj,
    metrics: Obj,
    running: Type.Boolean({ description: "Written to in the last minute" }),
  },
  { title: "SessionSummary" },
);

const SessionListResponse = Type.Object(
  {
    sessions: Type.Array(SessionSummarySchema),
    next_cursor: Type.Union([Type.String(), Type.Null()], { description: "null on the last page" }),
  },
  { title: "SessionList" },
);

type Query = Partial<Record<keyof typeof SessionListQuery.properties, string>>;

function parseFilters(raw: string | undefined): EventFilter[] | undefined {
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidFilter("filters must be a JSON array of filters");
  }
  if (!Array.isArray(parsed)) throw invalidFilter("filters must be a JSON array of filters");
  return parsed as EventFilter[];
}

const int = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

export function uiSessionRoutes({ api, storage }: RouteDeps): void {
  api.add(
    {
      method: "GET",
      paths: ["/v1/sessions/list"],
      summary: "List sessions with their rollups (filters, sort, keyset paging)",
      tag: "sessions",
      querystring: SessionListQuery,
      response: SessionListResponse,
    },
    async (req, _reply, auth) => {
      const q = req.query as Query;
      const filters = parseFilters(q.filters);
      return listSessions(storage.sql, {
        projectId: auth.projectId,
        ...(q.start_time !== undefined ? { startTime: int(q.start_time) } : {}),
        ...(q.end_time !== undefined ? { endTime: int(q.end_time) } : {}),
        ...(q.search !== undefined ? { search: q.search } : {}),
        ...(q.source !== undefined ? { source: q.source } : {}),
        ...(q.user_id !== undefined ? { userId: q.user_id } : {}),
        ...(q.has_error !== undefined ? { hasError: q.has_error === "true" } : {}),
        ...(filters !== undefined ? { filters } : {}),
        ...(q.sort_by !== undefined ? { sortBy: q.sort_by as SortKey } : {}),
        ...(q.sort_order !== undefined ? { sortOrder: q.sort_order as "asc" | "desc" } : {}),
        ...(q.limit !== undefined ? { limit: int(q.limit) } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      });
    },
  );
}

import type { JsonObject, StoredEvent } from "@honeyhive-ts/semconv";
import { checkProjectName } from "../auth/context.js";
import { HoneyHiveError } from "../errors.js";
import { EventsPage, ExportBody, ExportQuery } from "../http/schemas.js";
import type { EventFilter, EventQuery } from "../storage/types.js";
import type { RouteDeps } from "./deps.js";

function invalid(field: string, message: string, hint: string): HoneyHiveError {
  return new HoneyHiveError("HH_E_VALIDATION", 400, `${field} ${message}`, hint, { field });
}

function toMs(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  const parsed = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(parsed)) {
    throw invalid(field, `is not a date: ${JSON.stringify(value)}`, "Use epoch milliseconds or ISO-8601.");
  }
  return parsed;
}

function parseJsonParam(raw: string | undefined, field: string): unknown {
  if (raw === undefined || raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw invalid(field, "is not valid JSON", `Send ${field} as URL-encoded JSON.`);
  }
}

/** Keep only the requested fields (dotted paths allowed); event_id is always kept. */
export function project(event: StoredEvent, projections: readonly string[] | undefined): JsonObject {
  if (!projections || projections.length === 0) return event as unknown as JsonObject;
  const out: JsonObject = { event_id: event.event_id };
  for (const path of projections) {
    const parts = path.split(".");
    let src: unknown = event;
    for (const p of parts) src = src && typeof src === "object" ? (src as JsonObject)[p] : undefined;
    if (src === undefined) continue;
    let dst = out;
    for (const p of parts.slice(0, -1)) {
      dst[p] ??= {};
      dst = dst[p] as JsonObject;
    }
    dst[parts[parts.length - 1] as string] = src;
  }
  return out;
}

interface ExportInput {
  filters?: EventFilter[];
  dateRange?: { $gte?: unknown; $lte?: unknown };
  limit?: number;
  page?: number;
  order?: "asc" | "desc";
}

function toQuery(projectId: string, input: ExportInput): EventQuery {
  const q: EventQuery = {
    projectId,
    filters: input.filters ?? [],
    limit: input.limit ?? 100,
    page: input.page ?? 1,
  };
  if (input.order) q.order = input.order;
  if (input.dateRange) {
    const range: { $gte?: number; $lte?: number } = {};
    const gte = toMs(input.dateRange.$gte, "dateRange.$gte");
    const lte = toMs(input.dateRange.$lte, "dateRange.$lte");
    if (gte !== undefined) range.$gte = gte;
    if (lte !== undefined) range.$lte = lte;
    q.dateRange = range;
  }
  return q;
}

export function exportRoutes({ api, storage }: RouteDeps): void {
  api.add(
    {
      method: "POST",
      paths: ["/events/export", "/v1/events/export"],
      summary: "Query events with filters, a date range, projections and paging",
      tag: "events",
      body: ExportBody,
      response: EventsPage,
    },
    async (req, _reply, auth) => {
      const body = req.body as ExportInput & { project?: string; projections?: string[] };
      checkProjectName(auth, body.project, "project");
      const { events, total } = await storage.queryEvents(toQuery(auth.projectId, body));
      return { events: events.map((e) => project(e, body.projections)), totalEvents: total };
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/events", "/v1/events"],
      summary: "Query events (filters, dateRange and projections as JSON query parameters)",
      tag: "events",
      querystring: ExportQuery,
      response: EventsPage,
    },
    async (req, _reply, auth) => {
      const q = req.query as Record<string, string | undefined>;
      checkProjectName(auth, q["project"], "project");
      const filters = parseJsonParam(q["filters"], "filters") ?? [];
      if (!Array.isArray(filters)) throw invalid("filters", "must be a JSON array", "e.g. filters=[{...}]");
      const dateRange = parseJsonParam(q["dateRange"], "dateRange") as ExportInput["dateRange"];
      const rawProj = q["projections"];
      const projections = rawProj?.startsWith("[")
        ? (parseJsonParam(rawProj, "projections") as string[])
        : rawProj?.split(",");
      const input: ExportInput = { filters: filters as EventFilter[] };
      if (dateRange) input.dateRange = dateRange;
      if (q["limit"]) input.limit = Math.min(Number(q["limit"]), 10_000);
      if (q["page"]) input.page = Math.max(Number(q["page"]), 1);
      if (q["order"] === "asc" || q["order"] === "desc") input.order = q["order"];
      const { events, total } = await storage.queryEvents(toQuery(auth.projectId, input));
      return { events: events.map((e) => project(e, projections)), totalEvents: total };
    },
  );
}

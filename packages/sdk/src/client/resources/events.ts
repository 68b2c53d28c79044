import type {
  CreateEvent,
  CreateEventBatchRequest,
  CreateModelEvent,
  CreateModelEventBatchRequest,
  ExportEventsRequest,
  UpdateEventRequest,
} from "../api-types.js";
import type { QueryOf } from "../operations.js";
import { paginate } from "../paginate.js";
import type { CallOptions } from "../transport.js";
import { Resource } from "./base.js";

/** GET /v1/events takes filters, dateRange and projections as JSON; these take them as values. */
export type ListEventsQuery = Omit<ExportEventsRequest, "project" | "limit" | "page"> & {
  limit?: number;
  page?: number;
};

const IDEMPOTENT = { retry: "idempotency-key" } as const;

/** Events: create (one, batch, model), enrich, read, delete, query and iterate. */
export class EventsResource extends Resource {
  /** POST /v1/events. Retried with an Idempotency-Key, so a retry never creates it twice. */
  create(event: CreateEvent, options: CallOptions = {}) {
    return this.call("POST /v1/events", { body: { event } }, { ...IDEMPOTENT, ...options });
  }

  /** POST /v1/events/batch: invalid events are reported by index (`errors`), the others kept. */
  createBatch(body: CreateEventBatchRequest, options: CallOptions = {}) {
    return this.call("POST /v1/events/batch", { body }, { ...IDEMPOTENT, ...options });
  }

  /** POST /v1/events/model: cost is computed from usage when the model is priced. */
  createModelEvent(modelEvent: CreateModelEvent, options: CallOptions = {}) {
    return this.call(
      "POST /v1/events/model",
      { body: { model_event: modelEvent } },
      { ...IDEMPOTENT, ...options },
    );
  }

  /** POST /v1/events/model/batch. */
  createModelEventBatch(body: CreateModelEventBatchRequest, options: CallOptions = {}) {
    return this.call("POST /v1/events/model/batch", { body }, { ...IDEMPOTENT, ...options });
  }

  /** PUT /v1/events: enrich an event or a session (objects merge, scalars replace). */
  update(body: UpdateEventRequest, options: CallOptions = {}) {
    return this.call("PUT /v1/events", { body }, options);
  }

  /** GET /events/{id}: one event. */
  get(eventId: string, options: CallOptions = {}) {
    return this.call("GET /events/{id}", { params: { id: eventId } }, options);
  }

  /** GET /v1/events/{session_id}: every event of a session. */
  listBySession(sessionId: string, options: CallOptions = {}) {
    return this.call("GET /v1/events/{id}", { params: { id: sessionId } }, options);
  }

  /** DELETE /v1/events/{id}. */
  delete(eventId: string, options: CallOptions = {}) {
    return this.call("DELETE /v1/events/{id}", { params: { id: eventId } }, options);
  }

  /** POST /v1/events/export: one page of events matching filters and a date range. */
  export(query: ExportEventsRequest = {}, options: CallOptions = {}) {
    return this.call("POST /v1/events/export", { body: query }, { retry: "safe", ...options });
  }

  /** GET /v1/events: the same query as `export`, sent as query parameters. */
  list(query: ListEventsQuery = {}, options: CallOptions = {}) {
    const q: QueryOf<"GET /v1/events"> = {};
    if (query.filters) q.filters = JSON.stringify(query.filters);
    if (query.dateRange) q.dateRange = JSON.stringify(query.dateRange);
    if (query.projections) q.projections = JSON.stringify(query.projections);
    if (query.limit !== undefined) q.limit = String(query.limit);
    if (query.page !== undefined) q.page = String(query.page);
    if (query.order) q.order = query.order;
    return this.call("GET /v1/events", { query: q }, options);
  }

  /**
   * Every event matching the query, page by page through POST /v1/events/export
   * (`limit` is the page size, default 1000; `page` the first page).
   */
  iterate(query: ExportEventsRequest = {}, options: CallOptions = {}) {
    const limit = query.limit ?? 1000;
    return paginate(
      async (page) => {
        const res = await this.export({ ...query, limit, page }, options);
        return { items: res.events, total: res.totalEvents };
      },
      limit,
      query.page ?? 1,
    );
  }

  /** GET /v1/events/chart: event metrics bucketed over time and grouped. */
  chart(query: QueryOf<"GET /v1/events/chart">, options: CallOptions = {}) {
    return this.call("GET /v1/events/chart", { query }, options);
  }
}

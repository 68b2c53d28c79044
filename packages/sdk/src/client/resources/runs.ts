import type { BodyOf, QueryOf } from "../operations.js";
import { paginate } from "../paginate.js";
import type { CallOptions } from "../transport.js";
import { Resource } from "./base.js";

export type ListRunsQuery = Omit<QueryOf<"GET /v1/runs">, "page" | "limit">;
type AggregateQuery = QueryOf<"GET /v1/runs/{id}/result">;

/** Runs (experiments): create, list (and iterate), read, update, delete, results and comparisons. */
export class RunsResource extends Resource {
  /** POST /v1/runs. */
  create(body: BodyOf<"POST /v1/runs">, options: CallOptions = {}) {
    return this.call("POST /v1/runs", { body }, { retry: "idempotency-key", ...options });
  }

  /** GET /v1/runs (?dataset_id, ?status, ?name, ?sort_by; ?page and ?limit page it). */
  list(query: QueryOf<"GET /v1/runs"> = {}, options: CallOptions = {}) {
    return this.call("GET /v1/runs", { query }, options);
  }

  /** Every run matching the query, `pageSize` (default 100) per request. */
  iterate(
    query: ListRunsQuery = {},
    { pageSize = 100, ...options }: CallOptions & { pageSize?: number } = {},
  ) {
    return paginate(async (page) => {
      const res = await this.list({ ...query, limit: String(pageSize), page: String(page) }, options);
      return { items: res.evaluations, total: res.total };
    }, pageSize);
  }

  /** GET /v1/runs/{id}. */
  get(runId: string, options: CallOptions = {}) {
    return this.call("GET /v1/runs/{id}", { params: { id: runId } }, options);
  }

  /** PUT /v1/runs/{id}. */
  update(runId: string, body: BodyOf<"PUT /v1/runs/{id}">, options: CallOptions = {}) {
    return this.call("PUT /v1/runs/{id}", { params: { id: runId }, body }, options);
  }

  /** DELETE /v1/runs/{id}. */
  delete(runId: string, options: CallOptions = {}) {
    return this.call("DELETE /v1/runs/{id}", { params: { id: runId } }, options);
  }

  /** GET /v1/runs/{id}/result: pass/fail per datapoint and metric aggregates. */
  result(runId: string, query: AggregateQuery = {}, options: CallOptions = {}) {
    return this.call("GET /v1/runs/{id}/result", { params: { id: runId }, query }, options);
  }

  /** GET /v1/runs/{id}/metrics: the run's metrics (same shape as the result). */
  metrics(runId: string, query: QueryOf<"GET /v1/runs/{id}/metrics"> = {}, options: CallOptions = {}) {
    return this.call("GET /v1/runs/{id}/metrics", { params: { id: runId }, query }, options);
  }

  /** GET /v1/runs/{new}/compare-with/{old}: per-metric comparison of two runs. */
  compare(
    newRunId: string,
    oldRunId: string,
    query: QueryOf<"GET /v1/runs/{new_run_id}/compare-with/{old_run_id}"> = {},
    options: CallOptions = {},
  ) {
    return this.call(
      "GET /v1/runs/{new_run_id}/compare-with/{old_run_id}",
      { params: { new_run_id: newRunId, old_run_id: oldRunId }, query },
      options,
    );
  }

  /** GET /v1/runs/compare/events: the events of two runs side by side, per datapoint. */
  compareEvents(query: QueryOf<"GET /v1/runs/compare/events">, options: CallOptions = {}) {
    return this.call("GET /v1/runs/compare/events", { query }, options);
  }
}

import type { BodyOf, QueryOf } from "../operations.js";
import type { CallOptions } from "../transport.js";
import { Resource } from "./base.js";

/** Metrics (evaluator definitions): list, read, create, update, delete, run one on an event. */
export class MetricsResource extends Resource {
  /** GET /v1/metrics (?name, ?type, ?event_name, ... narrow it). */
  list(query: QueryOf<"GET /v1/metrics"> = {}, options: CallOptions = {}) {
    return this.call("GET /v1/metrics", { query }, options);
  }

  /** GET /v1/metrics/{id}. */
  get(metricId: string, options: CallOptions = {}) {
    return this.call("GET /v1/metrics/{id}", { params: { id: metricId } }, options);
  }

  /** POST /v1/metrics. */
  create(body: BodyOf<"POST /v1/metrics">, options: CallOptions = {}) {
    return this.call("POST /v1/metrics", { body }, { retry: "idempotency-key", ...options });
  }

  /** PUT /v1/metrics/{id}. */
  update(metricId: string, body: BodyOf<"PUT /v1/metrics/{id}">, options: CallOptions = {}) {
    return this.call("PUT /v1/metrics/{id}", { params: { id: metricId }, body }, options);
  }

  /** DELETE /v1/metrics/{id}. */
  delete(metricId: string, options: CallOptions = {}) {
    return this.call("DELETE /v1/metrics/{id}", { params: { id: metricId } }, options);
  }

  /** POST /v1/metrics/run_metric: evaluate a metric on an event. */
  run(body: BodyOf<"POST /v1/metrics/run_metric">, options: CallOptions = {}) {
    return this.call("POST /v1/metrics/run_metric", { body }, options);
  }
}

import type { BodyOf, QueryOf } from "../operations.js";
import { paginate } from "../paginate.js";
import type { CallOptions } from "../transport.js";
import { Resource } from "./base.js";

export type ListDatapointsQuery = Omit<QueryOf<"GET /v1/datapoints">, "limit" | "offset">;

/** Datapoints: list (and iterate), read, create (one or a batch), update, delete. */
export class DatapointsResource extends Resource {
  /** GET /v1/datapoints (?dataset_id, ?dataset_name, ?datapoint_ids; ?limit and ?offset page it). */
  list(query: QueryOf<"GET /v1/datapoints"> = {}, options: CallOptions = {}) {
    return this.call("GET /v1/datapoints", { query }, options);
  }

  /** Every datapoint matching the query, `pageSize` (default 100) per request. */
  iterate(
    query: ListDatapointsQuery = {},
    { pageSize = 100, ...options }: CallOptions & { pageSize?: number } = {},
  ) {
    return paginate(async (page) => {
      const offset = String((page - 1) * pageSize);
      const res = await this.list({ ...query, limit: String(pageSize), offset }, options);
      return { items: res.datapoints };
    }, pageSize);
  }

  /** GET /v1/datapoints/{id}. */
  get(datapointId: string, options: CallOptions = {}) {
    return this.call("GET /v1/datapoints/{id}", { params: { id: datapointId } }, options);
  }

  /** POST /v1/datapoints. */
  create(body: BodyOf<"POST /v1/datapoints">, options: CallOptions = {}) {
    return this.call("POST /v1/datapoints", { body }, { retry: "idempotency-key", ...options });
  }

  /** POST /v1/datapoints/batch: invalid items are reported by index, the others kept. */
  createBatch(body: BodyOf<"POST /v1/datapoints/batch">, options: CallOptions = {}) {
    return this.call("POST /v1/datapoints/batch", { body }, { retry: "idempotency-key", ...options });
  }

  /** PUT /v1/datapoints/{id}. */
  update(datapointId: string, body: BodyOf<"PUT /v1/datapoints/{id}">, options: CallOptions = {}) {
    return this.call("PUT /v1/datapoints/{id}", { params: { id: datapointId }, body }, options);
  }

  /** DELETE /v1/datapoints/{id}. */
  delete(datapointId: string, options: CallOptions = {}) {
    return this.call("DELETE /v1/datapoints/{id}", { params: { id: datapointId } }, options);
  }
}

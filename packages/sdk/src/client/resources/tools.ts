import type { BodyOf, QueryOf } from "../operations.js";
import type { CallOptions } from "../transport.js";
import { Resource } from "./base.js";

/** Tools (function definitions): list, create, update, delete. Classic API only (no /v1 paths). */
export class ToolsResource extends Resource {
  /** GET /tools (?name narrows it). */
  list(query: QueryOf<"GET /tools"> = {}, options: CallOptions = {}) {
    return this.call("GET /tools", { query }, options);
  }

  /** POST /tools. */
  create(body: BodyOf<"POST /tools">, options: CallOptions = {}) {
    return this.call("POST /tools", { body }, { retry: "idempotency-key", ...options });
  }

  /** PUT /tools: the body names the tool (`id`, `tool_id` or `function_id`). */
  update(body: BodyOf<"PUT /tools">, options: CallOptions = {}) {
    return this.call("PUT /tools", { body }, options);
  }

  /** DELETE /tools?tool_id=. */
  delete(toolId: string, options: CallOptions = {}) {
    return this.call("DELETE /tools", { query: { tool_id: toolId } }, options);
  }
}

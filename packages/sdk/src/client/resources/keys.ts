import type { QueryOf } from "../operations.js";
import type { CallOptions } from "../transport.js";
import { Resource } from "./base.js";

/** API keys of a project: list and revoke (create one with `projects.createApiKey`). */
export class KeysResource extends Resource {
  /** GET /v1/api_keys: the caller's project's keys (admin keys: `{project}` names another). */
  list(query: QueryOf<"GET /v1/api_keys"> = {}, options: CallOptions = {}) {
    return this.call("GET /v1/api_keys", { query }, options);
  }

  /** DELETE /v1/api_keys/{id}: revoke a key. */
  revoke(keyId: string, options: CallOptions = {}) {
    return this.call("DELETE /v1/api_keys/{id}", { params: { id: keyId } }, options);
  }
}

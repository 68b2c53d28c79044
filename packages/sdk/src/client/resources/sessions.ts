import type { StartSessionRequest } from "../api-types.js";
import type { CallOptions } from "../transport.js";
import { Resource } from "./base.js";

export type StartSession = StartSessionRequest["session"];

/** Sessions: start, read (flat or as a tree), delete. */
export class SessionsResource extends Resource {
  /** POST /v1/sessions/start. A client-chosen `session_id` must be a UUID. */
  start(session: StartSession = {}, options: CallOptions = {}) {
    return this.call(
      "POST /v1/sessions/start",
      { body: { session } },
      { retry: "idempotency-key", ...options },
    );
  }

  /** GET /session/{id}: the session event with its aggregates in metadata. */
  get(sessionId: string, options: CallOptions = {}) {
    return this.call("GET /session/{id}", { params: { id: sessionId } }, options);
  }

  /** GET /v1/sessions/{id}: the session as a tree of events (`children`). */
  getTree(sessionId: string, options: CallOptions = {}) {
    return this.call("GET /v1/sessions/{id}", { params: { id: sessionId } }, options);
  }

  /** DELETE /v1/sessions/{id}: the session and all its events. */
  delete(sessionId: string, options: CallOptions = {}) {
    return this.call("DELETE /v1/sessions/{id}", { params: { id: sessionId } }, options);
  }
}

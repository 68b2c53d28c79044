import type { CreateProjectRequest, UpdateProjectRequest } from "../api-types.js";
import type { QueryOf } from "../operations.js";
import type { CallOptions } from "../transport.js";
import { Resource } from "./base.js";

/** Projects (admin keys manage any; other keys see their own). */
export class ProjectsResource extends Resource {
  /** GET /v1/projects (?name= or ?id= narrow it). */
  list(query: QueryOf<"GET /v1/projects"> = {}, options: CallOptions = {}) {
    return this.call("GET /v1/projects", { query }, options);
  }

  /** GET /v1/projects/{id}. */
  get(projectId: string, options: CallOptions = {}) {
    return this.call("GET /v1/projects/{id}", { params: { id: projectId } }, options);
  }

  /** POST /v1/projects: the project and its first API key (shown once). Admin only. */
  create(body: CreateProjectRequest, options: CallOptions = {}) {
    return this.call("POST /v1/projects", { body }, { retry: "idempotency-key", ...options });
  }

  /** PUT /v1/projects/{id}. */
  update(
    projectId: string,
    body: Omit<UpdateProjectRequest, "id" | "project_id">,
    options: CallOptions = {},
  ) {
    return this.call("PUT /v1/projects/{id}", { params: { id: projectId }, body }, options);
  }

  /** DELETE /v1/projects/{id}: the project and all its data. Admin only. */
  delete(projectId: string, options: CallOptions = {}) {
    return this.call("DELETE /v1/projects/{id}", { params: { id: projectId } }, options);
  }

  /** POST /v1/projects/{id}/api_keys: a new key for the project (shown once). Admin only. */
  createApiKey(projectId: string, body: { name?: string } = {}, options: CallOptions = {}) {
    return this.call(
      "POST /v1/projects/{id}/api_keys",
      { params: { id: projectId }, body },
      { retry: "idempotency-key", ...options },
    );
  }
}

import type { BodyOf, QueryOf } from "../operations.js";
import type { CallOptions } from "../transport.js";
import { Resource } from "./base.js";

type Env = QueryOf<"GET /v1/configurations/deployed">["env"];

/** Configurations (prompts and pipelines) with their versions and per-environment deployments. */
export class ConfigurationsResource extends Resource {
  /** GET /v1/configurations (?name, ?env, ?type, ?tags narrow it). */
  list(query: QueryOf<"GET /v1/configurations"> = {}, options: CallOptions = {}) {
    return this.call("GET /v1/configurations", { query }, options);
  }

  /** GET /v1/configurations/{id}. */
  get(configurationId: string, options: CallOptions = {}) {
    return this.call("GET /v1/configurations/{id}", { params: { id: configurationId } }, options);
  }

  /** GET /v1/configurations/deployed: the version deployed to an environment. */
  getDeployed(query: QueryOf<"GET /v1/configurations/deployed">, options: CallOptions = {}) {
    return this.call("GET /v1/configurations/deployed", { query }, options);
  }

  /** POST /v1/configurations. */
  create(body: BodyOf<"POST /v1/configurations">, options: CallOptions = {}) {
    return this.call("POST /v1/configurations", { body }, { retry: "idempotency-key", ...options });
  }

  /** PUT /v1/configurations/{id}: a new version (earlier ones stay readable). */
  update(configurationId: string, body: BodyOf<"PUT /v1/configurations/{id}">, options: CallOptions = {}) {
    return this.call("PUT /v1/configurations/{id}", { params: { id: configurationId }, body }, options);
  }

  /** DELETE /v1/configurations/{id}. */
  delete(configurationId: string, options: CallOptions = {}) {
    return this.call("DELETE /v1/configurations/{id}", { params: { id: configurationId } }, options);
  }

  /** POST /v1/configurations/{id}/deploy: point an environment at a version. */
  deploy(
    configurationId: string,
    body: BodyOf<"POST /v1/configurations/{id}/deploy">,
    options: CallOptions = {},
  ) {
    return this.call(
      "POST /v1/configurations/{id}/deploy",
      { params: { id: configurationId }, body },
      options,
    );
  }

  /** DELETE /v1/configurations/{id}/deployments/{env}. */
  undeploy(configurationId: string, env: Env, options: CallOptions = {}) {
    return this.call(
      "DELETE /v1/configurations/{id}/deployments/{env}",
      { params: { id: configurationId, env } },
      options,
    );
  }

  /** GET /v1/configurations/{id}/versions. */
  listVersions(configurationId: string, options: CallOptions = {}) {
    return this.call("GET /v1/configurations/{id}/versions", { params: { id: configurationId } }, options);
  }

  /** GET /v1/configurations/{id}/versions/{version}. */
  getVersion(configurationId: string, version: number, options: CallOptions = {}) {
    return this.call(
      "GET /v1/configurations/{id}/versions/{version}",
      { params: { id: configurationId, version: String(version) } },
      options,
    );
  }
}

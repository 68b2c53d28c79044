import type { JsonObject } from "@honeyhive-ts/semconv";
import type { AuthContext } from "../auth/context.js";
import { notFound } from "../errors.js";
import { IdParams } from "../http/schemas.js";
import {
  ConfigurationEnvParams,
  ConfigurationList,
  ConfigurationQuery,
  ConfigurationSchema,
  ConfigurationVersionList,
  ConfigurationVersionParams,
  ConfigurationVersionSchema,
  CreateConfigurationBody,
  CreateConfigurationResponse,
  DeleteConfigurationResponse,
  DeployConfigurationBody,
  DeployedConfigurationQuery,
  UpdateConfigurationBody,
} from "../http/schemas-catalog.js";
import { checkProjectFields } from "../resources/catalog/requests.js";
import type {
  Configuration,
  ConfigurationInput,
  ConfigurationPatch,
  Env,
  ConfigurationQuery as StoreQuery,
} from "../resources/configurations/index.js";
import { ConfigurationStore, checkConfiguration } from "../resources/configurations/index.js";
import type { RouteDeps } from "./deps.js";

const CONTENT_KEYS = ["name", "provider", "type", "parameters", "tags", "user_properties", "env"] as const;

function pick(body: JsonObject): ConfigurationPatch {
  return Object.fromEntries(CONTENT_KEYS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}

const found = <T>(value: T | null, id: string): T => {
  if (value === null) throw notFound("Configuration", id);
  return value;
};

/** Configurations (prompt and model settings) with versions and per-environment deployments. */
export function configurationRoutes({ api, storage }: RouteDeps): void {
  const configurations = new ConfigurationStore(storage.sql);
  const idOf = (req: { params: unknown }) => (req.params as { id: string }).id;

  api.add(
    {
      method: "GET",
      paths: ["/configurations", "/v1/configurations"],
      summary: "List configurations (latest versions; with env, the version deployed there)",
      tag: "configurations",
      querystring: ConfigurationQuery,
      response: ConfigurationList,
    },
    async (req, _reply, auth) => {
      const q = req.query as { name?: string; env?: Env; type?: Configuration["type"]; tags?: string };
      checkProjectFields(auth, q);
      const query: StoreQuery = {};
      if (q.name !== undefined) query.name = q.name;
      if (q.env !== undefined) query.env = q.env;
      if (q.type !== undefined) query.type = q.type;
      const tags = q.tags
        ?.split(",")
        .map((t) => t.trim())
        .filter(Boolean);
      if (tags?.length) query.tags = tags;
      return configurations.list(auth.projectId, query);
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/v1/configurations/deployed", "/configurations/deployed"],
      summary: "The configuration named `name` at the version deployed to `env`",
      tag: "configurations",
      querystring: DeployedConfigurationQuery,
      response: ConfigurationSchema,
    },
    async (req, _reply, auth) => {
      const q = req.query as { name: string; env: Env };
      checkProjectFields(auth, q);
      const shown = await configurations.deployed(auth.projectId, q.name, q.env);
      if (!shown) throw notFound("Configuration deployed", `${q.name}@${q.env}`);
      return shown;
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/v1/configurations/:id", "/configurations/:id"],
      summary: "Read a configuration at its latest version",
      tag: "configurations",
      params: IdParams,
      response: ConfigurationSchema,
    },
    async (req, _reply, auth) => found(await configurations.get(auth.projectId, idOf(req)), idOf(req)),
  );

  api.add(
    {
      method: "POST",
      paths: ["/configurations", "/v1/configurations"],
      summary: "Create a configuration (version 1), optionally deployed to env",
      tag: "configurations",
      body: CreateConfigurationBody,
      response: CreateConfigurationResponse,
    },
    async (req, _reply, auth) => {
      const raw = req.body as JsonObject;
      const wrapped = raw["configuration"] !== undefined;
      const body = (wrapped ? raw["configuration"] : raw) as JsonObject;
      const at = wrapped ? "configuration." : "";
      checkProjectFields(auth, body, at);
      const input = pick(body) as ConfigurationInput;
      checkConfiguration({ type: "LLM", tags: [], user_properties: {}, ...input }, at);
      const created = await configurations.create(auth.projectId, input);
      return { ...created, acknowledged: true, insertedId: created.id };
    },
  );

  api.add(
    {
      method: "PUT",
      paths: ["/configurations/:id", "/v1/configurations/:id"],
      summary: "Update a configuration: changed content is saved as a new version; env deploys it",
      tag: "configurations",
      params: IdParams,
      body: UpdateConfigurationBody,
      response: ConfigurationSchema,
    },
    async (req, _reply, auth) => {
      const body = req.body as JsonObject;
      checkProjectFields(auth, body);
      const updated = await configurations.update(auth.projectId, idOf(req), pick(body), (c) =>
        checkConfiguration(c),
      );
      return found(updated, idOf(req));
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/configurations/:id", "/v1/configurations/:id"],
      summary: "Delete a configuration with all its versions and deployments",
      tag: "configurations",
      params: IdParams,
      response: DeleteConfigurationResponse,
    },
    async (req, _reply, auth) => {
      found((await configurations.delete(auth.projectId, idOf(req))) || null, idOf(req));
      return { success: true, deleted: idOf(req) };
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/v1/configurations/:id/versions", "/configurations/:id/versions"],
      summary: "Every version of a configuration, oldest first",
      tag: "configurations",
      params: IdParams,
      response: ConfigurationVersionList,
    },
    async (req, _reply, auth) => found(await configurations.versions(auth.projectId, idOf(req)), idOf(req)),
  );

  api.add(
    {
      method: "GET",
      paths: ["/v1/configurations/:id/versions/:version", "/configurations/:id/versions/:version"],
      summary: "One version of a configuration",
      tag: "configurations",
      params: ConfigurationVersionParams,
      response: ConfigurationVersionSchema,
    },
    async (req, _reply, auth) => {
      const { id, version } = req.params as { id: string; version: string };
      const shown = await configurations.version(auth.projectId, id, Number(version));
      if (!shown) throw notFound("Configuration version", `${id}/versions/${version}`);
      return shown;
    },
  );

  const deploy = (auth: AuthContext, id: string, env: Env, version?: number) =>
    configurations.deploy(auth.projectId, id, env, version).then((c) => found(c, id));

  api.add(
    {
      method: "POST",
      paths: ["/v1/configurations/:id/deploy", "/configurations/:id/deploy"],
      summary:
        "Deploy a version (default: the latest) to an environment, moving it from the version that had it",
      tag: "configurations",
      params: IdParams,
      body: DeployConfigurationBody,
      response: ConfigurationSchema,
    },
    async (req, _reply, auth) => {
      const body = req.body as { env: Env; version?: number };
      return deploy(auth, idOf(req), body.env, body.version);
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/v1/configurations/:id/deployments/:env", "/configurations/:id/deployments/:env"],
      summary: "Remove a configuration from an environment",
      tag: "configurations",
      params: ConfigurationEnvParams,
      response: ConfigurationSchema,
    },
    async (req, _reply, auth) => {
      const { id, env } = req.params as { id: string; env: Env };
      return found(await configurations.undeploy(auth.projectId, id, env), id);
    },
  );
}

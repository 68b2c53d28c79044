import type { JsonObject } from "@honeyhive-ts/semconv";
import type { SqlDriver, SqlParam, SqlRow } from "../../storage/sql/driver.js";
import { jsonArray, jsonObject, numberColumn, toJson } from "../../storage/sql/rows.js";
import type { Row } from "../catalog/store-kit.js";
import type {
  Configuration,
  ConfigurationContent,
  ConfigurationType,
  ConfigurationVersion,
  Env,
} from "./types.js";

/** Reading configurations: the join of a configuration with one of its versions, and deployments. */

export interface Selection {
  id?: string;
  name?: string;
  env?: Env;
  type?: ConfigurationType;
}

export type Deployments = Map<string, Partial<Record<Env, number>>>;

const num = (v: unknown): number => numberColumn(v) ?? 0;

function content(r: SqlRow): ConfigurationContent {
  return {
    provider: String(r["provider"]),
    type: r["type"] as ConfigurationType,
    parameters: jsonObject(r["parameters"]),
    tags: jsonArray<string>(r["tags"]),
    user_properties: jsonObject(r["user_properties"]),
  };
}

export function contentRow(c: ConfigurationContent): Row {
  return {
    provider: c.provider,
    type: c.type,
    parameters: toJson(c.parameters),
    tags: toJson(c.tags),
    user_properties: toJson(c.user_properties),
  };
}

const envsAt = (deployed: Partial<Record<Env, number>>, version: number): Env[] =>
  (Object.keys(deployed) as Env[]).filter((e) => deployed[e] === version).sort();

/**
 * Configurations of a project, each at its latest version, or (with `env`)
 * at the version deployed there, skipping those not deployed to it.
 */
export async function selectConfigurations(
  sql: SqlDriver,
  projectId: string,
  s: Selection,
): Promise<Configuration[]> {
  const params: SqlParam[] = [];
  let join = `JOIN ${sql.table("configuration_versions")} v ON v.configuration_id = c.id AND v.version = `;
  if (s.env !== undefined) {
    join = `JOIN ${sql.table("configuration_deployments")} d ON d.configuration_id = c.id AND d.env = ? ${join}d.version`;
    params.push(s.env);
  } else {
    join += "c.latest_version";
  }
  const where = ["c.project_id = ?"];
  params.push(projectId);
  for (const [column, value] of [
    ["c.id", s.id],
    ["c.name", s.name],
    ["v.type", s.type],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  const rows = await sql.all(
    `SELECT c.id, c.project_id, c.name, c.latest_version, c.created_at, c.updated_at, v.version, v.provider, v.type, v.parameters, v.tags, v.user_properties
     FROM ${sql.table("configurations")} c ${join} WHERE ${where.join(" AND ")} ORDER BY c.name`,
    params,
  );
  const deployments = await selectDeployments(sql, projectId, s.id);
  return rows.map((r) => {
    const id = String(r["id"]);
    const deployed = deployments.get(id) ?? {};
    const version = num(r["version"]);
    return {
      id,
      project_id: String(r["project_id"]),
      name: String(r["name"]),
      ...content(r),
      version,
      latest_version: num(r["latest_version"]),
      env: envsAt(deployed, version),
      deployments: deployed,
      created_at: num(r["created_at"]),
      updated_at: num(r["updated_at"]),
    };
  });
}

/** env → version, per configuration id, of one configuration or of the whole project. */
export async function selectDeployments(
  sql: SqlDriver,
  projectId: string,
  configurationId?: string,
): Promise<Deployments> {
  const rows = await sql.all(
    `SELECT configuration_id, env, version FROM ${sql.table("configuration_deployments")} WHERE project_id = ?${
      configurationId === undefined ? "" : " AND configuration_id = ?"
    }`,
    configurationId === undefined ? [projectId] : [projectId, configurationId],
  );
  const out: Deployments = new Map();
  for (const r of rows) {
    const id = String(r["configuration_id"]);
    const deployed = out.get(id) ?? {};
    deployed[r["env"] as Env] = num(r["version"]);
    out.set(id, deployed);
  }
  return out;
}

/** Versions of one configuration (or just `version`), oldest first. */
export async function selectVersions(
  sql: SqlDriver,
  projectId: string,
  configurationId: string,
  version?: number,
): Promise<ConfigurationVersion[]> {
  const params: SqlParam[] = [projectId, configurationId];
  if (version !== undefined) params.push(version);
  const rows = await sql.all(
    `SELECT c.name, v.* FROM ${sql.table("configuration_versions")} v JOIN ${sql.table("configurations")} c ON c.id = v.configuration_id
     WHERE v.project_id = ? AND v.configuration_id = ?${version === undefined ? "" : " AND v.version = ?"} ORDER BY v.version`,
    params,
  );
  const deployed = (await selectDeployments(sql, projectId, configurationId)).get(configurationId) ?? {};
  return rows.map((r) => ({
    configuration_id: configurationId,
    project_id: projectId,
    name: String(r["name"]),
    version: num(r["version"]),
    ...content(r),
    env: envsAt(deployed, num(r["version"])),
    created_at: num(r["created_at"]),
  }));
}

/** JSON with object keys sorted, so equal content compares equal whatever its key order. */
export function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v === null || typeof v !== "object") return v;
    const o = v as JsonObject;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sort(o[k])]),
    );
  };
  return JSON.stringify(sort(value));
}

import { randomUUID } from "node:crypto";
import { HoneyHiveError } from "../../errors.js";
import type { SqlDriver } from "../../storage/sql/driver.js";
import { deleteRow, insertRow, lockRow, updateRow, withUniqueName } from "../catalog/store-kit.js";
import { canonical, contentRow, selectConfigurations, selectVersions } from "./rows.js";
import type {
  Configuration,
  ConfigurationContent,
  ConfigurationInput,
  ConfigurationPatch,
  ConfigurationQuery,
  ConfigurationVersion,
  Env,
} from "./types.js";

const contentOf = (c: ConfigurationContent): ConfigurationContent => ({
  provider: c.provider,
  type: c.type,
  parameters: c.parameters,
  tags: c.tags,
  user_properties: c.user_properties,
});

/**
 * Configurations of a project with their versions and deployments, on the
 * shared SQL driver (both backends). Versions are append-only: an update
 * that changes the content adds a version, so every earlier one stays
 * readable; deploying points an environment at one version, moving it from
 * whichever version had it.
 */
export class ConfigurationStore {
  constructor(private readonly sql: SqlDriver) {}

  async list(projectId: string, q: ConfigurationQuery = {}): Promise<Configuration[]> {
    const { tags, ...selection } = q;
    const all = await selectConfigurations(this.sql, projectId, selection);
    return tags?.length ? all.filter((c) => tags.every((t) => c.tags.includes(t))) : all;
  }

  async get(projectId: string, id: string): Promise<Configuration | null> {
    return (await selectConfigurations(this.sql, projectId, { id }))[0] ?? null;
  }

  /** The configuration named `name` at the version deployed to `env`. */
  async deployed(projectId: string, name: string, env: Env): Promise<Configuration | null> {
    return (await selectConfigurations(this.sql, projectId, { name, env }))[0] ?? null;
  }

  async create(projectId: string, input: ConfigurationInput): Promise<Configuration> {
    const id = randomUUID();
    const now = Date.now();
    const content = contentOf({ type: "LLM", tags: [], user_properties: {}, ...input });
    await this.sql.transaction(async (tx) => {
      await withUniqueName("configuration", input.name, () =>
        insertRow(tx, "configurations", {
          id,
          project_id: projectId,
          name: input.name,
          latest_version: 1,
          created_at: now,
          updated_at: now,
        }),
      );
      await this.addVersion(tx, projectId, id, 1, content, now);
      for (const env of input.env ?? []) await this.point(tx, projectId, id, env, 1, now);
    });
    return (await this.get(projectId, id)) as Configuration;
  }

  /**
   * Applies `patch` to the latest version: a new version when the content
   * changes (`check` may refuse the merged content first), then deploys the
   * resulting version to `patch.env`. Null when the project has no such
   * configuration.
   */
  async update(
    projectId: string,
    id: string,
    patch: ConfigurationPatch,
    check: (content: ConfigurationContent) => void,
  ): Promise<Configuration | null> {
    const found = await this.sql.transaction(async (tx) => {
      if (!(await lockRow(tx, "configurations", projectId, id))) return false;
      const current = (await selectConfigurations(tx, projectId, { id }))[0];
      if (!current) return false;
      const content = contentOf({ ...current, ...patch });
      check(content);
      const now = Date.now();
      const changed = canonical(content) !== canonical(contentOf(current));
      const version = changed ? current.latest_version + 1 : current.latest_version;
      const name = patch.name ?? current.name;
      if (changed) await this.addVersion(tx, projectId, id, version, content, now);
      if (changed || name !== current.name) {
        await withUniqueName("configuration", name, () =>
          updateRow(tx, "configurations", projectId, id, { name, latest_version: version, updated_at: now }),
        );
      }
      for (const env of patch.env ?? []) await this.point(tx, projectId, id, env, version, now);
      return true;
    });
    return found ? this.get(projectId, id) : null;
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    return deleteRow(this.sql, "configurations", projectId, id);
  }

  /** Every version, oldest first; null when the project has no such configuration. */
  async versions(projectId: string, id: string): Promise<ConfigurationVersion[] | null> {
    const versions = await selectVersions(this.sql, projectId, id);
    return versions.length > 0 ? versions : null;
  }

  async version(projectId: string, id: string, version: number): Promise<ConfigurationVersion | null> {
    return (await selectVersions(this.sql, projectId, id, version))[0] ?? null;
  }

  /** Points `env` at `version` (default: the latest); null when the project has no such configuration. */
  async deploy(projectId: string, id: string, env: Env, version?: number): Promise<Configuration | null> {
    const found = await this.sql.transaction(async (tx) => {
      if (!(await lockRow(tx, "configurations", projectId, id))) return false;
      const row = await tx.get(`SELECT latest_version FROM ${tx.table("configurations")} WHERE id = ?`, [id]);
      const latest = Number(row?.["latest_version"]);
      const target = version ?? latest;
      if (target > latest) {
        throw new HoneyHiveError(
          "HH_E_NOT_FOUND",
          404,
          `Configuration '${id}' has no version ${target} (latest: ${latest})`,
          "List its versions with GET /v1/configurations/{id}/versions.",
          { field: "version" },
        );
      }
      await this.point(tx, projectId, id, env, target, Date.now());
      return true;
    });
    return found ? this.get(projectId, id) : null;
  }

  /** Removes `env`'s deployment; null when the project has no such configuration. */
  async undeploy(projectId: string, id: string, env: Env): Promise<Configuration | null> {
    await this.sql.run(
      `DELETE FROM ${this.sql.table("configuration_deployments")} WHERE project_id = ? AND configuration_id = ? AND env = ?`,
      [projectId, id, env],
    );
    return this.get(projectId, id);
  }

  private async addVersion(
    sql: SqlDriver,
    projectId: string,
    id: string,
    version: number,
    content: ConfigurationContent,
    now: number,
  ): Promise<void> {
    await insertRow(sql, "configuration_versions", {
      configuration_id: id,
      project_id: projectId,
      version,
      ...contentRow(content),
      created_at: now,
    });
  }

  private async point(sql: SqlDriver, projectId: string, id: string, env: Env, version: number, now: number) {
    await sql.run(
      `INSERT INTO ${sql.table("configuration_deployments")} (configuration_id, project_id, env, version, deployed_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (configuration_id, env) DO UPDATE SET version = excluded.version, deployed_at = excluded.deployed_at`,
      [id, projectId, env, version, now],
    );
  }
}

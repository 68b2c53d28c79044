import { randomUUID } from "node:crypto";
import pg from "pg";
import { HoneyHiveError } from "../errors.js";
import { POSTGRES_MIGRATIONS } from "./migrations/postgres.js";
import { postgresEventMethods } from "./postgres-events.js";
import { inTransaction } from "./postgres-tx.js";
import {
  definedOnly,
  duplicateKeyHash,
  duplicateProjectName,
  newProject,
  toApiKey,
  toProject,
  unknownProject,
} from "./project-codec.js";
import { postgresDriver } from "./sql/postgres-driver.js";
import type { ApiKeyRecord, Storage } from "./types.js";

/**
 * PostgreSQL backend (node-postgres Pool). With `schema`, every table lives in
 * that schema (names are qualified, so it works behind poolers too).
 * Migrations run before this resolves, under a transaction-scoped advisory
 * lock, so replicas starting together apply each migration once.
 */

export interface PostgresOptions {
  /** Pool size (default 10). */
  poolSize?: number;
  /** Schema holding the tables (created if missing). Default: the connection's search_path. */
  schema?: string;
}

type Row = Record<string, unknown>;
const SCHEMA_RE = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const pgCode = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

async function migrate(pool: pg.Pool, schema: string | undefined, prefix: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
      `honeyhive-ts:migrate:${schema ?? ""}`,
    ]);
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${prefix}schema_migrations (version integer PRIMARY KEY, applied_at double precision NOT NULL)`,
    );
    const done = await client.query(`SELECT version FROM ${prefix}schema_migrations`);
    const applied = new Set((done.rows as { version: number }[]).map((r) => r.version));
    for (const m of POSTGRES_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql.replaceAll("{{s}}", prefix));
      await client.query(`INSERT INTO ${prefix}schema_migrations (version, applied_at) VALUES ($1, $2)`, [
        m.version,
        Date.now(),
      ]);
    }
  });
}

export async function openPostgresStorage(url: string, opts: PostgresOptions = {}): Promise<Storage> {
  const { schema } = opts;
  if (schema !== undefined && !SCHEMA_RE.test(schema)) {
    throw new HoneyHiveError(
      "HH_E_STORAGE_CONFIG",
      500,
      `Invalid PostgreSQL schema name '${schema}'`,
      "Use letters, digits and underscores, starting with a letter or underscore (at most 63 characters).",
    );
  }
  const prefix = schema === undefined ? "" : `"${schema}".`;
  const t = { projects: `${prefix}projects`, keys: `${prefix}api_keys`, events: `${prefix}events` };
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  let closed = false;
  let collation = "default";
  try {
    await migrate(pool, schema, prefix);
    const icu = await pool.query("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'");
    if ((icu.rowCount ?? 0) > 0) collation = "und-x-icu";
  } catch (err) {
    await pool.end();
    throw err;
  }

  return {
    kind: "postgres",
    sql: postgresDriver(pool, prefix),
    async migrate() {
      await migrate(pool, schema, prefix);
    },
    async ping() {
      await pool.query("SELECT 1");
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },

    async createProject(input) {
      const p = newProject(input);
      try {
        await pool.query(
          `INSERT INTO ${t.projects} (id, name, description, created_at) VALUES ($1, $2, $3, $4)`,
          [p.id, p.name, p.description, p.created_at],
        );
      } catch (err) {
        throw pgCode(err) === "23505" ? duplicateProjectName(input.name) : err;
      }
      return p;
    },
    async getProject(id) {
      const res = await pool.query(`SELECT * FROM ${t.projects} WHERE id = $1`, [id]);
      return res.rows[0] === undefined ? null : toProject(res.rows[0] as Row);
    },
    async getProjectByName(name) {
      const res = await pool.query(`SELECT * FROM ${t.projects} WHERE name = $1`, [name]);
      return res.rows[0] === undefined ? null : toProject(res.rows[0] as Row);
    },
    async listProjects() {
      const res = await pool.query(`SELECT * FROM ${t.projects} ORDER BY created_at, name`);
      return (res.rows as Row[]).map(toProject);
    },
    async updateProject(id, patch) {
      const p = definedOnly(patch);
      try {
        const res = await pool.query(
          `UPDATE ${t.projects} SET name = COALESCE($2, name), description = COALESCE($3, description)
           WHERE id = $1 RETURNING *`,
          [id, p.name ?? null, p.description ?? null],
        );
        return res.rows[0] === undefined ? null : toProject(res.rows[0] as Row);
      } catch (err) {
        throw pgCode(err) === "23505" ? duplicateProjectName(p.name ?? "") : err;
      }
    },
    async deleteProject(id) {
      return inTransaction(pool, async (c) => {
        await c.query(`DELETE FROM ${t.events} WHERE project_id = $1`, [id]);
        const res = await c.query(`DELETE FROM ${t.projects} WHERE id = $1`, [id]);
        return (res.rowCount ?? 0) > 0;
      });
    },

    async createApiKey(input) {
      const key: ApiKeyRecord = { ...input, id: randomUUID(), created_at: Date.now() };
      try {
        await pool.query(
          `INSERT INTO ${t.keys} (id, project_id, name, prefix, hash, is_admin, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [key.id, key.project_id, key.name, key.prefix, key.hash, key.is_admin, key.created_at],
        );
      } catch (err) {
        if (pgCode(err) === "23505") throw duplicateKeyHash();
        if (pgCode(err) === "23503") throw unknownProject(input.project_id);
        throw err;
      }
      return key;
    },
    async findApiKeyByHash(hash) {
      const res = await pool.query(`SELECT * FROM ${t.keys} WHERE hash = $1`, [hash]);
      return res.rows[0] === undefined ? null : toApiKey(res.rows[0] as Row);
    },
    async countApiKeys() {
      const res = await pool.query(`SELECT count(*)::float8 AS n FROM ${t.keys}`);
      return (res.rows[0] as { n: number }).n;
    },

    ...postgresEventMethods(pool, prefix, collation),
  };
}

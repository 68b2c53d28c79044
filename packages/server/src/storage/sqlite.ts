import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { SQLITE_MIGRATIONS } from "./migrations/sqlite.js";
import {
  definedOnly,
  duplicateKeyHash,
  duplicateProjectName,
  newProject,
  toApiKey,
  toProject,
  unknownProject,
} from "./project-codec.js";
import { sqliteDriver } from "./sql/sqlite-driver.js";
import { createBatchWriter, planRowItems, toWirePlan, type WirePlan } from "./sqlite-batch-writer.js";
import { sqliteEventMethods } from "./sqlite-events.js";
import { configureConnection } from "./sqlite-pragmas.js";
import { SqliteWriterThread } from "./sqlite-writer.js";
import type { ApiKeyRecord, Storage } from "./types.js";

/**
 * SQLite backend (better-sqlite3, synchronous; every method is a thin async
 * wrapper). WAL with synchronous=FULL: a resolved writeBatch has been fsynced.
 * Migrations run before this resolves. Ingest batches (writeBatch) are
 * committed by a writer thread with its own connection, so the event loop
 * keeps decoding requests while SQLite writes; other calls use the main
 * connection (WAL lets them read beside the writer).
 */

type Row = Record<string, unknown>;

const sqliteCode = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

function migrate(db: Database.Database): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)",
  );
  db.transaction(() => {
    const done = new Set(db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[]);
    for (const m of SQLITE_MIGRATIONS) {
      if (done.has(m.version)) continue;
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(
        m.version,
        Date.now(),
      );
    }
  }).immediate();
}

export interface SqliteOptions {
  /** Commit writeBatch on a writer thread (default true; an in-memory database always writes in-thread). */
  writerThread?: boolean;
}

export async function openSqliteStorage(path: string, options: SqliteOptions = {}): Promise<Storage> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    configureConnection(db);
    migrate(db);
    db.pragma("optimize = 0x10002");
  } catch (err) {
    db.close();
    throw err;
  }

  const stmt = {
    insertProject: db.prepare("INSERT INTO projects (id, name, description, created_at) VALUES (?, ?, ?, ?)"),
    projectById: db.prepare("SELECT * FROM projects WHERE id = ?"),
    projectByName: db.prepare("SELECT * FROM projects WHERE name = ?"),
    listProjects: db.prepare("SELECT * FROM projects ORDER BY created_at, name"),
    updateProject: db.prepare("UPDATE projects SET name = ?, description = ? WHERE id = ?"),
    deleteProject: db.prepare("DELETE FROM projects WHERE id = ?"),
    // Rollups go first, so the per-row delete trigger finds none to recompute.
    deleteProjectRollups: db.prepare("DELETE FROM session_rollups WHERE project_id = ?"),
    deleteProjectEvents: db.prepare("DELETE FROM events WHERE project_id = ?"),
    insertKey: db.prepare(
      "INSERT INTO api_keys (id, project_id, name, prefix, hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    keyByHash: db.prepare("SELECT * FROM api_keys WHERE hash = ?"),
    countKeys: db.prepare("SELECT COUNT(*) FROM api_keys").pluck(),
  };

  const updateProjectTx = db.transaction((id: string, patch: { name?: string; description?: string }) => {
    const row = stmt.projectById.get(id) as Row | undefined;
    if (row === undefined) return null;
    const next = { ...toProject(row), ...definedOnly(patch) };
    try {
      stmt.updateProject.run(next.name, next.description, id);
    } catch (err) {
      throw sqliteCode(err) === "SQLITE_CONSTRAINT_UNIQUE" ? duplicateProjectName(next.name) : err;
    }
    return next;
  });
  const deleteProjectTx = db.transaction((id: string) => {
    stmt.deleteProjectRollups.run(id);
    stmt.deleteProjectEvents.run(id);
    return stmt.deleteProject.run(id).changes > 0;
  });

  const thread =
    path !== ":memory:" && options.writerThread !== false ? new SqliteWriterThread(path) : undefined;
  const writeHere = thread ? undefined : createBatchWriter(db);
  const write = async (plan: WirePlan): Promise<void> => {
    if (plan.rows.length === 0) return;
    if (thread) await thread.write(plan);
    else writeHere!(plan);
  };

  return {
    kind: "sqlite",
    sql: sqliteDriver(db),
    async migrate() {
      migrate(db);
    },
    async ping() {
      db.prepare("SELECT 1").get();
    },
    async close() {
      await thread?.close();
      if (db.open) db.close();
    },

    async writeBatch(items) {
      await write(toWirePlan(items));
    },
    async writeRowItems(items) {
      await write(planRowItems(items));
    },

    async createProject(input) {
      const project = newProject(input);
      try {
        stmt.insertProject.run(project.id, project.name, project.description, project.created_at);
      } catch (err) {
        throw sqliteCode(err) === "SQLITE_CONSTRAINT_UNIQUE" ? duplicateProjectName(input.name) : err;
      }
      return project;
    },
    async getProject(id) {
      const row = stmt.projectById.get(id) as Row | undefined;
      return row === undefined ? null : toProject(row);
    },
    async getProjectByName(name) {
      const row = stmt.projectByName.get(name) as Row | undefined;
      return row === undefined ? null : toProject(row);
    },
    async listProjects() {
      return (stmt.listProjects.all() as Row[]).map(toProject);
    },
    async updateProject(id, patch) {
      return updateProjectTx.immediate(id, patch);
    },
    async deleteProject(id) {
      return deleteProjectTx.immediate(id);
    },

    async createApiKey(input) {
      const key: ApiKeyRecord = { ...input, id: randomUUID(), created_at: Date.now() };
      try {
        stmt.insertKey.run(
          key.id,
          key.project_id,
          key.name,
          key.prefix,
          key.hash,
          key.is_admin ? 1 : 0,
          key.created_at,
        );
      } catch (err) {
        const code = sqliteCode(err);
        if (code === "SQLITE_CONSTRAINT_UNIQUE") throw duplicateKeyHash();
        if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") throw unknownProject(input.project_id);
        throw err;
      }
      return key;
    },
    async findApiKeyByHash(hash) {
      const row = stmt.keyByHash.get(hash) as Row | undefined;
      return row === undefined ? null : toApiKey(row);
    },
    async countApiKeys() {
      return Number(stmt.countKeys.get());
    },

    ...sqliteEventMethods(db),
  };
}

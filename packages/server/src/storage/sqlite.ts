import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { SQLITE_MIGRATIONS } from "./migrations/sqlite.js";
import {
  definedOnly,
  duplicateKeyHash,
  duplicateProjectName,
  toApiKey,
  toProject,
  unknownProject,
} from "./project-codec.js";
import { sqliteEventMethods } from "./sqlite-events.js";
import type { ApiKeyRecord, Project, Storage } from "./types.js";

/**
 * SQLite backend (better-sqlite3, synchronous; every method is a thin async
 * wrapper). WAL with synchronous=FULL: a resolved writeBatch has been fsynced.
 * Migrations run before this resolves.
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

export async function openSqliteStorage(path: string): Promise<Storage> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    // Durable on commit: a resolved writeBatch survives a crash or power loss.
    db.pragma("synchronous = FULL");
    db.pragma("busy_timeout = 10000");
    db.pragma("foreign_keys = ON");
    // Random-key indexes (event_id, parent_id, span_ref) touch many pages per batch: keep them cached,
    // and checkpoint less often so a page rewritten by consecutive batches is copied back once.
    db.pragma("cache_size = -65536");
    db.pragma("wal_autocheckpoint = 8192");
    db.pragma("journal_size_limit = 67108864");
    db.pragma("temp_store = MEMORY");
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
    stmt.deleteProjectEvents.run(id);
    return stmt.deleteProject.run(id).changes > 0;
  });

  return {
    kind: "sqlite",
    async migrate() {
      migrate(db);
    },
    async ping() {
      db.prepare("SELECT 1").get();
    },
    async close() {
      if (db.open) db.close();
    },

    async createProject(input) {
      const project: Project = {
        id: randomUUID(),
        name: input.name,
        description: input.description ?? "",
        created_at: Date.now(),
      };
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

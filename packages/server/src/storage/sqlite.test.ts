import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { runStorageConformance } from "./conformance.testkit.js";
import { ev } from "./conformance-fixtures.testkit.js";
import { SQLITE_MIGRATIONS } from "./migrations/sqlite.js";
import { openStorage } from "./open.js";
import { openSqliteStorage } from "./sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "hh-storage-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The parent directory does not exist yet: opening must create it.
runStorageConformance("sqlite", () => openSqliteStorage(join(dir, "nested", "dir", "conformance.db")));

describe("sqlite specifics", () => {
  it("uses WAL and commits before writeBatch resolves (visible to another connection)", async () => {
    const path = join(dir, "durable.db");
    const storage = await openSqliteStorage(path);
    const p = await storage.createProject({ name: "durable" });
    const e = ev();
    await storage.writeBatch([{ projectId: p.id, events: [e], sessions: [] }]);
    const other = new Database(path, { readonly: true });
    try {
      expect(other.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(other.prepare("SELECT event_name FROM events WHERE event_id = ?").pluck().get(e.event_id)).toBe(
        "step",
      );
      expect(other.prepare("SELECT max(version) FROM schema_migrations").pluck().get()).toBe(
        SQLITE_MIGRATIONS.at(-1)?.version,
      );
    } finally {
      other.close();
    }
    await storage.close();
    await storage.close();
  });

  it("reopens an existing database without re-running migrations and keeps the data", async () => {
    const path = join(dir, "reopen.db");
    const first = await openSqliteStorage(path);
    const p = await first.createProject({ name: "kept" });
    await first.close();
    const second = await openStorage({ sqlitePath: path });
    expect(second.kind).toBe("sqlite");
    expect(await second.getProject(p.id)).toEqual(p);
    await second.close();
  });

  it("openStorage picks SQLite for file paths and sqlite:/file: URLs, and rejects unknown schemes", async () => {
    const viaUrl = await openStorage({ url: `sqlite:${join(dir, "url.db")}` });
    expect(viaUrl.kind).toBe("sqlite");
    await viaUrl.close();
    const viaFile = await openStorage({ url: `file://${join(dir, "file.db")}` });
    expect(viaFile.kind).toBe("sqlite");
    await viaFile.close();
    await expect(openStorage({ url: "mysql://user:secret@host/db" })).rejects.toMatchObject({
      code: "HH_E_STORAGE_CONFIG",
      message: expect.not.stringContaining("secret"),
    });
    await expect(openStorage({})).rejects.toMatchObject({ code: "HH_E_STORAGE_CONFIG" });
  });
});

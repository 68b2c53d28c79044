import { fileURLToPath } from "node:url";
import { HoneyHiveError } from "../errors.js";
import { openPostgresStorage } from "./postgres.js";
import { openSqliteStorage } from "./sqlite.js";
import type { Storage } from "./types.js";

export interface OpenStorageOptions {
  /** postgres:// or postgresql:// selects PostgreSQL; sqlite:/file: URLs name a SQLite file. */
  url?: string;
  /** SQLite database file, used when `url` is not set. */
  sqlitePath?: string;
}

const configError = (message: string, hint: string) =>
  new HoneyHiveError("HH_E_STORAGE_CONFIG", 500, message, hint);

/** The one place the backend is chosen. The returned storage is migrated. */
export async function openStorage(opts: OpenStorageOptions): Promise<Storage> {
  const url = opts.url?.trim();
  let storage: Storage;
  if (url !== undefined && url !== "") {
    if (/^postgres(ql)?:\/\//i.test(url)) {
      const { url: connection, schema } = splitSchema(url);
      storage = await openPostgresStorage(connection, schema === undefined ? {} : { schema });
    } else if (/^file:/i.test(url)) storage = await openSqliteStorage(fileURLToPath(url));
    else if (/^sqlite:/i.test(url)) storage = await openSqliteStorage(url.replace(/^sqlite:(\/\/)?/i, ""));
    else {
      throw configError(
        `Unsupported database URL scheme in '${url.replace(/\/\/[^@/]*@/, "//***@")}'`,
        "Use postgres://user@host:5432/db for PostgreSQL, or leave the URL unset and give a SQLite file path.",
      );
    }
  } else if (opts.sqlitePath !== undefined && opts.sqlitePath !== "") {
    storage = await openSqliteStorage(opts.sqlitePath);
  } else {
    throw configError("No database configured", "Set a PostgreSQL URL or a SQLite file path.");
  }
  // Both backends migrate when opened; this is a no-op that keeps the contract explicit.
  await storage.migrate();
  return storage;
}

/** `?schema=name` on a PostgreSQL URL keeps every table in that schema (one database, many servers). */
export function splitSchema(url: string): { url: string; schema?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  const schema = parsed.searchParams.get("schema");
  if (schema === null) return { url };
  parsed.searchParams.delete("schema");
  return { url: parsed.toString(), schema };
}

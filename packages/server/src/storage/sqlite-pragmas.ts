import type BetterSqlite3 from "better-sqlite3";

/** Settings every connection to the database uses (the main one and the writer thread's). */
export function configureConnection(db: BetterSqlite3.Database): void {
  // Rows are a few KB of JSON: 16 KiB pages keep a row and its neighbours on one page (measured:
  // about 1.3x the insert rate of 4 KiB pages). Takes effect only when the file is created.
  db.pragma("page_size = 16384");
  db.pragma("journal_mode = WAL");
  // Durable on commit: a resolved writeBatch survives a crash or power loss.
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 10000");
  db.pragma("foreign_keys = ON");
  // Random-key indexes (event_id, parent_id, session_id) touch many pages per batch: keep them cached,
  // and checkpoint less often so a page rewritten by consecutive batches is copied back once.
  db.pragma("cache_size = -65536");
  db.pragma("wal_autocheckpoint = 8192");
  db.pragma("journal_size_limit = 67108864");
  db.pragma("temp_store = MEMORY");
}

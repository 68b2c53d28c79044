import type Database from "better-sqlite3";
import type { SqlDriver, SqlParam, SqlRow } from "./driver.js";

/**
 * SqlDriver over the main better-sqlite3 connection. better-sqlite3 is
 * synchronous, but a transaction's callback is async: while one runs, every
 * other call waits its turn, so no foreign statement lands inside it.
 */
export function sqliteDriver(db: Database.Database): SqlDriver {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (stmt === undefined) {
      stmt = db.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt;
  };
  const direct = {
    all: (sql: string, params: readonly SqlParam[] = []) => {
      const stmt = prepare(sql);
      if (stmt.reader) return stmt.all(...params) as SqlRow[];
      stmt.run(...params);
      return [];
    },
    run: (sql: string, params: readonly SqlParam[] = []) => {
      const stmt = prepare(sql);
      if (stmt.reader) {
        stmt.all(...params);
        return 0;
      }
      return stmt.run(...params).changes;
    },
  };

  /** Settles when the running transaction (if any) has finished. */
  let turn: Promise<unknown> = Promise.resolve();
  let inTransaction = false;
  const settled = () => turn.catch(() => undefined);
  // Callers re-check `inTransaction` after every wake-up with no await before their statement or BEGIN,
  // so nothing lands inside another caller's transaction and two transactions never start together.

  const inner: SqlDriver = {
    dialect: "sqlite",
    table: (name) => name,
    all: async <R extends SqlRow>(sql: string, params?: readonly SqlParam[]) =>
      direct.all(sql, params) as R[],
    get: async <R extends SqlRow>(sql: string, params?: readonly SqlParam[]) =>
      direct.all(sql, params)[0] as R | undefined,
    run: async (sql, params) => direct.run(sql, params),
    transaction: (fn) => fn(inner),
  };

  const driver: SqlDriver = {
    dialect: "sqlite",
    table: (name) => name,
    async all<R extends SqlRow>(sql: string, params?: readonly SqlParam[]) {
      while (inTransaction) await settled();
      return direct.all(sql, params) as R[];
    },
    async get<R extends SqlRow>(sql: string, params?: readonly SqlParam[]) {
      while (inTransaction) await settled();
      return direct.all(sql, params)[0] as R | undefined;
    },
    async run(sql, params) {
      while (inTransaction) await settled();
      return direct.run(sql, params);
    },
    async transaction(fn) {
      // Check and take the turn with no await in between: two callers released together must not both start.
      while (inTransaction) await settled();
      inTransaction = true;
      const body = (async () => {
        db.exec("BEGIN IMMEDIATE");
        try {
          const result = await fn(inner);
          db.exec("COMMIT");
          return result;
        } catch (err) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw err;
        }
      })();
      turn = body;
      try {
        return await body;
      } finally {
        inTransaction = false;
      }
    },
  };
  return driver;
}

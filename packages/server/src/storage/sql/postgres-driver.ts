import type pg from "pg";
import { inTransaction } from "../postgres-tx.js";
import type { SqlDriver, SqlParam, SqlRow } from "./driver.js";

/** `?` placeholders become `$1, $2, ...` (statements never hold a literal `?`). */
const numbered = new Map<string, string>();
function toPostgres(sql: string): string {
  let out = numbered.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    if (numbered.size > 1000) numbered.clear();
    numbered.set(sql, out);
  }
  return out;
}

type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient;

function over(q: Queryable, prefix: string, transaction: SqlDriver["transaction"]): SqlDriver {
  const all = async <R extends SqlRow>(sql: string, params: readonly SqlParam[] = []) =>
    (await q.query(toPostgres(sql), params as SqlParam[])).rows as R[];
  return {
    dialect: "postgres",
    table: (name) => `${prefix}${name}`,
    all,
    get: async <R extends SqlRow>(sql: string, params?: readonly SqlParam[]): Promise<R | undefined> =>
      (await all<R>(sql, params))[0],
    run: async (sql, params = []) => (await q.query(toPostgres(sql), params as SqlParam[])).rowCount ?? 0,
    transaction,
  };
}

/** SqlDriver over a node-postgres pool; `prefix` is the quoted schema and a dot, or "". */
export function postgresDriver(pool: pg.Pool, prefix: string): SqlDriver {
  return over(pool, prefix, (fn) =>
    inTransaction(pool, (client) => {
      const nested: SqlDriver = over(client, prefix, (inner) => inner(nested));
      return fn(nested);
    }),
  );
}

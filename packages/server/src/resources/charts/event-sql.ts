import { compileQuery } from "../../storage/event-filter.js";
import { buildWhere, type SqlDialect } from "../../storage/event-query-sql.js";
import { postgresDialect } from "../../storage/postgres-sql.js";
import type { SqlDriver, SqlParam } from "../../storage/sql/driver.js";
import { sqliteDialect } from "../../storage/sqlite-sql.js";
import type { EventQuery } from "../../storage/types.js";

/**
 * The event filter SQL of storage/ spoken through the shared SQL driver:
 * `?` placeholders everywhere, and on PostgreSQL a JSON path bound as a text
 * array literal (its segments are validated to [A-Za-z0-9_-], so quoting each
 * is enough). Used by charts and run comparisons to read the events table.
 */
export function eventDialect(sql: SqlDriver): SqlDialect {
  if (sql.dialect === "sqlite") return sqliteDialect;
  return {
    ...postgresDialect("default"),
    placeholder: () => "?",
    pathParam: (path) => `{${path.map((s) => `"${s}"`).join(",")}}`,
  };
}

export interface Where {
  sql: string;
  params: SqlParam[];
}

/** WHERE clause (without the keyword) for a project, its filters and date range; validates the filters. */
export function eventWhere(sql: SqlDriver, query: EventQuery): Where {
  const where = buildWhere(compileQuery(query), eventDialect(sql));
  return { sql: where.sql, params: where.params as SqlParam[] };
}

/** `?, ?, ...` for n values. */
export const placeholders = (n: number): string => Array(n).fill("?").join(", ");

/** Splits ids into chunks small enough for one IN (...) list on both backends. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

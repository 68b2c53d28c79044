import type { SqlDriver, SqlParam } from "../../storage/sql/driver.js";

/**
 * Multi-row statements for bulk writes. Both backends cap bound parameters
 * per statement (SQLite 32766, PostgreSQL 65535), so rows are cut into
 * statements that stay under the smaller cap.
 */
const MAX_PARAMS = 30_000;

/** `?, ?, ?` for n values. */
export const marks = (n: number): string => Array.from({ length: n }, () => "?").join(", ");

/** INSERT INTO table (columns) VALUES (...), (...) [suffix] for every row, in as few statements as fit. */
export async function insertRows(
  sql: SqlDriver,
  table: string,
  columns: readonly string[],
  rows: readonly SqlParam[][],
  suffix = "",
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const tuple = `(${marks(columns.length)})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    await sql.run(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${part.map(() => tuple).join(", ")} ${suffix}`,
      part.flat(),
    );
  }
}

/** Runs `query` over `values` cut into IN-lists of at most `size`, concatenating the results. */
export async function inChunks<T>(
  values: readonly string[],
  query: (part: readonly string[]) => Promise<T[]>,
  size = 500,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += size) out.push(...(await query(values.slice(i, i + size))));
  return out;
}

import { conflict } from "../../errors.js";
import { isUniqueViolation, type SqlDriver, type SqlParam, type SqlRow } from "../../storage/sql/driver.js";

/**
 * Row helpers shared by the catalog stores (configurations, tools, metrics):
 * every table there is keyed by `id` and scoped by `project_id`, so reads,
 * writes and deletes always name both and a key of another project never
 * reaches a row it does not own.
 */

export type Row = Record<string, SqlParam>;

export async function insertRow(sql: SqlDriver, table: string, row: Row): Promise<void> {
  const columns = Object.keys(row);
  await sql.run(
    `INSERT INTO ${sql.table(table)} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    Object.values(row),
  );
}

/** Resolves to false when no row of that project has that id. */
export async function updateRow(
  sql: SqlDriver,
  table: string,
  projectId: string,
  id: string,
  row: Row,
): Promise<boolean> {
  const columns = Object.keys(row);
  const changed = await sql.run(
    `UPDATE ${sql.table(table)} SET ${columns.map((c) => `${c} = ?`).join(", ")} WHERE project_id = ? AND id = ?`,
    [...Object.values(row), projectId, id],
  );
  return changed > 0;
}

export async function getRow(
  sql: SqlDriver,
  table: string,
  projectId: string,
  id: string,
): Promise<SqlRow | undefined> {
  return sql.get(`SELECT * FROM ${sql.table(table)} WHERE project_id = ? AND id = ?`, [projectId, id]);
}

export async function deleteRow(
  sql: SqlDriver,
  table: string,
  projectId: string,
  id: string,
): Promise<boolean> {
  return (
    (await sql.run(`DELETE FROM ${sql.table(table)} WHERE project_id = ? AND id = ?`, [projectId, id])) > 0
  );
}

/** Runs a write; a name already taken in the project becomes a 409 saying how to proceed. */
export async function withUniqueName<T>(what: string, name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw conflict(
      `A ${what} named '${name}' already exists in this project`,
      `Names are unique per project: choose another name, or update the existing ${what} instead.`,
    );
  }
}

/**
 * Locks a row for the rest of the transaction (a no-op write: PostgreSQL
 * takes the row lock, SQLite's transactions are serialized anyway), so a
 * read-merge-write in the same transaction cannot lose a concurrent update.
 * Resolves to false when the project has no such row.
 */
export async function lockRow(tx: SqlDriver, table: string, projectId: string, id: string): Promise<boolean> {
  const changed = await tx.run(
    `UPDATE ${tx.table(table)} SET updated_at = updated_at WHERE project_id = ? AND id = ?`,
    [projectId, id],
  );
  return changed > 0;
}

import type { SqlDriver } from "../../storage/sql/driver.js";
import { boolColumn, numberColumn } from "../../storage/sql/rows.js";

/** An API key as the API shows it: never the hash, let alone the key. */
export interface ApiKeyView {
  id: string;
  project_id: string;
  name: string;
  prefix: string;
  is_admin: boolean;
  created_at: number;
}

const COLUMNS = "id, project_id, name, prefix, is_admin, created_at";

function decode(row: Record<string, unknown>): ApiKeyView {
  return {
    id: String(row["id"]),
    project_id: String(row["project_id"]),
    name: String(row["name"]),
    prefix: String(row["prefix"]),
    is_admin: boolColumn(row["is_admin"]),
    created_at: numberColumn(row["created_at"]) ?? 0,
  };
}

/**
 * Reads and revokes keys in the `api_keys` table the core storage creates.
 * Keys are minted by the project routes (they need the hash); this store only
 * lists and deletes, so it selects the display columns and nothing else.
 */
export class KeyStore {
  constructor(private readonly sql: SqlDriver) {}

  async list(projectId: string): Promise<ApiKeyView[]> {
    const rows = await this.sql.all(
      `SELECT ${COLUMNS} FROM ${this.sql.table("api_keys")} WHERE project_id = ? ORDER BY created_at, id`,
      [projectId],
    );
    return rows.map(decode);
  }

  async get(id: string): Promise<ApiKeyView | null> {
    const row = await this.sql.get(`SELECT ${COLUMNS} FROM ${this.sql.table("api_keys")} WHERE id = ?`, [id]);
    return row ? decode(row) : null;
  }

  /** Resolves to whether a key was deleted. */
  async delete(id: string): Promise<boolean> {
    return (await this.sql.run(`DELETE FROM ${this.sql.table("api_keys")} WHERE id = ?`, [id])) > 0;
  }
}

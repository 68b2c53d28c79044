import { CATALOG_MIGRATION } from "./resources-catalog.js";
import { DATASETS_MIGRATION } from "./resources-datasets.js";
import { EVALUATION_MIGRATION } from "./resources-evaluation.js";
import { IDEMPOTENCY_MIGRATION } from "./resources-idempotency.js";
import { RUNS_MIGRATION } from "./resources-runs.js";
import { SDK_CLIENTS_MIGRATION } from "./resources-sdk-clients.js";
import type { Migration } from "./sqlite.js";

/**
 * Migrations of the resource tables (configurations, tools, metrics, datasets,
 * datapoints, runs), written once for both backends. Placeholders:
 * `{{s}}` the schema prefix (PostgreSQL) or nothing; `{{text}}` a text column
 * that orders by code point (`text COLLATE "C"` on PostgreSQL, `TEXT` on
 * SQLite); `{{real}}` a double. JSON lives in TEXT columns, booleans in 0/1
 * INTEGER columns (see sql/rows.ts). Every table names its project with a
 * foreign key, so deleting a project deletes its resources.
 */
export const RESOURCE_MIGRATIONS: readonly Migration[] = [
  CATALOG_MIGRATION,
  DATASETS_MIGRATION,
  RUNS_MIGRATION,
  IDEMPOTENCY_MIGRATION,
  EVALUATION_MIGRATION,
  SDK_CLIENTS_MIGRATION,
];

export function resourceMigrationsFor(dialect: "sqlite" | "postgres"): Migration[] {
  return RESOURCE_MIGRATIONS.map((m) => ({
    ...m,
    sql: m.sql
      .replaceAll("{{text}}", dialect === "postgres" ? 'text COLLATE "C"' : "TEXT")
      .replaceAll("{{real}}", dialect === "postgres" ? "double precision" : "REAL")
      .replaceAll("{{s}}", dialect === "postgres" ? "{{s}}" : ""),
  }));
}

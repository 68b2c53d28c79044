import type { Migration } from "./sqlite.js";

/** Tables of configurations, tools, metrics (placeholders: see resources.ts). */
export const CATALOG_MIGRATION: Migration = {
  version: 2,
  name: "configurations, tools, metrics",
  sql: `
CREATE TABLE {{s}}catalog_placeholder (project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE);
`,
};

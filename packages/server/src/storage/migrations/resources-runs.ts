import type { Migration } from "./sqlite.js";

/** Tables of runs (placeholders: see resources.ts). */
export const RUNS_MIGRATION: Migration = {
  version: 4,
  name: "runs",
  sql: `
CREATE TABLE {{s}}runs_placeholder (project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE);
`,
};

import type { Migration } from "./sqlite.js";

/** Tables of datasets, datapoints (placeholders: see resources.ts). */
export const DATASETS_MIGRATION: Migration = {
  version: 3,
  name: "datasets, datapoints",
  sql: `
CREATE TABLE {{s}}datasets_placeholder (project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE);
`,
};

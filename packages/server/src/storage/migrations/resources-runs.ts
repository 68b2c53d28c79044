import type { Migration } from "./sqlite.js";

/**
 * Runs (experiments). Id lists, configuration, metadata and results are JSON
 * text; results and comparisons are computed from the events on read.
 * `version` counts updates (compare-and-swap for concurrent appends).
 * Indexes follow the list queries: newest first, by dataset, by status.
 */
export const RUNS_MIGRATION: Migration = {
  version: 4,
  name: "runs",
  sql: `
CREATE TABLE {{s}}runs (
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  id {{text}} NOT NULL,
  name {{text}} NOT NULL,
  description TEXT NOT NULL,
  dataset_id {{text}},
  status {{text}} NOT NULL,
  event_ids TEXT NOT NULL,
  datapoint_ids TEXT NOT NULL,
  session_ids TEXT NOT NULL,
  configuration TEXT NOT NULL,
  metadata TEXT NOT NULL,
  results TEXT,
  created_at {{real}} NOT NULL,
  updated_at {{real}} NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (project_id, id)
);
CREATE INDEX runs_created ON {{s}}runs (project_id, created_at);
CREATE INDEX runs_dataset ON {{s}}runs (project_id, dataset_id, created_at);
CREATE INDEX runs_status ON {{s}}runs (project_id, status, created_at);
`,
};

import type { Migration } from "./sqlite.js";

/**
 * Tables of datasets and datapoints (placeholders: see resources.ts). A
 * datapoint may belong to several datasets: membership lives in
 * dataset_datapoints with a position, so each dataset keeps its own order and
 * exports page through it by (dataset_id, position). `next_position` hands out
 * positions to appends without a MAX() scan. Timestamps are epoch ms.
 */
export const DATASETS_MIGRATION: Migration = {
  version: 3,
  name: "datasets, datapoints",
  sql: `
CREATE TABLE {{s}}datasets (
  id {{text}} PRIMARY KEY,
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  name {{text}} NOT NULL,
  description TEXT NOT NULL,
  type {{text}} NOT NULL,
  pipeline_type {{text}} NOT NULL,
  linked_evals TEXT NOT NULL,
  metadata TEXT NOT NULL,
  next_position BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX datasets_project_name ON {{s}}datasets (project_id, name);
CREATE INDEX datasets_project_created ON {{s}}datasets (project_id, created_at, id);
CREATE TABLE {{s}}datapoints (
  id {{text}} PRIMARY KEY,
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  inputs TEXT NOT NULL,
  history TEXT NOT NULL,
  ground_truth TEXT NOT NULL,
  linked_event {{text}},
  linked_evals TEXT NOT NULL,
  metadata TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX datapoints_project_created ON {{s}}datapoints (project_id, created_at, id);
CREATE INDEX datapoints_linked_event ON {{s}}datapoints (project_id, linked_event);
CREATE TABLE {{s}}dataset_datapoints (
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  dataset_id {{text}} NOT NULL REFERENCES {{s}}datasets(id) ON DELETE CASCADE,
  datapoint_id {{text}} NOT NULL REFERENCES {{s}}datapoints(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  PRIMARY KEY (dataset_id, datapoint_id)
);
CREATE UNIQUE INDEX dataset_datapoints_order ON {{s}}dataset_datapoints (dataset_id, position);
CREATE INDEX dataset_datapoints_datapoint ON {{s}}dataset_datapoints (datapoint_id);
CREATE INDEX dataset_datapoints_project ON {{s}}dataset_datapoints (project_id);
`,
};

import type { Migration } from "./sqlite.js";

/**
 * The latest health counters each SDK instance reported (placeholders: see
 * resources.ts). One row per (project, instance): a report replaces the
 * previous one, so the table holds one small row per running client.
 * `dropped_by_reason` is a JSON object of counts; times are epoch ms.
 */
export const SDK_CLIENTS_MIGRATION: Migration = {
  version: 7,
  name: "sdk clients",
  sql: `
CREATE TABLE {{s}}sdk_clients (
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  instance_id {{text}} NOT NULL,
  source {{text}} NOT NULL,
  sdk_name {{text}} NOT NULL,
  sdk_version {{text}} NOT NULL,
  service_name {{text}} NOT NULL,
  last_seen {{real}} NOT NULL,
  spans_exported {{real}} NOT NULL,
  spans_dropped {{real}} NOT NULL,
  dropped_by_reason TEXT NOT NULL,
  buffer_bytes {{real}} NOT NULL,
  PRIMARY KEY (project_id, instance_id)
);
CREATE INDEX sdk_clients_seen ON {{s}}sdk_clients (project_id, last_seen);
`,
};

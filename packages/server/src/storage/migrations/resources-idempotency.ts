import type { Migration } from "./sqlite.js";

/**
 * Responses remembered by idempotency key (placeholders: see resources.ts).
 * One row per (project, key): `state` is 'running' while the first request
 * executes, then 'done' with the status, content type and body to replay.
 * `created_at` (epoch ms) drives expiry after 24 h and the takeover of rows
 * whose request died mid-way; its index serves the sweep of expired rows.
 */
export const IDEMPOTENCY_MIGRATION: Migration = {
  version: 5,
  name: "idempotency keys",
  sql: `
CREATE TABLE {{s}}idempotency_keys (
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  idem_key {{text}} NOT NULL,
  fingerprint {{text}} NOT NULL,
  state {{text}} NOT NULL,
  status INTEGER,
  content_type {{text}},
  body TEXT,
  created_at {{real}} NOT NULL,
  PRIMARY KEY (project_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON {{s}}idempotency_keys (created_at);
`,
};

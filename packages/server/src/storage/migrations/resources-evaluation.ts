import type { Migration } from "./sqlite.js";

/**
 * The durable queue of server-side evaluations (placeholders: see
 * resources.ts). One row per (event, metric) to evaluate, written by a
 * trigger on `events` in the same transaction as the event (see
 * evaluation/triggers.ts), so an event committed is an evaluation queued,
 * whatever happens to the process next. A row is deleted once its score is
 * stored; it stays with `status = 'failed'` and its `last_error` when the
 * evaluation gave up. `next_attempt_at` (epoch ms) is both the backoff and the
 * lease of a claimed row: a replica that dies mid-evaluation leaves the row to
 * be claimed again once the lease ends. Deleting the event or the project
 * deletes its rows.
 */
export const EVALUATION_MIGRATION: Migration = {
  version: 6,
  name: "evaluation queue",
  sql: `
CREATE TABLE {{s}}evaluation_queue (
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  event_id {{text}} NOT NULL,
  metric_id {{text}} NOT NULL,
  metric_name {{text}} NOT NULL,
  status {{text}} NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at {{real}} NOT NULL,
  last_error TEXT,
  created_at {{real}} NOT NULL,
  updated_at {{real}} NOT NULL,
  PRIMARY KEY (project_id, event_id, metric_id),
  FOREIGN KEY (project_id, event_id) REFERENCES {{s}}events(project_id, event_id) ON DELETE CASCADE
);
CREATE INDEX evaluation_queue_due ON {{s}}evaluation_queue (status, next_attempt_at);
CREATE INDEX evaluation_queue_project ON {{s}}evaluation_queue (project_id, status, updated_at);
`,
};

import { resourceMigrationsFor } from "./resources.js";
import { SQLITE_SESSION_ROLLUPS } from "./session-rollups.js";
/**
 * SQLite schema migrations, applied in order and recorded in schema_migrations.
 * The logical schema matches migrations/postgres.ts; only the dialect differs
 * (JSON as TEXT, times as REAL, booleans as INTEGER 0/1).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "projects, api keys, events",
    sql: `
CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at REAL NOT NULL
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  is_admin INTEGER NOT NULL DEFAULT 0,
  created_at REAL NOT NULL
);
CREATE INDEX api_keys_project ON api_keys (project_id);
CREATE TABLE events (
  project_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  parent_id TEXT,
  event_type TEXT NOT NULL,
  event_name TEXT NOT NULL,
  source TEXT NOT NULL,
  config TEXT NOT NULL,
  inputs TEXT NOT NULL,
  outputs TEXT NOT NULL,
  error TEXT,
  start_time REAL NOT NULL,
  end_time REAL NOT NULL,
  duration REAL NOT NULL,
  metadata TEXT NOT NULL,
  feedback TEXT NOT NULL,
  metrics TEXT NOT NULL,
  user_properties TEXT NOT NULL,
  span_ref TEXT,
  model TEXT,
  provider TEXT,
  prompt_tokens REAL,
  completion_tokens REAL,
  total_tokens REAL,
  cost REAL,
  PRIMARY KEY (project_id, event_id)
);
CREATE INDEX events_session ON events (project_id, session_id, start_time);
CREATE INDEX events_start ON events (project_id, start_time);
CREATE INDEX events_parent ON events (project_id, parent_id);
CREATE INDEX events_span_ref ON events (project_id, span_ref) WHERE span_ref IS NOT NULL;
`,
  },
  ...resourceMigrationsFor("sqlite"),
  SQLITE_SESSION_ROLLUPS,
];

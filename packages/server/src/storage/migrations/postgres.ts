import { resourceMigrationsFor } from "./resources.js";
import { POSTGRES_SESSION_ROLLUPS } from "./session-rollups.js";
import type { Migration } from "./sqlite.js";

/**
 * PostgreSQL schema migrations, same logical schema as migrations/sqlite.ts.
 * `{{s}}` is replaced by the quoted schema prefix ('"name".' or '').
 * Text columns use the "C" collation so ordering and comparisons are by code
 * point, as in SQLite.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "projects, api keys, events",
    sql: `
CREATE TABLE {{s}}projects (
  id text PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE,
  description text NOT NULL DEFAULT '',
  created_at double precision NOT NULL
);
CREATE TABLE {{s}}api_keys (
  id text PRIMARY KEY,
  project_id text NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL,
  hash text NOT NULL UNIQUE,
  is_admin boolean NOT NULL DEFAULT false,
  created_at double precision NOT NULL
);
CREATE INDEX api_keys_project ON {{s}}api_keys (project_id);
CREATE TABLE {{s}}events (
  project_id text COLLATE "C" NOT NULL,
  event_id text COLLATE "C" NOT NULL,
  session_id text COLLATE "C" NOT NULL,
  parent_id text COLLATE "C",
  event_type text COLLATE "C" NOT NULL,
  event_name text COLLATE "C" NOT NULL,
  source text COLLATE "C" NOT NULL,
  config jsonb NOT NULL,
  inputs jsonb NOT NULL,
  outputs jsonb NOT NULL,
  error text COLLATE "C",
  start_time double precision NOT NULL,
  end_time double precision NOT NULL,
  duration double precision NOT NULL,
  metadata jsonb NOT NULL,
  feedback jsonb NOT NULL,
  metrics jsonb NOT NULL,
  user_properties jsonb NOT NULL,
  span_ref text COLLATE "C",
  model text COLLATE "C",
  provider text COLLATE "C",
  prompt_tokens double precision,
  completion_tokens double precision,
  total_tokens double precision,
  cost double precision,
  PRIMARY KEY (project_id, event_id)
);
CREATE INDEX events_session ON {{s}}events (project_id, session_id, start_time);
CREATE INDEX events_start ON {{s}}events (project_id, start_time);
CREATE INDEX events_parent ON {{s}}events (project_id, parent_id);
CREATE INDEX events_span_ref ON {{s}}events (project_id, span_ref) WHERE span_ref IS NOT NULL;
`,
  },
  ...resourceMigrationsFor("postgres"),
  POSTGRES_SESSION_ROLLUPS,
];

import type { Migration } from "./sqlite.js";

/**
 * Tables of configurations (with versions and deployments), tools and metrics
 * (placeholders: see resources.ts). A configuration's content lives in its
 * versions, never overwritten, so every earlier version stays readable; a
 * deployment points one environment of a configuration at one version.
 * Names are unique per project (the APIs look configurations and metrics up
 * by name), and those unique indexes also serve the per-project listings.
 */
export const CATALOG_MIGRATION: Migration = {
  version: 2,
  name: "configurations, tools, metrics",
  sql: `
CREATE TABLE {{s}}configurations (
  id {{text}} PRIMARY KEY,
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  name {{text}} NOT NULL,
  latest_version INTEGER NOT NULL,
  created_at {{real}} NOT NULL,
  updated_at {{real}} NOT NULL,
  UNIQUE (project_id, name)
);
CREATE TABLE {{s}}configuration_versions (
  configuration_id {{text}} NOT NULL REFERENCES {{s}}configurations(id) ON DELETE CASCADE,
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  provider {{text}} NOT NULL,
  type {{text}} NOT NULL,
  parameters TEXT NOT NULL,
  tags TEXT NOT NULL,
  user_properties TEXT NOT NULL,
  created_at {{real}} NOT NULL,
  PRIMARY KEY (configuration_id, version)
);
CREATE TABLE {{s}}configuration_deployments (
  configuration_id {{text}} NOT NULL REFERENCES {{s}}configurations(id) ON DELETE CASCADE,
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  env {{text}} NOT NULL,
  version INTEGER NOT NULL,
  deployed_at {{real}} NOT NULL,
  PRIMARY KEY (configuration_id, env),
  FOREIGN KEY (configuration_id, version) REFERENCES {{s}}configuration_versions(configuration_id, version) ON DELETE CASCADE
);
CREATE INDEX configuration_deployments_env ON {{s}}configuration_deployments (project_id, env);
CREATE TABLE {{s}}tools (
  id {{text}} PRIMARY KEY,
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  name {{text}} NOT NULL,
  description TEXT NOT NULL,
  parameters TEXT NOT NULL,
  tool_type {{text}} NOT NULL,
  created_at {{real}} NOT NULL,
  updated_at {{real}} NOT NULL,
  UNIQUE (project_id, name)
);
CREATE TABLE {{s}}metrics (
  id {{text}} PRIMARY KEY,
  project_id {{text}} NOT NULL REFERENCES {{s}}projects(id) ON DELETE CASCADE,
  name {{text}} NOT NULL,
  type {{text}} NOT NULL,
  description TEXT NOT NULL,
  criteria TEXT,
  return_type {{text}} NOT NULL,
  enabled_in_prod INTEGER NOT NULL,
  needs_ground_truth INTEGER NOT NULL,
  threshold TEXT,
  pass_when TEXT,
  event_name {{text}},
  event_type {{text}},
  model_provider TEXT,
  model_name TEXT,
  child_metrics TEXT NOT NULL,
  sampling_percentage {{real}} NOT NULL,
  categories TEXT,
  created_at {{real}} NOT NULL,
  updated_at {{real}} NOT NULL,
  UNIQUE (project_id, name)
);
CREATE INDEX metrics_event_name ON {{s}}metrics (project_id, event_name);
`,
};

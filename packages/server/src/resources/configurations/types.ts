import type { JsonObject } from "@honeyhive-ts/semconv";

export const ENVS = ["dev", "staging", "prod"] as const;
export type Env = (typeof ENVS)[number];
export type ConfigurationType = "LLM" | "pipeline";

/** What a version holds: every update of these makes a new version. */
export interface ConfigurationContent {
  provider: string;
  type: ConfigurationType;
  /** call_type, model, hyperparameters, responseFormat, selectedFunctions, template, ... */
  parameters: JsonObject;
  tags: string[];
  user_properties: JsonObject;
}

/** One version of a configuration, as it was saved. */
export interface ConfigurationVersion extends ConfigurationContent {
  configuration_id: string;
  project_id: string;
  name: string;
  version: number;
  /** Environments this version is deployed to. */
  env: Env[];
  created_at: number;
}

/** A configuration shown at one version: the latest, or the one deployed to the env asked for. */
export interface Configuration extends ConfigurationContent {
  id: string;
  project_id: string;
  name: string;
  /** The version whose content this is. */
  version: number;
  latest_version: number;
  /** Environments the shown version is deployed to. */
  env: Env[];
  /** Every environment of this configuration and the version deployed there. */
  deployments: Partial<Record<Env, number>>;
  created_at: number;
  updated_at: number;
}

export interface ConfigurationInput extends Partial<ConfigurationContent> {
  name: string;
  provider: string;
  parameters: JsonObject;
  /** Deploy the new version to these environments. */
  env?: Env[];
}

export interface ConfigurationPatch extends Partial<ConfigurationContent> {
  name?: string;
  /** Deploy the resulting version to these environments. */
  env?: Env[];
}

export interface ConfigurationQuery {
  name?: string;
  /** Show each configuration at the version deployed to this env (and only those deployed there). */
  env?: Env;
  type?: ConfigurationType;
  /** Only configurations whose shown version has every one of these tags. */
  tags?: string[];
}

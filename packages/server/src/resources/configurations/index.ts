export { checkConfiguration } from "./rules.js";
export { ConfigurationStore } from "./store.js";
export type {
  Configuration,
  ConfigurationContent,
  ConfigurationInput,
  ConfigurationPatch,
  ConfigurationQuery,
  ConfigurationType,
  ConfigurationVersion,
  Env,
} from "./types.js";
export { ENVS } from "./types.js";

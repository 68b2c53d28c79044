export {
  checkMetric,
  METRIC_TYPES,
  type MetricFields,
  type MetricInput,
  spellingsOf,
  withDefaults,
} from "./definition.js";
export { type MetricResult, type MetricValue, passes, runMetric } from "./run.js";
export { type MetricQuery, MetricStore } from "./store.js";
export type { Metric, MetricLookup } from "./types.js";

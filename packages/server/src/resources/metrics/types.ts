import type { JsonObject } from "@honeyhive-ts/semconv";

/** An evaluator definition (HoneyHive "metric"). Fields follow the HoneyHive API. */
export interface Metric {
  id: string;
  project_id: string;
  name: string;
  /** Classic spellings (custom, model, human, composite) and v1 ones (PYTHON, LLM, HUMAN, COMPOSITE). */
  type: string;
  description: string;
  criteria: string | null;
  return_type: "float" | "boolean" | "string" | "categorical";
  enabled_in_prod: boolean;
  needs_ground_truth: boolean;
  /** A numeric score passes when min <= score <= max (either bound optional). */
  threshold: { min?: number; max?: number } | null;
  /** For boolean / categorical metrics: the value (or values) that pass. */
  pass_when: boolean | string | number | Array<boolean | string | number> | null;
  event_name: string | null;
  event_type: string | null;
  model_provider: string | null;
  model_name: string | null;
  child_metrics: JsonObject[];
  sampling_percentage: number;
  categories: JsonObject[] | null;
  created_at: number;
  updated_at: number;
}

/** What the run-result and comparison code needs from the metric store. */
export interface MetricLookup {
  listMetrics(projectId: string, query?: { name?: string }): Promise<Metric[]>;
}

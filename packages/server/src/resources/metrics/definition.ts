import { invalid } from "../catalog/requests.js";
import type { Metric } from "./types.js";

/** What a metric is made of, without its identity and times. */
export type MetricFields = Omit<Metric, "id" | "project_id" | "created_at" | "updated_at">;
export type MetricInput = Partial<MetricFields> & Pick<MetricFields, "name" | "type">;

export type MetricKind = "python" | "llm" | "human" | "composite";

/** Classic and v1 spellings of the four kinds of evaluator. */
export const METRIC_TYPES: Readonly<Record<string, MetricKind>> = {
  custom: "python",
  PYTHON: "python",
  model: "llm",
  LLM: "llm",
  human: "human",
  HUMAN: "human",
  composite: "composite",
  COMPOSITE: "composite",
};

export const kindOf = (type: string): MetricKind | undefined => METRIC_TYPES[type];

/** Every spelling of the kind `type` names, so a filter on `LLM` finds metrics stored as `model`. */
export function spellingsOf(type: string): string[] {
  const kind = kindOf(type);
  return kind ? Object.keys(METRIC_TYPES).filter((t) => METRIC_TYPES[t] === kind) : [type];
}

export function withDefaults(input: MetricInput): MetricFields {
  return {
    name: input.name,
    type: input.type,
    description: input.description ?? "",
    criteria: input.criteria ?? null,
    return_type: input.return_type ?? "float",
    enabled_in_prod: input.enabled_in_prod ?? false,
    needs_ground_truth: input.needs_ground_truth ?? false,
    threshold: input.threshold ?? null,
    pass_when: input.pass_when ?? null,
    event_name: input.event_name ?? null,
    event_type: input.event_type ?? null,
    model_provider: input.model_provider ?? null,
    model_name: input.model_name ?? null,
    child_metrics: input.child_metrics ?? [],
    sampling_percentage: input.sampling_percentage ?? 100,
    categories: input.categories ?? null,
  };
}

type PassValue = boolean | string | number;

/** The values pass_when may hold for each return type (float metrics pass by threshold instead). */
const PASS_WHEN_TYPES: Record<Metric["return_type"], ReadonlyArray<"boolean" | "string" | "number">> = {
  float: [],
  boolean: ["boolean"],
  string: ["string"],
  categorical: ["string", "number"],
};

/**
 * Rules the schema cannot express, checked on the whole metric (after an
 * update is merged too). `at` prefixes field names, e.g. "metric.".
 */
export function checkMetric(m: MetricFields, at = ""): void {
  const { threshold, pass_when, return_type } = m;
  if (threshold) {
    if (return_type !== "float") {
      throw invalid(
        `${at}threshold`,
        `applies to float metrics, not ${return_type} ones`,
        "Use pass_when for boolean, string and categorical metrics.",
      );
    }
    if (threshold.min !== undefined && threshold.max !== undefined && threshold.min > threshold.max) {
      throw invalid(
        `${at}threshold`,
        `has min ${threshold.min} above max ${threshold.max}`,
        "A score passes when min <= score <= max: make min <= max.",
      );
    }
  }
  if (pass_when !== null) {
    const allowed = PASS_WHEN_TYPES[return_type];
    const values: PassValue[] = Array.isArray(pass_when) ? pass_when : [pass_when];
    const wrong = values.find((v) => !allowed.includes(typeof v as "boolean" | "string" | "number"));
    if (allowed.length === 0 || wrong !== undefined || values.length === 0) {
      throw invalid(
        `${at}pass_when`,
        `does not fit return_type ${return_type}`,
        return_type === "float"
          ? "Float metrics pass by threshold {min, max}; leave pass_when out."
          : `A ${return_type} metric passes when its value is one of pass_when: give ${allowed.join(" or ")} values.`,
      );
    }
  }
  if (kindOf(m.type) === "composite") {
    if (m.child_metrics.length === 0) {
      throw invalid(
        `${at}child_metrics`,
        "is empty",
        "A composite metric combines other metrics: list them as child_metrics [{name, weight?}].",
      );
    }
    if (!m.child_metrics.some((c) => (typeof c["weight"] === "number" ? c["weight"] : 1) > 0)) {
      throw invalid(
        `${at}child_metrics`,
        "has no positive weight",
        "Give at least one child metric a weight above 0 (the default weight is 1).",
      );
    }
  }
}

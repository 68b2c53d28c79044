import type { JsonObject } from "@honeyhive-ts/semconv";
import { HoneyHiveError } from "../../errors.js";
import { kindOf, type MetricFields } from "./definition.js";

export type MetricValue = number | boolean | string;

export interface MetricResult {
  value: MetricValue;
  /** null when the metric defines no pass rule (no threshold, no pass_when). */
  passed: boolean | null;
}

const notRunnable = (message: string, hint: string): HoneyHiveError =>
  new HoneyHiveError("HH_E_METRIC_NOT_RUNNABLE", 422, message, hint);

const CLIENT_SIDE_HINT =
  "Python code and LLM evaluators run client-side, in the evaluation framework (evaluate()); send their scores as the event's metrics, then run_metric can apply the metric's threshold or pass_when.";

function asRecord(value: unknown): JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {};
}

const isValue = (v: unknown): v is MetricValue =>
  (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean" || typeof v === "string";

/** Whether a value passes the metric: threshold for numbers, pass_when for the rest. */
export function passes(
  metric: Pick<MetricFields, "threshold" | "pass_when">,
  value: MetricValue,
): boolean | null {
  const { threshold, pass_when } = metric;
  if (threshold && (threshold.min !== undefined || threshold.max !== undefined)) {
    if (typeof value !== "number") return false;
    return (
      (threshold.min === undefined || value >= threshold.min) &&
      (threshold.max === undefined || value <= threshold.max)
    );
  }
  if (pass_when === null) return null;
  return (Array.isArray(pass_when) ? pass_when : [pass_when]).includes(value);
}

/** Weighted mean of the children's scores on the event (true counts 1, false 0). */
function composite(metric: MetricFields, scores: JsonObject): number {
  let sum = 0;
  let weights = 0;
  for (const child of metric.child_metrics) {
    const name = String(child["name"]);
    const weight = typeof child["weight"] === "number" ? child["weight"] : 1;
    const score = scores[name];
    if (typeof score !== "number" && typeof score !== "boolean") {
      throw notRunnable(
        `Composite metric '${metric.name}' needs child metric '${name}', which event.metrics does not hold as a number or boolean`,
        `Compute '${name}' first (its evaluator runs client-side) and send it in event.metrics.`,
      );
    }
    sum += weight * Number(score);
    weights += weight;
  }
  return sum / weights;
}

/**
 * Evaluates what the server can without running user code or a model: a
 * composite of child scores already on the event, or the pass rule applied to
 * the metric's own score found on the event (event.metrics, or
 * event.feedback for human metrics). Anything else is a 422.
 */
export function runMetric(metric: MetricFields, event: JsonObject): MetricResult {
  const scores = asRecord(event["metrics"]);
  const kind = kindOf(metric.type);
  if (kind === "composite") {
    const value = composite(metric, scores);
    return { value, passed: passes(metric, value) };
  }
  const found =
    scores[metric.name] ?? (kind === "human" ? asRecord(event["feedback"])[metric.name] : undefined);
  if (!isValue(found)) {
    throw notRunnable(
      `Metric '${metric.name}' (${metric.type}) cannot run on the server and event.metrics.${metric.name} holds no score`,
      kind === "human"
        ? "Human metrics come from feedback: send event.feedback or event.metrics with a score."
        : CLIENT_SIDE_HINT,
    );
  }
  return { value: found, passed: passes(metric, found) };
}

import type { RunStatus } from "./recorder.js";
import {
  type AggregateFunction,
  cell,
  formatTable,
  type MetricSummary,
  summarizeMetrics,
} from "./summary.js";
import type { EvaluationResult } from "./types.js";

/** One datapoint repetition of an experiment. */
export interface DatapointResult {
  datapointId: string;
  repetition: number;
  sessionId: string;
  inputs: Record<string, unknown>;
  output: unknown;
  /** Why the function failed (threw, timed out). */
  error?: string;
  evaluations: EvaluationResult[];
  /** False when the function failed or an evaluation failed its rule; null when nothing was judged. */
  passed: boolean | null;
  /** True when a previous attempt of the run finished it (read back from the server, not run again). */
  resumed?: boolean;
}

export interface ExperimentResult {
  runId: string;
  name: string;
  /** "cancelled" when the signal aborted or SIGINT arrived; "failed" when every datapoint's function failed. */
  status: Exclude<RunStatus, "pending" | "running">;
  datasetId: string;
  datapoints: DatapointResult[];
  metrics: MetricSummary[];
  /** Datapoints whose `passed` is true. */
  passed: number;
  /** Datapoints whose `passed` is false (function errors included). */
  failed: number;
  /** Datapoints with a function error or an evaluator error. */
  errors: number;
  /** The printed summary table. */
  summary: string;
}

export interface ExperimentParts {
  runId: string;
  name: string;
  status: ExperimentResult["status"];
  datasetId: string;
  datapoints: DatapointResult[];
  aggregateFunction: AggregateFunction | ((values: number[]) => number);
}

const MAX_FAILURES_SHOWN = 20;

/** Counts, per-metric aggregates and the summary text of an experiment. */
export function experimentResult(parts: ExperimentParts): ExperimentResult {
  const metrics = summarizeMetrics(
    parts.datapoints.map((d) => d.evaluations),
    parts.aggregateFunction,
  );
  const result: ExperimentResult = {
    runId: parts.runId,
    name: parts.name,
    status: parts.status,
    datasetId: parts.datasetId,
    datapoints: parts.datapoints,
    metrics,
    passed: parts.datapoints.filter((d) => d.passed === true).length,
    failed: parts.datapoints.filter((d) => d.passed === false).length,
    errors: parts.datapoints.filter((d) => d.error !== undefined || d.evaluations.some((e) => e.error))
      .length,
    summary: "",
  };
  result.summary = formatExperiment(result, parts.aggregateFunction);
  return result;
}

/** The table `evaluate()` prints: per-metric aggregates, pass / fail counts and the failures with their error. */
export function formatExperiment(
  result: ExperimentResult,
  aggregateFunction: AggregateFunction | ((values: number[]) => number) = "average",
): string {
  const fnName = typeof aggregateFunction === "function" ? "aggregate" : aggregateFunction;
  const lines = [
    `Run ${result.name} (${result.runId}): ${result.status}, ${result.datapoints.length} datapoints`,
    `passed ${result.passed}, failed ${result.failed}, errors ${result.errors}`,
  ];
  if (result.metrics.length > 0) {
    lines.push(
      "",
      ...formatTable(
        ["metric", fnName, "min", "max", "count", "passed", "failed"],
        result.metrics.map((m) => [
          m.name,
          cell(m.aggregate),
          cell(m.min),
          cell(m.max),
          String(m.count),
          String(m.passed),
          String(m.failed),
        ]),
      ),
    );
  }
  const failures = result.datapoints.flatMap((d) => {
    const where = `${d.datapointId}${d.repetition > 0 ? ` #${d.repetition}` : ""}`;
    if (d.error !== undefined) return [`  ${where}: ${d.error}`];
    return d.evaluations
      .filter((e) => e.error !== undefined || e.passed === false)
      .map((e) => `  ${where} ${e.name}: ${e.error ?? `score ${String(e.score)} failed`}`);
  });
  if (failures.length > 0) {
    lines.push("", "Failures:", ...failures.slice(0, MAX_FAILURES_SHOWN));
    if (failures.length > MAX_FAILURES_SHOWN)
      lines.push(`  ... and ${failures.length - MAX_FAILURES_SHOWN} more`);
  }
  return lines.join("\n");
}

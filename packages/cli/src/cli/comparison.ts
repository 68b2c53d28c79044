import type { RunComparison, RunMetricComparison } from "@honeyhive-ts/sdk";
import { oneOf } from "./choice.js";
import { csvList, type OptionSpec, type Values } from "./command.js";
import { type Column, table } from "./output.js";

/**
 * How two runs are shown side by side, shared by `runs compare` and the
 * regression gate of `eval` so both print the same table (the gate adds its
 * own columns at the end).
 */

export const AGGREGATES = ["average", "min", "max", "median", "p90", "p95", "p99", "sum", "count"] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export const aggregateOption: Record<string, OptionSpec> = {
  aggregate: {
    type: "string",
    value: "<fn>",
    description: `Aggregate function: ${AGGREGATES.join(", ")} (default average)`,
  },
};

export const aggregateOf = (values: Values, usage: string): Aggregate | undefined =>
  oneOf(values, "aggregate", AGGREGATES, usage);

/** Options of a comparison: the aggregate, and metrics to treat as lower-is-better. */
export const compareOptions: Record<string, OptionSpec> = {
  ...aggregateOption,
  "lower-is-better": {
    type: "string",
    value: "<a,b>",
    description: "Metrics where lower is better (besides those whose definition says so)",
  },
};

/** The comparison query of `compareOptions`. */
export const compareQuery = (values: Values, usage: string) => ({
  aggregate_function: aggregateOf(values, usage),
  lower_is_better: csvList(values, "lower-is-better")?.join(","),
});

/** A score for display: integers as they are, others to 4 decimals, "-" when absent. */
export const num = (v: number | null | undefined): string =>
  v === null || v === undefined ? "-" : Number.isInteger(v) ? String(v) : v.toFixed(4);

/** A signed difference for display ("+0.2500", "-1", "0"). */
export const signed = (v: number | null): string => (v === null ? "-" : v > 0 ? `+${num(v)}` : num(v));

export type Verdict = "improved" | "degraded" | "same";

/** A metric of the comparison with its verdict and the change of its aggregate (run minus baseline). */
export type ComparedMetric = RunMetricComparison & { verdict: Verdict; change: number | null };

/** improved / degraded / same, from the per-datapoint counts. */
function verdict(m: RunMetricComparison): Verdict {
  if (m.improved_count > m.degraded_count) return "improved";
  if (m.degraded_count > m.improved_count) return "degraded";
  return "same";
}

export function comparedMetrics(c: RunComparison): ComparedMetric[] {
  return c.metrics.map((m) => ({
    ...m,
    verdict: verdict(m),
    change: m.old_aggregate === null || m.new_aggregate === null ? null : m.new_aggregate - m.old_aggregate,
  }));
}

/** The line above the table: which runs, over how many datapoints, with which aggregate. */
export const comparisonHeading = (c: RunComparison): string =>
  `run ${c.new_run_id} vs baseline ${c.old_run_id}: ${c.commonDatapoints.length} common datapoints (${c.aggregate_function})`;

/** The comparison table; `extra` columns (the gate's) go after the shared ones. */
export function comparisonTable<T extends ComparedMetric>(
  rows: readonly T[],
  extra: Column<T>[] = [],
): string {
  return table(
    rows,
    [
      { header: "metric", value: (m) => m.metric_name },
      { header: "event", value: (m) => m.event_name },
      { header: "baseline", value: (m) => num(m.old_aggregate) },
      { header: "run", value: (m) => num(m.new_aggregate) },
      { header: "improved", value: (m) => m.improved_count },
      { header: "degraded", value: (m) => m.degraded_count },
      { header: "same", value: (m) => m.same_count },
      { header: "verdict", value: (m) => m.verdict },
      { header: "change", value: (m) => signed(m.change) },
      { header: "better", value: (m) => (m.lower_is_better ? "lower" : "higher") },
      ...extra,
    ],
    "(no common metrics)",
  );
}

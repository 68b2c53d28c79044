import type { RunComparison } from "../client/api-types.js";
import type { EvaluationResult } from "./types.js";

/** The server's aggregate functions (GET /runs/{id}/result?aggregate_function=...). */
export type AggregateFunction = RunComparison["aggregate_function"];

/** One metric over the run, as `ExperimentResult.metrics` lists it. */
export interface MetricSummary {
  name: string;
  /** The aggregate function's value over the numeric scores (booleans count 1 / 0); null without any. */
  aggregate: number | null;
  min: number | null;
  max: number | null;
  /** Scores recorded (failed evaluations are not scores). */
  count: number;
  passed: number;
  failed: number;
}

/** Linear interpolation between closest ranks, as the server computes percentiles. */
function percentile(sorted: readonly number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** One aggregate of a non-empty list, with the same definitions as the server's run results. */
export function aggregateOf(values: readonly number[], fn: AggregateFunction): number {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  switch (fn) {
    case "min":
      return sorted[0]!;
    case "max":
      return sorted[sorted.length - 1]!;
    case "median":
      return percentile(sorted, 0.5);
    case "p90":
      return percentile(sorted, 0.9);
    case "p95":
      return percentile(sorted, 0.95);
    case "p99":
      return percentile(sorted, 0.99);
    case "sum":
      return sum;
    case "count":
      return sorted.length;
    default:
      return sum / sorted.length;
  }
}

const numericScore = (r: EvaluationResult): number | undefined =>
  typeof r.score === "number" ? r.score : typeof r.score === "boolean" ? (r.score ? 1 : 0) : undefined;

/** Per-metric aggregates over every datapoint's evaluations, in the order the metrics first appear. */
export function summarizeMetrics(
  evaluations: ReadonlyArray<readonly EvaluationResult[]>,
  fn: AggregateFunction | ((values: number[]) => number),
): MetricSummary[] {
  const groups = new Map<string, { values: number[]; count: number; passed: number; failed: number }>();
  for (const list of evaluations) {
    for (const r of list) {
      const g = groups.get(r.name) ?? { values: [], count: 0, passed: 0, failed: 0 };
      groups.set(r.name, g);
      if (r.error !== undefined || r.score === null) continue;
      g.count++;
      const n = numericScore(r);
      if (n !== undefined) g.values.push(n);
      if (r.passed === true) g.passed++;
      if (r.passed === false) g.failed++;
    }
  }
  return [...groups.entries()].map(([name, g]) => {
    const has = g.values.length > 0;
    return {
      name,
      aggregate: has ? (typeof fn === "function" ? fn([...g.values]) : aggregateOf(g.values, fn)) : null,
      min: has ? Math.min(...g.values) : null,
      max: has ? Math.max(...g.values) : null,
      count: g.count,
      passed: g.passed,
      failed: g.failed,
    };
  });
}

/** A number for a table cell: up to 4 decimals, "-" for nothing. */
export function cell(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "-";
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, "");
}

/** A plain-text table with aligned columns (numbers right-aligned), one string per line. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.]+%?$|^-$/.test(r[i] ?? "")),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

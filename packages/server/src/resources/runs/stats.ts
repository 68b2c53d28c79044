/**
 * Aggregation math for run results and charts.
 *
 * Percentiles use linear interpolation between closest ranks (the "R-7"
 * method: numpy's default, PostgreSQL's percentile_cont, Excel's
 * PERCENTILE.INC): over n sorted values the p-th percentile sits at the
 * 0-based position p * (n - 1); between two ranks the value is interpolated.
 * The median is the 50th percentile.
 */

export const AGGREGATE_FUNCTIONS = [
  "average",
  "min",
  "max",
  "median",
  "p90",
  "p95",
  "p99",
  "sum",
  "count",
] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export type Summary = Record<AggregateFunction, number>;

/**
 * The p-th percentile (0..1) of n sorted values read through `at(i)` (0-based),
 * so callers holding only the ranks around the position (charts) can use it too.
 */
export function percentileAt(n: number, p: number, at: (index: number) => number): number {
  if (n <= 0) return Number.NaN;
  const pos = p * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const low = at(lo);
  return low + (at(hi) - low) * (pos - lo);
}

/** Every aggregate of a non-empty list of numbers. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (i: number) => sorted[i] as number;
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    average: sum / n,
    min: at(0),
    max: at(n - 1),
    median: percentileAt(n, 0.5, at),
    p90: percentileAt(n, 0.9, at),
    p95: percentileAt(n, 0.95, at),
    p99: percentileAt(n, 0.99, at),
    sum,
    count: n,
  };
}

/** One aggregate of a non-empty list. */
export const aggregate = (values: readonly number[], fn: AggregateFunction): number => summarize(values)[fn];

import type { SqlDriver } from "../../storage/sql/driver.js";
import type { MetricLookup } from "../metrics/types.js";
import type { MetricRules } from "./judge.js";
import { type DatapointResult, metricKey, numeric, runDatapoints } from "./result.js";
import { type AggregateFunction, aggregate } from "./stats.js";
import type { Run } from "./types.js";

export interface MetricComparison {
  metric_name: string;
  event_name: string;
  metric_type: string | null;
  lower_is_better: boolean;
  /** Aggregate over the common datapoints; null when a run has no value there. */
  old_aggregate: number | null;
  new_aggregate: number | null;
  improved_count: number;
  degraded_count: number;
  same_count: number;
  improved: string[];
  degraded: string[];
  same: string[];
}

export interface RunComparison {
  new_run_id: string;
  old_run_id: string;
  aggregate_function: AggregateFunction;
  commonDatapoints: string[];
  only_in_new: string[];
  only_in_old: string[];
  only_in_new_count: number;
  only_in_old_count: number;
  metrics: MetricComparison[];
}

interface Series {
  name: string;
  event: string;
  /** Values by datapoint id (several when a datapoint has several sessions or events of that name). */
  byDatapoint: Map<string, number[]>;
}

/** Metric values by (metric, event name), then by datapoint. */
function seriesOf(datapoints: readonly DatapointResult[]): Map<string, Series> {
  const out = new Map<string, Series>();
  for (const dp of datapoints) {
    for (const m of dp.metrics) {
      const key = metricKey(m.name, m.event_name);
      const s = out.get(key) ?? { name: m.name, event: m.event_name, byDatapoint: new Map() };
      const list = s.byDatapoint.get(dp.datapoint_id) ?? [];
      list.push(numeric(m.value));
      s.byDatapoint.set(dp.datapoint_id, list);
      out.set(key, s);
    }
  }
  return out;
}

const unique = (dps: readonly DatapointResult[]): string[] => [...new Set(dps.map((d) => d.datapoint_id))];
const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Compares two runs on the datapoints they have in common. Per metric the
 * aggregates of both runs over those datapoints, and each common datapoint
 * that has the metric in both runs is improved, degraded or the same (its
 * values averaged when it has several). Higher is better unless
 * MetricRules.lowerIsBetter says otherwise.
 */
export function compareDatapoints(
  newRun: { run_id: string; datapoints: readonly DatapointResult[] },
  oldRun: { run_id: string; datapoints: readonly DatapointResult[] },
  rules: MetricRules,
  fn: AggregateFunction,
  lowerIsBetter: ReadonlySet<string> = new Set(),
): RunComparison {
  const newIds = unique(newRun.datapoints);
  const oldIds = unique(oldRun.datapoints);
  const oldSet = new Set(oldIds);
  const newSet = new Set(newIds);
  const common = newIds.filter((id) => oldSet.has(id));
  const newSeries = seriesOf(newRun.datapoints);
  const oldSeries = seriesOf(oldRun.datapoints);
  const keys = [...new Set([...newSeries.keys(), ...oldSeries.keys()])];

  const metrics = keys.map((key): MetricComparison => {
    const n = newSeries.get(key);
    const o = oldSeries.get(key);
    const { name, event } = (n ?? o) as Series;
    const lower = rules.lowerIsBetter(name, event, lowerIsBetter);
    const over = (s: Series | undefined) => common.flatMap((id) => s?.byDatapoint.get(id) ?? []);
    const agg = (values: number[]) => (values.length > 0 ? aggregate(values, fn) : null);
    const improved: string[] = [];
    const degraded: string[] = [];
    const same: string[] = [];
    for (const id of common) {
      const nv = n?.byDatapoint.get(id);
      const ov = o?.byDatapoint.get(id);
      if (!nv || !ov) continue;
      const diff = mean(nv) - mean(ov);
      if (diff === 0) same.push(id);
      else if (diff > 0 !== lower) improved.push(id);
      else degraded.push(id);
    }
    return {
      metric_name: name,
      event_name: event,
      metric_type: rules.metricType(name, event),
      lower_is_better: lower,
      old_aggregate: agg(over(o)),
      new_aggregate: agg(over(n)),
      improved_count: improved.length,
      degraded_count: degraded.length,
      same_count: same.length,
      improved,
      degraded,
      same,
    };
  });
  const onlyNew = newIds.filter((id) => !oldSet.has(id));
  const onlyOld = oldIds.filter((id) => !newSet.has(id));
  return {
    new_run_id: newRun.run_id,
    old_run_id: oldRun.run_id,
    aggregate_function: fn,
    commonDatapoints: common,
    only_in_new: onlyNew,
    only_in_old: onlyOld,
    only_in_new_count: onlyNew.length,
    only_in_old_count: onlyOld.length,
    metrics,
  };
}

/** GET /runs/{new}/compare-with/{old}. */
export async function compareRuns(
  sql: SqlDriver,
  metrics: MetricLookup,
  newRun: Run,
  oldRun: Run,
  fn: AggregateFunction,
  lowerIsBetter: ReadonlySet<string>,
): Promise<RunComparison> {
  const a = await runDatapoints(sql, metrics, newRun);
  const b = await runDatapoints(sql, metrics, oldRun);
  return compareDatapoints(
    { run_id: newRun.run_id, datapoints: a.datapoints },
    { run_id: oldRun.run_id, datapoints: b.datapoints },
    a.rules,
    fn,
    lowerIsBetter,
  );
}

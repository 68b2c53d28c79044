import type { SqlDriver } from "../../storage/sql/driver.js";
import type { MetricLookup } from "../metrics/types.js";
import { MetricRules, type MetricValue } from "./judge.js";
import { loadRunSessions, type RunSession } from "./sessions.js";
import { type AggregateFunction, type Summary, summarize } from "./stats.js";
import type { Run, RunStatus } from "./types.js";

export interface DatapointMetric {
  name: string;
  event_name: string;
  value: MetricValue;
  /** Null when the metric has no definition or no rule (not judged). */
  passed: boolean | null;
}

export interface DatapointResult {
  datapoint_id: string;
  session_id: string;
  /** True when none of the datapoint's judged values failed. */
  passed: boolean;
  metrics: DatapointMetric[];
}

export interface MetricDetail extends Summary {
  metric_name: string;
  event_name: string;
  /** The definition's return type, else "boolean" or "float" from the values seen. */
  metric_type: string;
  /** The value of the requested aggregate function. */
  aggregate: number;
  values_count: number;
  passed_count: number;
  failed_count: number;
}

export interface RunResult {
  run_id: string;
  status: RunStatus;
  /** True when no datapoint failed. */
  success: boolean;
  passed: string[];
  failed: string[];
  metrics: { aggregation_function: AggregateFunction; details: MetricDetail[] };
  datapoints: DatapointResult[];
}

const isMetricValue = (v: unknown): v is MetricValue =>
  typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));

/** A boolean aggregates as 1 (true) or 0 (false). */
export const numeric = (v: MetricValue): number => (typeof v === "boolean" ? (v ? 1 : 0) : v);

/** Every metric value of a session's events (session event first), judged against its definition. */
export function datapointResult(session: RunSession, rules: MetricRules): DatapointResult {
  const metrics: DatapointMetric[] = [];
  for (const e of session.events) {
    // By name: PostgreSQL's jsonb does not keep key order, and both backends must answer alike.
    for (const [name, value] of Object.entries(e.metrics).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!isMetricValue(value)) continue;
      metrics.push({ name, event_name: e.event_name, value, passed: rules.judge(name, e.event_name, value) });
    }
  }
  return {
    datapoint_id: session.datapoint_id,
    session_id: session.session_id,
    passed: !metrics.some((m) => m.passed === false),
    metrics,
  };
}

/** Key of a metric: its name and the name of the event it was found on. */
export const metricKey = (name: string, eventName: string): string => JSON.stringify([name, eventName]);

/** Aggregates every metric (name + event name) over the datapoints. */
export function buildRunResult(
  run: Run,
  datapoints: readonly DatapointResult[],
  rules: MetricRules,
  fn: AggregateFunction,
): RunResult {
  const groups = new Map<
    string,
    { name: string; event: string; values: MetricValue[]; judged: (boolean | null)[] }
  >();
  for (const dp of datapoints) {
    for (const m of dp.metrics) {
      const key = metricKey(m.name, m.event_name);
      const g = groups.get(key) ?? { name: m.name, event: m.event_name, values: [], judged: [] };
      g.values.push(m.value);
      g.judged.push(m.passed);
      groups.set(key, g);
    }
  }
  const details: MetricDetail[] = [...groups.values()].map((g) => {
    const summary = summarize(g.values.map(numeric));
    return {
      metric_name: g.name,
      event_name: g.event,
      metric_type:
        rules.metricType(g.name, g.event) ??
        (g.values.every((v) => typeof v === "boolean") ? "boolean" : "float"),
      aggregate: summary[fn],
      values_count: g.values.length,
      passed_count: g.judged.filter((j) => j === true).length,
      failed_count: g.judged.filter((j) => j === false).length,
      ...summary,
    };
  });
  const passed = datapoints.filter((d) => d.passed).map((d) => d.datapoint_id);
  const failed = datapoints.filter((d) => !d.passed).map((d) => d.datapoint_id);
  return {
    run_id: run.run_id,
    status: run.status,
    success: failed.length === 0,
    passed,
    failed,
    metrics: { aggregation_function: fn, details },
    datapoints: [...datapoints],
  };
}

/** Per-datapoint results of a run, read from its sessions and judged by the project's metric definitions. */
export async function runDatapoints(
  sql: SqlDriver,
  metrics: MetricLookup,
  run: Run,
): Promise<{ datapoints: DatapointResult[]; rules: MetricRules }> {
  const rules = new MetricRules(await metrics.listMetrics(run.project_id));
  const sessions = await loadRunSessions(sql, run.project_id, run);
  return { datapoints: sessions.map((s) => datapointResult(s, rules)), rules };
}

/** GET /runs/{id}/result. */
export async function computeRunResult(
  sql: SqlDriver,
  metrics: MetricLookup,
  run: Run,
  fn: AggregateFunction,
): Promise<RunResult> {
  const { datapoints, rules } = await runDatapoints(sql, metrics, run);
  return buildRunResult(run, datapoints, rules, fn);
}

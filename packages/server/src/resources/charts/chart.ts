import { HoneyHiveError } from "../../errors.js";
import type { SqlDriver, SqlParam, SqlRow } from "../../storage/sql/driver.js";
import { numberColumn } from "../../storage/sql/rows.js";
import type { EventFilter } from "../../storage/types.js";
import { percentileAt } from "../runs/stats.js";
import { eventDialect, eventWhere } from "./event-sql.js";

/**
 * Time series over events, computed in SQL on both backends: events are
 * bucketed by start time (UTC; weeks start on Monday), optionally grouped by a
 * field, and aggregated per bucket and group. Averages, sums, minima, maxima
 * and counts are SQL aggregates; percentiles use window functions that return
 * only the ranks around each bucket's percentile position (at most 4 rows per
 * bucket and group), interpolated as in runs/stats.ts. Nothing reads the
 * bucket's values into memory, and the number of buckets and groups is capped.
 */

export const CHART_BUCKETS = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;
export type ChartBucket = keyof typeof CHART_BUCKETS;
export const CHART_AGGREGATIONS = ["avg", "p50", "p90", "p95", "p99", "count", "sum", "min", "max"] as const;
export type ChartAggregation = (typeof CHART_AGGREGATIONS)[number];

/** Groups shown by name (the most frequent); the rest are folded into one "other" series. */
export const MAX_GROUPS = 20;
/** Buckets per series; a longer range needs a coarser bucket. */
export const MAX_BUCKETS = 5_000;
/** Default range when none is given: ending now, this long per bucket size. */
const DEFAULT_SPAN: Record<ChartBucket, number> = {
  minute: 86_400_000,
  hour: 7 * 86_400_000,
  day: 90 * 86_400_000,
  week: 52 * 604_800_000,
};
/** 1970-01-01 was a Thursday: Monday-based weeks start 4 days after the epoch. */
const WEEK_OFFSET = 4 * 86_400_000;
const PERCENTILES: Partial<Record<ChartAggregation, number>> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };
const SQL_AGGREGATE: Partial<Record<ChartAggregation, string>> = {
  avg: "AVG",
  sum: "SUM",
  min: "MIN",
  max: "MAX",
  count: "COUNT",
};

const COLUMN_METRICS: Record<string, string> = {
  duration: "duration",
  cost: "cost",
  tokens: "total_tokens",
  total_tokens: "total_tokens",
  prompt_tokens: "prompt_tokens",
  completion_tokens: "completion_tokens",
  // 1 for a failed event, 0 otherwise: its avg is the error rate, its sum the error count.
  error: "(CASE WHEN error IS NOT NULL AND error <> '' THEN 1.0 ELSE 0.0 END)",
};
const JSON_METRIC_ROOTS = ["metrics", "metadata", "feedback"];
const GROUP_COLUMNS = ["event_name", "event_type", "model", "provider", "source", "session_id"];
const JSON_GROUP_ROOTS = ["metadata", "user_properties", "config", "feedback"];
const PATH_SEGMENT = /^[A-Za-z0-9_-]+$/;

export interface ChartQuery {
  projectId: string;
  /** duration, tokens, total_tokens, prompt_tokens, completion_tokens, cost, count, error, or metrics.* / metadata.* / feedback.* */
  metric: string;
  groupBy?: string;
  bucket: ChartBucket;
  aggregation: ChartAggregation;
  dateRange?: { $gte?: number | string; $lte?: number | string };
  filters?: EventFilter[];
}

export interface ChartPoint {
  /** Bucket start, epoch ms (UTC). */
  t: number;
  value: number;
  /** Events with a value in the bucket. */
  count: number;
}

export interface ChartSeries {
  /** The group's value ("(none)" when the field is missing); null without groupBy or for the "other" series. */
  group: string | null;
  other: boolean;
  points: ChartPoint[];
}

export interface Chart {
  metric: string;
  aggregation: ChartAggregation;
  bucket: ChartBucket;
  groupBy: string | null;
  dateRange: { $gte: number; $lte: number };
  series: ChartSeries[];
}

const bad = (field: string, message: string, hint: string): HoneyHiveError =>
  new HoneyHiveError("HH_E_VALIDATION", 400, `${field} ${message}`, hint, { field });

/** Collects bound values in the order their placeholders appear. */
class Binder {
  readonly params: SqlParam[] = [];
  add(value: SqlParam): string {
    this.params.push(value);
    return "?";
  }
}

function jsonPath(
  field: string,
  roots: readonly string[],
  name: string,
  hint: string,
): [string, string[]] | null {
  const [root, ...path] = field.split(".");
  if (path.length === 0 || !roots.includes(root as string)) return null;
  if (!path.every((s) => PATH_SEGMENT.test(s))) throw bad(name, `has an invalid path '${field}'`, hint);
  return [root as string, path];
}

const METRIC_HINT =
  "Use count, error (avg = error rate), duration, cost, tokens, total_tokens, prompt_tokens, completion_tokens, or a numeric " +
  "field metrics.<name>, metadata.<path> or feedback.<path>.";
const GROUP_HINT = `Group by ${GROUP_COLUMNS.join(", ")}, or a path under ${JSON_GROUP_ROOTS.join(", ")} (e.g. metadata.tier).`;

/** SQL for the metric's value (NULL when an event has none), or "1" for count. */
function valueSql(sql: SqlDriver, metric: string, b: Binder): string {
  if (metric === "count") return "1";
  const column = COLUMN_METRICS[metric];
  if (column) return column;
  const json = jsonPath(metric, JSON_METRIC_ROOTS, "metric", METRIC_HINT);
  if (!json) throw bad("metric", `'${metric}' is not a chartable metric`, METRIC_HINT);
  const d = eventDialect(sql);
  const path = d.pathParam(json[1]) as string;
  return d.jsonNumber(json[0], () => b.add(path));
}

/** SQL for the group's label, "(none)" when the field is missing. */
function groupSql(sql: SqlDriver, groupBy: string, b: Binder): string {
  if (GROUP_COLUMNS.includes(groupBy)) return `COALESCE(${groupBy}, '(none)')`;
  const json = jsonPath(groupBy, JSON_GROUP_ROOTS, "groupBy", GROUP_HINT);
  if (!json) throw bad("groupBy", `'${groupBy}' is not a field to group by`, GROUP_HINT);
  const d = eventDialect(sql);
  const path = d.pathParam(json[1]) as string;
  return `COALESCE(${d.jsonText(json[0], () => b.add(path))}, '(none)')`;
}

/** floor() in both dialects (SQLite has no floor without its math extension). */
function floorSql(sql: SqlDriver, x: string): string {
  return sql.dialect === "postgres"
    ? `floor(${x})`
    : `(CAST(${x} AS INTEGER) - ((${x}) < CAST(${x} AS INTEGER)))`;
}

function bucketSql(sql: SqlDriver, bucket: ChartBucket): string {
  const size = CHART_BUCKETS[bucket];
  const offset = bucket === "week" ? WEEK_OFFSET : 0;
  return `(${floorSql(sql, `(start_time - ${offset}) / ${size}.0`)} * ${size} + ${offset})`;
}

function toMs(value: number | string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms =
    typeof value === "number"
      ? value
      : /^-?[0-9]+(\.[0-9]+)?$/.test(value)
        ? Number(value)
        : Date.parse(value);
  if (!Number.isFinite(ms)) throw bad(field, "is not a date", "Use epoch milliseconds or an ISO-8601 date.");
  return ms;
}

function range(q: ChartQuery): { $gte: number; $lte: number } {
  const lte = toMs(q.dateRange?.$lte, "dateRange.$lte") ?? Date.now();
  const gte = toMs(q.dateRange?.$gte, "dateRange.$gte") ?? lte - DEFAULT_SPAN[q.bucket];
  if (gte > lte) throw bad("dateRange", "has $gte after $lte", "Give $gte <= $lte.");
  if ((lte - gte) / CHART_BUCKETS[q.bucket] > MAX_BUCKETS) {
    throw bad(
      "dateRange",
      `spans more than ${MAX_BUCKETS} ${q.bucket} buckets`,
      "Use a shorter dateRange or a coarser bucket (minute, hour, day, week).",
    );
  }
  return { $gte: gte, $lte: lte };
}

interface Base {
  sql: string;
  params: SqlParam[];
}

/** `SELECT b, g, v FROM events WHERE ...` with the value's NULLs left out. */
function baseQuery(sql: SqlDriver, q: ChartQuery, dates: { $gte: number; $lte: number }): Base {
  const b = new Binder();
  const group = q.groupBy ? groupSql(sql, q.groupBy, b) : "''";
  const value = valueSql(sql, q.metric, b);
  const where = eventWhere(sql, { projectId: q.projectId, filters: q.filters ?? [], dateRange: dates });
  return {
    sql:
      `SELECT ${bucketSql(sql, q.bucket)} AS b, ${group} AS g, ${value} AS v FROM ${sql.table("events")} ` +
      `WHERE ${where.sql}`,
    params: [...b.params, ...where.params],
  };
}

/** The most frequent groups (at most MAX_GROUPS), and whether there are more. */
async function topGroups(sql: SqlDriver, base: Base): Promise<{ groups: string[]; more: boolean }> {
  const rows = await sql.all(
    `SELECT g, COUNT(*) AS n FROM (${base.sql}) t WHERE v IS NOT NULL GROUP BY g ORDER BY n DESC, g ASC LIMIT ${MAX_GROUPS + 1}`,
    base.params,
  );
  return { groups: rows.slice(0, MAX_GROUPS).map((r) => String(r["g"])), more: rows.length > MAX_GROUPS };
}

interface Cell {
  group: string | null;
  t: number;
  value: number;
  count: number;
}

async function aggregateCells(
  sql: SqlDriver,
  inner: Base,
  agg: ChartAggregation,
  isCount: boolean,
): Promise<Cell[]> {
  const p = PERCENTILES[agg];
  if (p === undefined || isCount) {
    const fn = isCount ? "COUNT" : (SQL_AGGREGATE[agg] as string);
    const rows = await sql.all(
      `SELECT b, g, ${fn}(v) AS value, COUNT(*) AS n FROM (${inner.sql}) t GROUP BY b, g`,
      inner.params,
    );
    return rows.map((r) => cell(r, numberColumn(r["value"]) ?? 0));
  }
  // Ranks around p * (n - 1), one either side of both neighbours, so the
  // interpolation below finds its two ranks even if SQL and JS round the
  // position differently.
  const pos = floorSql(sql, `${p} * (n - 1)`);
  const rows = await sql.all(
    `SELECT b, g, v, rn, n FROM (SELECT b, g, v, ROW_NUMBER() OVER (PARTITION BY b, g ORDER BY v) AS rn, ` +
      `COUNT(*) OVER (PARTITION BY b, g) AS n FROM (${inner.sql}) t) r ` +
      `WHERE rn - 1 >= ${pos} - 1 AND rn - 1 <= ${pos} + 2`,
    inner.params,
  );
  const cells = new Map<string, { row: SqlRow; ranks: Map<number, number> }>();
  for (const r of rows) {
    const key = JSON.stringify([r["b"], r["g"]]);
    const c = cells.get(key) ?? { row: r, ranks: new Map() };
    c.ranks.set((numberColumn(r["rn"]) ?? 1) - 1, numberColumn(r["v"]) ?? 0);
    cells.set(key, c);
  }
  return [...cells.values()].map(({ row, ranks }) =>
    cell(
      row,
      percentileAt(numberColumn(row["n"]) ?? 0, p, (i) => ranks.get(i) ?? Number.NaN),
    ),
  );
}

const cell = (r: SqlRow, value: number): Cell => ({
  group: r["g"] === null || r["g"] === undefined ? null : String(r["g"]),
  t: numberColumn(r["b"]) ?? 0,
  value,
  count: numberColumn(r["n"]) ?? 0,
});

/** GET/POST /v1/events/chart. */
export async function eventChart(sql: SqlDriver, q: ChartQuery): Promise<Chart> {
  const dates = range(q);
  const base = baseQuery(sql, q, dates);
  const top = q.groupBy ? await topGroups(sql, base) : { groups: [], more: false };
  // Groups beyond the top ones become NULL: real missing values are "(none)", so NULL means "other".
  const b = new Binder();
  const g =
    q.groupBy && top.more ? `CASE WHEN g IN (${top.groups.map((x) => b.add(x)).join(", ")}) THEN g END` : "g";
  const inner: Base = {
    sql: `SELECT b, ${g} AS g, v FROM (${base.sql}) s WHERE v IS NOT NULL`,
    params: [...b.params, ...base.params],
  };
  const isCount = q.metric === "count";
  const cells = await aggregateCells(sql, inner, q.aggregation, isCount);

  const order = new Map<string | null, number>(top.groups.map((name, i) => [name, i]));
  const series = new Map<string | null, ChartSeries>();
  for (const c of cells) {
    const group = q.groupBy ? c.group : null;
    const s = series.get(group) ?? { group, other: q.groupBy !== undefined && group === null, points: [] };
    s.points.push({ t: c.t, value: c.value, count: c.count });
    series.set(group, s);
  }
  const rank = (s: ChartSeries) => (s.other ? MAX_GROUPS : (order.get(s.group) ?? 0));
  const out = [...series.values()].sort((x, y) => rank(x) - rank(y));
  for (const s of out) s.points.sort((x, y) => x.t - y.t);
  return {
    metric: q.metric,
    aggregation: isCount ? "count" : q.aggregation,
    bucket: q.bucket,
    groupBy: q.groupBy ?? null,
    dateRange: dates,
    series: out,
  };
}

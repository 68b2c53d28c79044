/** Dashboard: requests, error rate, latency percentiles, tokens and cost over time, grouped by model or a metadata field. */
import { useState } from "react";
import type { EventChart } from "../api/types.js";
import { LineChart, type Series, seriesColor } from "../components/chart.js";
import { Show, useAsync } from "../components/states.js";
import { fmtCompact, fmtCost, fmtCostCompact, fmtDuration, fmtInt } from "../lib/format.js";
import { ratioSeries } from "../lib/series.js";
import { useAuth } from "../session.js";

const RANGES = {
  "1h": [3600e3, "minute"],
  "24h": [86400e3, "hour"],
  "7d": [7 * 86400e3, "day"],
  "30d": [30 * 86400e3, "day"],
} as const;

type RangeKey = keyof typeof RANGES;

const PANELS = [
  { title: "Requests", metric: "count", aggregation: "count", format: fmtInt, axis: fmtCompact },
  {
    title: "Error rate",
    metric: "count",
    aggregation: "count",
    format: (v: number) => `${(v * 100).toFixed(1)}%`,
    filters: [{ field: "error", operator: "exists" }],
  },
  { title: "Latency p50", metric: "duration", aggregation: "p50", format: fmtDuration },
  { title: "Latency p95", metric: "duration", aggregation: "p95", format: fmtDuration },
  { title: "Latency p99", metric: "duration", aggregation: "p99", format: fmtDuration },
  { title: "Tokens", metric: "total_tokens", aggregation: "sum", format: fmtInt, axis: fmtCompact },
  { title: "Cost", metric: "cost", aggregation: "sum", format: fmtCost, axis: fmtCostCompact },
] as const;

export function DashboardPage() {
  const { api } = useAuth();
  const [range, setRange] = useState<RangeKey>("24h");
  const [groupBy, setGroupBy] = useState("");
  const [group, setGroup] = useState("");
  const charts = useAsync(async () => {
    const now = Date.now();
    const [span, bucket] = RANGES[range];
    const dateRange = { $gte: now - span, $lte: now };
    return Promise.all(
      PANELS.map((p) =>
        api.chart({
          metric: p.metric,
          aggregation: p.aggregation,
          bucket,
          dateRange,
          ...(groupBy ? { groupBy } : {}),
          filters: [
            { field: "event_type", operator: "is not", value: "session" },
            ...("filters" in p ? p.filters : []),
          ],
        }),
      ),
    );
  }, [api, range, groupBy]);
  return (
    <section aria-labelledby="dash-title">
      <header className="page-head">
        <h1 id="dash-title">Dashboard</h1>
      </header>
      <form
        className="toolbar"
        aria-label="Dashboard options"
        onSubmit={(e) => {
          e.preventDefault();
          setGroupBy(group.trim());
        }}
      >
        <label>
          Range
          <select value={range} onChange={(e) => setRange(e.target.value as RangeKey)}>
            {Object.keys(RANGES).map((k) => (
              <option key={k} value={k}>
                Last {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Group by
          <input
            list="group-fields"
            value={group}
            onChange={(e) => setGroup(e.target.value)}
            placeholder="config.model or metadata.*"
          />
          <datalist id="group-fields">
            <option value="config.model" />
            <option value="source" />
            <option value="event_type" />
          </datalist>
        </label>
        <button type="submit">Apply</button>
      </form>
      <Show a={charts}>
        {(results) => {
          const colorOf = groupColors(results);
          return (
            <div className="charts">
              {results.map((_, i) => {
                const panel = PANELS[i]!;
                return (
                  <LineChart
                    key={panel.title}
                    title={panel.title}
                    series={panelSeries(results, i)}
                    format={panel.format}
                    axisFormat={"axis" in panel ? panel.axis : panel.format}
                    colorOf={colorOf}
                    legend={groupBy !== ""}
                  />
                );
              })}
            </div>
          );
        }}
      </Show>
    </section>
  );
}

/** The chart's series; the error rate panel divides its error counts by the requests. */
function panelSeries(results: EventChart[], i: number): Series[] {
  const own = toSeries(results[i]!);
  return PANELS[i]!.title === "Error rate" ? ratioSeries(own, toSeries(results[0]!)) : own;
}

/** One colour per group across every panel, so a model keeps its colour where other groups have no data. */
function groupColors(results: EventChart[]): (name: string) => string {
  const names = [...new Set(results.flatMap((chart) => toSeries(chart).map((s) => s.name)))];
  return (name) => seriesColor(Math.max(0, names.indexOf(name)));
}

function toSeries(chart: EventChart): Series[] {
  return chart.series.map((s) => ({
    name: s.other ? "other" : (s.group ?? "all"),
    points: s.points.map((p) => ({ t: p.t, value: p.value })),
  }));
}

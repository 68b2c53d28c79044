import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eventChart } from "../resources/charts/chart.js";
import type { Metric, MetricLookup } from "../resources/metrics/types.js";
import { computeRunResult } from "../resources/runs/result.js";
import { RunStore } from "../resources/runs/store.js";
import { type ConformanceContext, ev, sessionEvent, writeEvents } from "./conformance-fixtures.testkit.js";

/** A metric definition with only the fields judging reads. */
function metric(name: string, rule: Partial<Metric>): Metric {
  return {
    id: randomUUID(),
    project_id: "p",
    name,
    type: "custom",
    description: "",
    criteria: null,
    return_type: "float",
    enabled_in_prod: false,
    needs_ground_truth: false,
    threshold: null,
    pass_when: null,
    event_name: null,
    event_type: null,
    model_provider: null,
    model_name: null,
    child_metrics: [],
    sampling_percentage: 100,
    categories: null,
    created_at: 0,
    updated_at: 0,
    ...rule,
  };
}

/** Runs (store, results over stored events) and event charts, on every backend. */
export function runsSuite(ctx: ConformanceContext): void {
  describe("runs", () => {
    const store = () => new RunStore(ctx.storage().sql);

    it("creates, reads, updates (appending ids) and deletes runs", async () => {
      const p = await ctx.project();
      const runs = store();
      const run = await runs.create(p, { name: "r", event_ids: ["a", "b", "a"], metadata: { x: 1 } }, 1000);
      expect(run).toMatchObject({
        status: "pending",
        event_ids: ["a", "b"],
        created_at: 1000,
        results: null,
      });
      expect(await runs.get(p, run.run_id)).toEqual(run);
      const updated = await runs.update(
        p,
        run.run_id,
        {
          event_ids: ["b", "c"],
          datapoint_ids: ["d1"],
          metadata: { y: 2 },
          status: "completed",
          dataset_id: "ds",
        },
        2000,
      );
      expect(updated).toMatchObject({
        event_ids: ["a", "b", "c"],
        datapoint_ids: ["d1"],
        metadata: { x: 1, y: 2 },
        status: "completed",
        dataset_id: "ds",
        updated_at: 2000,
      });
      expect(await runs.get(p, run.run_id)).toEqual(updated);
      expect(await runs.update(p, randomUUID(), { status: "failed" })).toBeNull();
      expect(await runs.delete(p, run.run_id)).toBe(true);
      expect(await runs.get(p, run.run_id)).toBeNull();
      expect(await runs.delete(p, run.run_id)).toBe(false);
    });

    it("lands every concurrent append", async () => {
      const p = await ctx.project();
      const runs = store();
      const run = await runs.create(p, { name: "parallel" });
      const ids = Array.from({ length: 20 }, (_, i) => `s${i}`);
      await Promise.all(ids.map((id) => runs.update(p, run.run_id, { session_ids: [id] })));
      expect((await runs.get(p, run.run_id))?.session_ids.sort()).toEqual([...ids].sort());
    });

    it("lists with filters, paging and sorting, scoped to the project", async () => {
      const p = await ctx.project();
      const q = await ctx.project();
      const runs = store();
      await runs.create(p, { name: "Alpha one", dataset_id: "d1", status: "completed" }, 1);
      await runs.create(p, { name: "beta", dataset_id: "d1" }, 2);
      await runs.create(p, { name: "alpha two", dataset_id: "d2" }, 3);
      await runs.create(q, { name: "alpha elsewhere", dataset_id: "d1" }, 4);
      const names = async (query: Parameters<RunStore["list"]>[1]) => {
        const list = await runs.list(p, query);
        return [list.total, list.runs.map((r) => r.name)];
      };
      expect(await names({})).toEqual([3, ["alpha two", "beta", "Alpha one"]]);
      expect(await names({ dataset_id: "d1" })).toEqual([2, ["beta", "Alpha one"]]);
      expect(await names({ name: "ALPHA", sort_order: "asc" })).toEqual([2, ["Alpha one", "alpha two"]]);
      expect(await names({ status: "completed" })).toEqual([1, ["Alpha one"]]);
      expect(await names({ sort_by: "name", sort_order: "asc", limit: 1, page: 2 })).toEqual([
        3,
        ["alpha two"],
      ]);
    });

    it("deletes a project's runs with the project", async () => {
      const p = await ctx.project();
      const run = await store().create(p, { name: "gone" });
      await ctx.storage().deleteProject(p);
      const left = await ctx
        .storage()
        .sql.get(`SELECT COUNT(*) AS n FROM ${ctx.storage().sql.table("runs")} WHERE id = ?`, [run.run_id]);
      expect(Number(left?.["n"])).toBe(0);
    });

    it("aggregates and judges the metrics of a run's stored sessions", async () => {
      const p = await ctx.project();
      const sql = ctx.storage().sql;
      const s1 = randomUUID();
      const s2 = randomUUID();
      await writeEvents(ctx.storage(), p, [
        sessionEvent(s1, {
          event_name: "sess",
          metadata: { datapoint_id: "dp-1" },
          metrics: { label: "good" },
        }),
        ev({ session_id: s1, parent_id: s1, event_name: "judge", metrics: { grade: 4, ok: true } }),
        ev({ session_id: s1, parent_id: s1, event_name: "other", metrics: { grade: 1 } }),
        sessionEvent(s2, { event_name: "sess", metrics: { flag: 1 } }),
        ev({ session_id: s2, parent_id: s2, event_name: "judge", metrics: { grade: 2, ok: false } }),
      ]);
      // "grade" is judged only on "judge" events (>= 3); "ok" passes when true; "flag" when 1 or 2.
      const lookup: MetricLookup = {
        listMetrics: async () => [
          metric("grade", { event_name: "judge", threshold: { min: 3 } }),
          metric("ok", { return_type: "boolean", pass_when: true }),
          metric("flag", { pass_when: [1, 2] }),
        ],
      };
      const run = await store().create(p, {
        name: "r",
        event_ids: [s1, s2],
        datapoint_ids: ["ignored", "dp-2"],
      });
      const r = await computeRunResult(sql, lookup, run, "max");
      expect(r.passed).toEqual(["dp-1"]);
      expect(r.failed).toEqual(["dp-2"]);
      expect(r.datapoints[0]?.metrics).toEqual([
        { name: "grade", event_name: "judge", value: 4, passed: true },
        { name: "ok", event_name: "judge", value: true, passed: true },
        { name: "grade", event_name: "other", value: 1, passed: null },
      ]);
      expect(r.datapoints[1]?.metrics).toContainEqual({
        name: "flag",
        event_name: "sess",
        value: 1,
        passed: true,
      });
      const grade = r.metrics.details.find((d) => d.metric_name === "grade" && d.event_name === "judge");
      expect(grade).toMatchObject({
        aggregate: 4,
        average: 3,
        values_count: 2,
        passed_count: 1,
        failed_count: 1,
      });
      // Another project's run naming these sessions reads nothing.
      const q = await ctx.project();
      const foreign = await store().create(q, { name: "x", event_ids: [s1, s2] });
      expect((await computeRunResult(sql, lookup, foreign, "average")).datapoints).toEqual([]);
    });

    it("charts events in SQL: buckets, groups, JSON metrics and percentiles", async () => {
      const p = await ctx.project();
      const day = Date.UTC(2024, 2, 4);
      const at = (h: number, name: string, score: number | string) =>
        ev({ start_time: day + h * 3_600_000, event_name: name, metrics: { score }, metadata: { n: name } });
      await writeEvents(ctx.storage(), p, [
        at(1, "x", 1),
        at(2, "x", 2),
        at(3, "x", 4),
        at(4, "x", 8),
        at(5, "y", 10),
        at(6, "y", "not a number"),
        at(30, "y", 20),
      ]);
      const chart = await eventChart(ctx.storage().sql, {
        projectId: p,
        metric: "metrics.score",
        groupBy: "metadata.n",
        bucket: "day",
        aggregation: "p90",
        dateRange: { $gte: day, $lte: day + 2 * 86_400_000 },
      });
      // x on day 1: [1, 2, 4, 8], p90 at position 2.7 -> 4 + 0.7 * 4 = 6.8.
      expect(chart.series.map((s) => [s.group, s.points.map((pt) => [pt.t, pt.count])])).toEqual([
        ["x", [[day, 4]]],
        [
          "y",
          [
            [day, 1],
            [day + 86_400_000, 1],
          ],
        ],
      ]);
      expect(chart.series[0]?.points[0]?.value).toBeCloseTo(6.8, 9);
      expect(chart.series[1]?.points.map((pt) => pt.value)).toEqual([10, 20]);
    });
  });
}

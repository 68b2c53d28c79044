import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, type Http, otherProject, startTestServer, type TestServer } from "./helpers.js";

/** Monday 2024-01-01 10:00 UTC. */
const T0 = Date.UTC(2024, 0, 1, 10, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const twoHours = { $gte: T0, $lte: T0 + 2 * HOUR - 1 };
/** The batch below also seeds its session (an event too): chart the model events only. */
const models = [{ field: "event_type", operator: "is", value: "model" }];

const q = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))}`)
    .join("&");

const series = (body: any) =>
  body.series.map((s: any) => [s.group, s.points.map((p: any) => [p.t, p.value, p.count])]);

for (const backend of await backends()) {
  describe(`events chart (${backend})`, () => {
    let server: TestServer;
    let http: Http;
    let other: Http;

    beforeAll(async () => {
      server = await startTestServer(backend);
      http = api(server.url, server.key);
      other = await otherProject(http, server.url, "elsewhere");
      const ev = (start: number, name: string, duration: number, extra: Record<string, unknown> = {}) => ({
        event_type: "model",
        event_name: name,
        source: "chart",
        start_time: start,
        duration,
        ...extra,
      });
      const batch = await http.post("/events/batch", {
        events: [
          ev(T0 + 5 * MIN, "a", 100, { metadata: { tier: "free" }, metrics: { quality: 1 } }),
          ev(T0 + 10 * MIN, "a", 200, { metadata: { tier: "pro" }, metrics: { quality: 0.5 } }),
          ev(T0 + 30 * MIN, "b", 400, { metadata: { tier: "free" } }),
          ev(T0 + HOUR + 1, "a", 1000, { metrics: { quality: 2 } }),
          ev(T0 + HOUR + 59 * MIN, "b", 50),
          // Sunday 2024-01-07 23:00 (same Monday-based week as T0) and Monday 2024-01-08 01:00.
          ev(Date.UTC(2024, 0, 7, 23), "late", 1),
          ev(Date.UTC(2024, 0, 8, 1), "late", 1),
          // 22 groups, one event each, on 2024-01-02.
          ...Array.from({ length: 22 }, (_, i) =>
            ev(T0 + DAY + i, `g${String(i).padStart(2, "0")}`, i, { source: "cap" }),
          ),
        ],
      });
      expect(batch.body.success).toBe(true);
    });
    afterAll(async () => server?.stop());

    it("averages a column per hour bucket", async () => {
      const res = await http.get(
        `/v1/events/chart?${q({ metric: "duration", bucket: "hour", dateRange: twoHours, filters: models })}`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        metric: "duration",
        aggregation: "avg",
        bucket: "hour",
        groupBy: null,
      });
      expect(series(res.body)).toEqual([
        [
          null,
          [
            [T0, 700 / 3, 3],
            [T0 + HOUR, 525, 2],
          ],
        ],
      ]);
    });

    it("computes percentiles by linear interpolation in SQL", async () => {
      const get = async (aggregation: string) =>
        (
          await http.get(
            `/v1/events/chart?${q({ metric: "duration", aggregation, dateRange: twoHours, filters: models })}`,
          )
        ).body.series[0].points;
      // [100, 200, 400]: p50 200, p90 at 1.8 -> 360; [50, 1000]: p50 525, p90 at 0.9 -> 905.
      const p50 = await get("p50");
      const p90 = await get("p90");
      expect(p50.map((p: any) => p.value)).toEqual([200, 525]);
      expect(p90[0].value).toBeCloseTo(360, 9);
      expect(p90[1].value).toBeCloseTo(905, 9);
      expect((await get("p99"))[1].value).toBeCloseTo(50 + 0.99 * 950, 9);
      expect((await get("min")).map((p: any) => p.value)).toEqual([100, 50]);
      expect((await get("max")).map((p: any) => p.value)).toEqual([400, 1000]);
      expect((await get("sum")).map((p: any) => p.value)).toEqual([700, 1050]);
      expect((await get("count")).map((p: any) => p.value)).toEqual([3, 2]);
    });

    it("groups by a column or a metadata path, largest groups first", async () => {
      const byName = await http.get(
        `/v1/events/chart?${q({ metric: "count", groupBy: "event_name", dateRange: twoHours, filters: models })}`,
      );
      expect(series(byName.body)).toEqual([
        [
          "a",
          [
            [T0, 2, 2],
            [T0 + HOUR, 1, 1],
          ],
        ],
        [
          "b",
          [
            [T0, 1, 1],
            [T0 + HOUR, 1, 1],
          ],
        ],
      ]);
      const byTier = await http.post("/v1/events/chart", {
        metric: "duration",
        aggregation: "sum",
        groupBy: "metadata.tier",
        dateRange: twoHours,
        filters: models,
      });
      expect(series(byTier.body)).toEqual([
        ["(none)", [[T0 + HOUR, 1050, 2]]],
        ["free", [[T0, 500, 2]]],
        ["pro", [[T0, 200, 1]]],
      ]);
    });

    it("charts numeric metrics.* fields, skipping events without them", async () => {
      const res = await http.post("/v1/events/chart", {
        metric: "metrics.quality",
        aggregation: "avg",
        bucket: "day",
        dateRange: twoHours,
        filters: models,
      });
      expect(series(res.body)).toEqual([[null, [[Date.UTC(2024, 0, 1), 3.5 / 3, 3]]]]);
    });

    it("buckets weeks starting on Monday (UTC)", async () => {
      const res = await http.post("/events/chart", {
        metric: "count",
        bucket: "week",
        dateRange: { $gte: "2024-01-01T00:00:00Z", $lte: "2024-01-14T23:59:59Z" },
        filters: [...models, { field: "source", operator: "is", value: "chart" }],
      });
      expect(series(res.body)).toEqual([
        [
          null,
          [
            [Date.UTC(2024, 0, 1), 6, 6],
            [Date.UTC(2024, 0, 8), 1, 1],
          ],
        ],
      ]);
    });

    it("names the 20 largest groups and folds the rest into 'other'", async () => {
      const res = await http.post("/v1/events/chart", {
        metric: "count",
        bucket: "day",
        groupBy: "event_name",
        dateRange: { $gte: T0, $lte: T0 + 2 * DAY },
        filters: [{ field: "source", operator: "is", value: "cap" }],
      });
      const s = res.body.series;
      expect(s).toHaveLength(21);
      expect(s.slice(0, 20).map((x: any) => x.group)).toEqual(
        Array.from({ length: 20 }, (_, i) => `g${String(i).padStart(2, "0")}`),
      );
      expect(s[20]).toEqual({
        group: null,
        other: true,
        points: [{ t: T0 - 10 * HOUR + DAY, value: 2, count: 2 }],
      });
    });

    it("sees only the key's project", async () => {
      const res = await other.get(
        `/v1/events/chart?${q({ metric: "count", dateRange: twoHours, filters: models })}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.series).toEqual([]);
    });

    it("refuses bad input with a 400 naming the field", async () => {
      const cases: [Promise<{ status: number; body: any }>, string][] = [
        [http.get("/v1/events/chart"), "metric"],
        [http.get(`/v1/events/chart?${q({ metric: "bogus" })}`), "metric"],
        [http.get(`/v1/events/chart?${q({ metric: "metrics.a b" })}`), "metric"],
        [http.get(`/v1/events/chart?${q({ metric: "count", groupBy: "inputs.x" })}`), "groupBy"],
        [http.get(`/v1/events/chart?${q({ metric: "count", bucket: "year" })}`), "bucket"],
        [http.get(`/v1/events/chart?${q({ metric: "duration", aggregation: "mode" })}`), "aggregation"],
        [http.get(`/v1/events/chart?metric=count&dateRange=%7Bx`), "dateRange"],
        [
          http.get(`/v1/events/chart?${q({ metric: "count", dateRange: { $gte: "yesterday" } })}`),
          "dateRange.$gte",
        ],
        [
          http.get(`/v1/events/chart?${q({ metric: "count", dateRange: { $gte: 5, $lte: 1 } })}`),
          "dateRange",
        ],
        [
          http.get(
            `/v1/events/chart?${q({ metric: "count", bucket: "minute", dateRange: { $gte: 0, $lte: 30 * DAY } })}`,
          ),
          "dateRange",
        ],
        [http.get(`/v1/events/chart?${q({ metric: "count", filters: { field: "x" } })}`), "filters"],
        [
          http.post("/v1/events/chart", {
            metric: "count",
            filters: [{ field: "nope", operator: "is", value: 1 }],
          }),
          "nope",
        ],
        [http.post("/v1/events/chart", { metric: 5 }), "metric"],
      ];
      for (const [call, field] of cases) {
        const res = await call;
        expect(res.status, field).toBe(400);
        expect(res.body.error.field, JSON.stringify(res.body)).toBe(field);
        expect(res.body.error.hint).toBeTruthy();
      }
    });
  });
}

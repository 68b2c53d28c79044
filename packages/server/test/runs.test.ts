import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, type Http, otherProject, startTestServer, type TestServer } from "./helpers.js";

/** One evaluated datapoint: a session (with its own metrics) and one model event "llm" with metrics. */
interface Datapoint {
  dp?: string;
  score: number;
  correct: boolean;
  accuracy: number;
  latency: number;
}

/** Creates the session through the REST API as an evaluation framework would; returns the session id. */
async function evaluate(http: Http, d: Datapoint): Promise<string> {
  const sessionId = randomUUID();
  const start = await http.post("/session/start", {
    session: {
      session_id: sessionId,
      session_name: "eval-session",
      metadata: d.dp ? { datapoint_id: d.dp } : {},
    },
  });
  expect(start.status).toBe(200);
  const llm = await http.post("/events", {
    event: {
      session_id: sessionId,
      event_type: "model",
      event_name: "llm",
      inputs: { q: d.dp ?? "?" },
      outputs: { answer: `answer ${d.score}` },
      metrics: { accuracy: d.accuracy, latency: d.latency, note: "not a number" },
    },
  });
  expect(llm.status).toBe(200);
  const enrich = await http.put("/events", {
    event_id: sessionId,
    metrics: { score: d.score, correct: d.correct },
  });
  expect(enrich.status).toBe(200);
  return sessionId;
}

const detail = (result: any, name: string, eventName: string) =>
  result.metrics.details.find((m: any) => m.metric_name === name && m.event_name === eventName);

for (const backend of await backends()) {
  describe(`runs (${backend})`, () => {
    let server: TestServer;
    let http: Http;
    let other: Http;
    let runA: string;
    let runB: string;

    beforeAll(async () => {
      server = await startTestServer(backend);
      http = api(server.url, server.key);
      other = await otherProject(http, server.url, "elsewhere");
      // Definitions: score passes at >= 0.6, correct when true, latency at <= 250 (lower is better).
      for (const m of [
        { name: "score", return_type: "float", threshold: { min: 0.6 } },
        { name: "correct", return_type: "boolean", pass_when: true },
        { name: "latency", return_type: "float", threshold: { max: 250 } },
      ]) {
        const res = await http.post("/metrics", { type: "custom", description: "", ...m });
        expect(res.status).toBe(200);
      }
      const a = [
        { dp: "dp1", score: 0.9, correct: true, accuracy: 0.8, latency: 100 },
        { dp: "dp2", score: 0.5, correct: false, accuracy: 0.6, latency: 300 },
        { dp: "dp3", score: 0.7, correct: true, accuracy: 1.0, latency: 200 },
      ];
      const b = [
        { dp: "dp1", score: 0.95, correct: true, accuracy: 0.8, latency: 150 },
        { dp: "dp2", score: 0.5, correct: true, accuracy: 0.7, latency: 250 },
        { dp: "dp4", score: 0.1, correct: false, accuracy: 0.1, latency: 10 },
      ];
      const created = await http.post("/runs", { name: "baseline", dataset_id: "ds-1", status: "running" });
      runA = created.body.run_id;
      for (const d of a) await http.put(`/runs/${runA}`, { event_ids: [await evaluate(http, d)] });
      runB = (await http.post("/v1/runs", { name: "candidate", dataset_id: "ds-1" })).body.run_id;
      const sessionsB = [];
      for (const d of b) sessionsB.push(await evaluate(http, d));
      await http.put(`/v1/runs/${runB}`, { session_ids: sessionsB, status: "completed" });
    });
    afterAll(async () => server?.stop());

    it("creates, reads, lists, updates and deletes runs", async () => {
      const created = await http.post("/runs", {
        name: "crud run",
        description: "d",
        event_ids: ["e1", "e2", "e1"],
        metadata: { a: 1, b: 2 },
        configuration: { model: "m" },
      });
      expect(created.status).toBe(200);
      const id = created.body.run_id;
      expect(created.body.evaluation).toMatchObject({
        run_id: id,
        name: "crud run",
        status: "pending",
        event_ids: ["e1", "e2"],
        dataset_id: null,
        results: null,
      });
      expect((await http.get(`/runs/${id}`)).body.evaluation.name).toBe("crud run");

      const updated = await http.put(`/v1/runs/${id}`, {
        event_ids: ["e2", "e3"],
        session_ids: ["s1"],
        metadata: { b: 3, c: 4 },
        status: "completed",
        results: { summary: "ok" },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.evaluation).toMatchObject({
        event_ids: ["e1", "e2", "e3"],
        session_ids: ["s1"],
        metadata: { a: 1, b: 3, c: 4 },
        status: "completed",
        configuration: { model: "m" },
        results: { summary: "ok" },
      });
      expect(updated.body.evaluation.updated_at).toBeGreaterThanOrEqual(updated.body.evaluation.created_at);

      expect((await http.del(`/runs/${id}`)).body).toEqual({ id, deleted: true });
      expect((await http.get(`/v1/runs/${id}`)).status).toBe(404);
      expect((await http.del(`/runs/${id}`)).status).toBe(404);
    });

    it("lists with filters, paging, sorting and a total", async () => {
      const all = await http.get("/v1/runs?dataset_id=ds-1");
      expect(all.body.total).toBe(2);
      expect(all.body.evaluations.map((r: any) => r.name)).toEqual(["candidate", "baseline"]);
      expect(
        (await http.get("/v1/runs?status=completed")).body.evaluations.map((r: any) => r.run_id),
      ).toEqual([runB]);
      expect((await http.get("/v1/runs?name=BASE")).body.evaluations.map((r: any) => r.run_id)).toEqual([
        runA,
      ]);
      const paged = await http.get("/v1/runs?dataset_id=ds-1&sort_by=name&sort_order=asc&limit=1&page=2");
      expect(paged.body).toMatchObject({ total: 2, page: 2, limit: 1 });
      expect(paged.body.evaluations.map((r: any) => r.name)).toEqual(["candidate"]);
    });

    it("aggregates every metric of the run's sessions and child events", async () => {
      const res = await http.get(`/runs/${runA}/result`);
      expect(res.status).toBe(200);
      const r = res.body;
      expect(r).toMatchObject({ run_id: runA, status: "running", success: false });
      expect(r.passed).toEqual(["dp1", "dp3"]);
      expect(r.failed).toEqual(["dp2"]);
      expect(r.metrics.aggregation_function).toBe("average");
      // score over [0.5, 0.7, 0.9]: p90 at position 0.9 * 2 = 1.8 -> 0.7 + 0.8 * 0.2 = 0.86
      const score = detail(r, "score", "eval-session");
      expect(score).toMatchObject({
        values_count: 3,
        count: 3,
        min: 0.5,
        max: 0.9,
        passed_count: 2,
        failed_count: 1,
      });
      expect(score.aggregate).toBeCloseTo(0.7, 10);
      expect(score.median).toBeCloseTo(0.7, 10);
      expect(score.p90).toBeCloseTo(0.86, 10);
      expect(score.sum).toBeCloseTo(2.1, 10);
      const correct = detail(r, "correct", "eval-session");
      expect(correct.metric_type).toBe("boolean");
      expect(correct.average).toBeCloseTo(2 / 3, 10);
      // latency over [100, 200, 300] on the child event "llm": p95 at 1.9 -> 290
      const latency = detail(r, "latency", "llm");
      expect(latency.p95).toBeCloseTo(290, 10);
      expect(latency.failed_count).toBe(1);
      expect(detail(r, "accuracy", "llm")).toMatchObject({
        passed_count: 0,
        failed_count: 0,
        metric_type: "float",
      });
      expect(detail(r, "note", "llm")).toBeUndefined();
      const dp2 = r.datapoints.find((d: any) => d.datapoint_id === "dp2");
      expect(dp2.passed).toBe(false);
      expect(dp2.metrics).toContainEqual({ name: "accuracy", event_name: "llm", value: 0.6, passed: null });
      expect(dp2.metrics).toContainEqual({
        name: "correct",
        event_name: "eval-session",
        value: false,
        passed: false,
      });

      for (const [fn, want] of [
        ["max", 0.9],
        ["min", 0.5],
        ["p99", 0.7 + 0.98 * 0.2],
        ["sum", 2.1],
        ["count", 3],
      ] as const) {
        const other = await http.get(`/v1/runs/${runA}/metrics?aggregate_function=${fn}`);
        expect(other.body.metrics.aggregation_function).toBe(fn);
        expect(detail(other.body, "score", "eval-session").aggregate).toBeCloseTo(want, 10);
      }
    });

    it("takes datapoint ids from the run by position, else the session id", async () => {
      const s1 = await evaluate(http, { score: 1, correct: true, accuracy: 1, latency: 1 });
      const s2 = await evaluate(http, { score: 0, correct: true, accuracy: 1, latency: 1 });
      const run = await http.post("/runs", {
        name: "aligned",
        event_ids: [s1, s2],
        datapoint_ids: ["first"],
      });
      const r = (await http.get(`/v1/runs/${run.body.run_id}/result`)).body;
      expect(r.datapoints.map((d: any) => [d.datapoint_id, d.session_id])).toEqual([
        ["first", s1],
        [s2, s2],
      ]);
      expect(r.failed).toEqual([s2]);
    });

    it("compares two runs on their common datapoints", async () => {
      const res = await http.get(`/runs/${runB}/compare-with/${runA}`);
      expect(res.status).toBe(200);
      const c = res.body;
      expect(c).toMatchObject({
        new_run_id: runB,
        old_run_id: runA,
        commonDatapoints: ["dp1", "dp2"],
        only_in_new: ["dp4"],
        only_in_old: ["dp3"],
        only_in_new_count: 1,
        only_in_old_count: 1,
      });
      const metric = (name: string, ev: string) =>
        c.metrics.find((m: any) => m.metric_name === name && m.event_name === ev);
      const score = metric("score", "eval-session");
      expect(score).toMatchObject({ improved: ["dp1"], same: ["dp2"], degraded: [], lower_is_better: false });
      expect(score.old_aggregate).toBeCloseTo(0.7, 10);
      expect(score.new_aggregate).toBeCloseTo(0.725, 10);
      // latency has only a max threshold: lower is better. dp1 100 -> 150 is worse, dp2 300 -> 250 better.
      expect(metric("latency", "llm")).toMatchObject({
        lower_is_better: true,
        improved: ["dp2"],
        degraded: ["dp1"],
        improved_count: 1,
        degraded_count: 1,
        same_count: 0,
        old_aggregate: 200,
        new_aggregate: 200,
      });
      expect(metric("correct", "eval-session")).toMatchObject({ improved: ["dp2"], same: ["dp1"] });

      const flipped = await http.get(`/v1/runs/${runB}/compare-with/${runA}?lower_is_better=score,accuracy`);
      expect(flipped.body.metrics.find((m: any) => m.metric_name === "score").degraded).toEqual(["dp1"]);
      const max = await http.get(`/v1/runs/${runB}/compare-with/${runA}?aggregate_function=max`);
      expect(max.body.metrics.find((m: any) => m.metric_name === "latency").old_aggregate).toBe(300);
    });

    it("pairs the two runs' events for side-by-side views", async () => {
      const res = await http.get(`/v1/runs/compare/events?run_id_1=${runA}&run_id_2=${runB}&event_name=llm`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ run_id_1: runA, run_id_2: runB, commonDatapoints: 2, totalEvents: 2 });
      const [first] = res.body.events;
      expect(first).toMatchObject({ datapoint_id: "dp1", event_name: "llm" });
      expect(first.event_1.outputs).toEqual({ answer: "answer 0.9" });
      expect(first.event_2.outputs).toEqual({ answer: "answer 0.95" });
      expect(first.event_2.metrics).toMatchObject({ latency: 150 });
      const page2 = await http.get(
        `/v1/runs/compare/events?run_id_1=${runA}&run_id_2=${runB}&event_type=model&limit=1&page=2`,
      );
      expect(page2.body.totalEvents).toBe(2);
      expect(page2.body.events.map((p: any) => p.datapoint_id)).toEqual(["dp2"]);
      const filter = encodeURIComponent(
        JSON.stringify([{ field: "metrics.latency", operator: "greater than", value: 120 }]),
      );
      const filtered = await http.get(
        `/v1/runs/compare/events?run_id_1=${runA}&run_id_2=${runB}&filter=${filter}`,
      );
      expect(filtered.body.events.map((p: any) => p.datapoint_id)).toEqual(["dp2"]);
    });

    it("scopes runs to the key's project", async () => {
      expect((await other.get(`/runs/${runA}`)).status).toBe(404);
      expect((await other.get(`/runs/${runA}/result`)).status).toBe(404);
      expect((await other.put(`/runs/${runA}`, { status: "failed" })).status).toBe(404);
      expect((await other.del(`/runs/${runA}`)).status).toBe(404);
      expect((await other.get(`/runs/${runB}/compare-with/${runA}`)).status).toBe(404);
      expect((await other.get("/v1/runs")).body).toMatchObject({ total: 0, evaluations: [] });
      // A run of another project that lists this project's sessions sees none of their events.
      const stolen = await other.post("/runs", {
        name: "x",
        event_ids: (await http.get(`/runs/${runA}`)).body.evaluation.event_ids,
      });
      expect((await other.get(`/runs/${stolen.body.run_id}/result`)).body.datapoints).toEqual([]);
      expect((await http.post("/runs", { name: "x", project: "elsewhere" })).status).toBe(403);
    });

    it("refuses bad input with a 400 naming the field", async () => {
      const cases: [Promise<{ status: number; body: any }>, string][] = [
        [http.post("/runs", {}), "name"],
        [http.post("/runs", { name: "" }), "name"],
        [http.post("/runs", { name: "x", status: "done" }), "status"],
        [http.post("/v1/runs", { name: "x", event_ids: "e1" }), "event_ids"],
        [http.put(`/runs/${runA}`, { metadata: [1] }), "metadata"],
        [http.put(`/runs/${runA}`, { session_ids: [7] }), "session_ids.0"],
        [http.get("/v1/runs?limit=ten"), "limit"],
        [http.get("/v1/runs?sort_by=cost"), "sort_by"],
        [http.get("/v1/runs?status=finished"), "status"],
        [http.get(`/runs/${runA}/result?aggregate_function=mode`), "aggregate_function"],
        [http.get(`/runs/${runB}/compare-with/${runA}?aggregate_function=avg`), "aggregate_function"],
        [http.get(`/v1/runs/compare/events?run_id_1=${runA}`), "run_id_2"],
        [http.get(`/v1/runs/compare/events?run_id_1=${runA}&run_id_2=${runB}&filter=%7Bnope`), "filter"],
        [http.get(`/v1/runs/compare/events?run_id_1=${runA}&run_id_2=${runB}&limit=-1`), "limit"],
      ];
      for (const [call, field] of cases) {
        const res = await call;
        expect(res.status, field).toBe(400);
        expect(res.body.error.field, JSON.stringify(res.body)).toBe(field);
        expect(res.body.error.hint).toBeTruthy();
      }
      const badFilter = encodeURIComponent(JSON.stringify([{ field: "nope", operator: "is", value: 1 }]));
      const bad = await http.get(
        `/v1/runs/compare/events?run_id_1=${runA}&run_id_2=${runB}&filter=${badFilter}`,
      );
      expect(bad.status).toBe(400);
      expect((await http.get(`/runs/${randomUUID()}/result`)).status).toBe(404);
      expect((await http.get(`/runs/${runA}/compare-with/${randomUUID()}`)).status).toBe(404);
    });

    it("documents every run route with titled schemas", async () => {
      const doc = (await http.get("/openapi.json")).body;
      for (const path of [
        "/runs",
        "/v1/runs/{id}",
        "/runs/{id}/result",
        "/v1/runs/{id}/metrics",
        "/v1/runs/compare/events",
      ]) {
        expect(doc.paths[path], path).toBeDefined();
      }
      // A titled schema is documented once under components and referred to by name.
      const named = (schema: any) => schema.title ?? String(schema.$ref).split("/").pop();
      const ok = (op: any) => named(op.responses["200"].content["application/json"].schema);
      expect(named(doc.paths["/runs"].post.requestBody.content["application/json"].schema)).toBe(
        "CreateRunRequest",
      );
      expect(ok(doc.paths["/runs/{id}/result"].get)).toBe("RunResult");
      expect(ok(doc.paths["/runs/{new_run_id}/compare-with/{old_run_id}"].get)).toBe("RunComparison");
      expect(ok(doc.paths["/v1/runs"].get)).toBe("ListRunsResponse");
    });
  });
}

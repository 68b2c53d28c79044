import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, startTestServer, type TestServer } from "../../server/test/helpers.js";
import { compareRuns, evaluate, evaluator, formatComparison, HoneyHive } from "../src/index.js";
import { startSdkTestServer } from "./server.js";

const rows = [
  { inputs: { q: "a" }, ground_truth: { answer: "A" } },
  { inputs: { q: "b" }, ground_truth: { answer: "B" } },
  { inputs: { q: "c" }, ground_truth: { answer: "X" } },
  { inputs: { q: "d" }, ground_truth: { answer: "D" } },
];

const upper = (inputs: Record<string, unknown>) => ({ answer: String(inputs["q"]).toUpperCase() });

const exact = evaluator(
  ({ output, expected }) => (output as { answer: string }).answer === (expected as { answer: string }).answer,
  { name: "exact", passWhen: true },
);

function length({ output }: { output: unknown }) {
  return { score: (output as { answer: string }).answer.length * 0.5, explanation: "half the length" };
}

describe("evaluate() without a server", () => {
  it("gives inline data deterministic dataset and datapoint ids", async () => {
    const a = await evaluate({ function: upper, dataset: rows, print: false });
    const b = await evaluate({
      function: upper,
      dataset: rows.map((r) => ({ ground_truth: r.ground_truth, inputs: r.inputs })),
      print: false,
    });
    expect(b.datasetId).toBe(a.datasetId);
    expect(a.datasetId).toMatch(/^EXT-[0-9a-f]{24}$/);
    expect(b.datapoints.map((d) => d.datapointId)).toEqual(a.datapoints.map((d) => d.datapointId));
    expect(new Set(a.datapoints.map((d) => d.datapointId)).size).toBe(4);
    const other = await evaluate({ function: upper, dataset: rows.slice(1), print: false });
    expect(other.datasetId).not.toBe(a.datasetId);
    expect(other.datapoints[0]!.datapointId).toBe(a.datapoints[1]!.datapointId);
    const twice = await evaluate({ function: upper, dataset: [rows[0]!, rows[0]!], print: false });
    expect(new Set(twice.datapoints.map((d) => d.datapointId)).size).toBe(2);
  });

  it("runs locally without an API key and returns the scores", async () => {
    const saved = { hh: process.env["HH_API_KEY"], classic: process.env["HONEYHIVE_API_KEY"] };
    delete process.env["HH_API_KEY"];
    delete process.env["HONEYHIVE_API_KEY"];
    try {
      const result = await evaluate({ function: upper, dataset: rows, evaluators: [exact], print: false });
      expect(result.status).toBe("completed");
      expect(result.passed).toBe(3);
      expect(result.datapoints[0]!.output).toEqual({ answer: "A" });
    } finally {
      if (saved.hh !== undefined) process.env["HH_API_KEY"] = saved.hh;
      if (saved.classic !== undefined) process.env["HONEYHIVE_API_KEY"] = saved.classic;
    }
  });

  it("returns the local result when the server cannot be reached", async () => {
    const down = await startSdkTestServer();
    const url = down.url;
    await down.stop();
    const result = await evaluate({
      apiKey: "hh_unreachable",
      serverUrl: url,
      function: upper,
      dataset: rows,
      evaluators: [exact],
      print: false,
    });
    expect(result.status).toBe("completed");
    expect(result.passed).toBe(3);
  });
});

describe.each(await backends())("evaluate() on %s", (backend) => {
  let srv: TestServer;
  let client: HoneyHive;

  beforeAll(async () => {
    srv = await startTestServer(backend);
    client = new HoneyHive({ apiKey: srv.key, serverUrl: srv.url });
    // A definition gives the server a pass rule for "exact" (human metrics are never run by the server).
    await client.metrics.create({ name: "exact", type: "human", return_type: "boolean", pass_when: true });
  });

  afterAll(async () => {
    client.close();
    await srv.stop();
  });

  const remote = () => ({ apiKey: srv.key, serverUrl: srv.url, print: false as const });

  it("records a run: a session per datapoint with its scores, the run completed, results on the server", async () => {
    const lines: string[] = [];
    const result = await evaluate({
      ...remote(),
      function: upper,
      dataset: rows,
      evaluators: [exact, length],
      name: "basic",
      metadata: { prompt: "v1" },
      print: (line) => lines.push(line),
    });
    expect(result.status).toBe("completed");
    expect(result.datapoints).toHaveLength(4);
    expect(result.passed).toBe(3);
    expect(result.failed).toBe(1);
    expect(result.errors).toBe(0);
    const exactSummary = result.metrics.find((m) => m.name === "exact")!;
    expect(exactSummary).toMatchObject({ aggregate: 0.75, min: 0, max: 1, count: 4, passed: 3, failed: 1 });
    expect(result.metrics.find((m) => m.name === "length")).toMatchObject({ aggregate: 0.5, count: 4 });
    expect(lines.join("\n")).toContain("exact");
    expect(lines.join("\n")).toContain("passed 3, failed 1, errors 0");
    expect(lines.join("\n")).toContain("exact: score false failed");

    const run = (await client.runs.get(result.runId)).evaluation;
    expect(run).toMatchObject({ name: "basic", status: "completed", dataset_id: result.datasetId });
    expect(run.metadata).toMatchObject({ prompt: "v1" });
    expect(new Set(run.session_ids)).toEqual(new Set(result.datapoints.map((d) => d.sessionId)));

    const third = result.datapoints[2]!;
    const session = (await client.sessions.get(third.sessionId)) as unknown as Record<string, any>;
    expect(session["metadata"]).toMatchObject({
      run_id: result.runId,
      dataset_id: result.datasetId,
      datapoint_id: third.datapointId,
      repetition: 0,
    });
    expect(session["metrics"]).toMatchObject({
      exact: false,
      length: 0.5,
      length_explanation: "half the length",
    });
    expect(session["outputs"]).toEqual({ answer: "C" });
    expect(session["inputs"]).toEqual({ q: "c" });
    // The function's call is the evaluated span: its results are gen_ai.evaluation.result events on it.
    const { events } = await client.events.listBySession(third.sessionId);
    const called = events.find((e) => e.event_name === "upper") as unknown as Record<string, any>;
    expect(called).toMatchObject({
      event_type: "chain",
      inputs: { q: "c" },
      outputs: { answer: "C" },
    });
    expect(called["metrics"]).toEqual({}); // scores are the session's only: run results count each once
    const results = (called["metadata"]["events"] as Record<string, any>[])
      .filter((e) => e["name"] === "gen_ai.evaluation.result")
      .map((e) => e["attributes"]["gen_ai"]["evaluation"]);
    expect(results).toEqual([
      { name: "exact", score: { value: 0, label: "false" } },
      { name: "length", score: { value: 0.5 }, explanation: "half the length" },
    ]);

    const onServer = await client.runs.result(result.runId);
    expect(onServer.status).toBe("completed");
    expect(onServer.failed).toEqual([third.datapointId]);
    expect(onServer.passed).toHaveLength(3);
    const exactDetail = onServer.metrics.details.find((d) => d.metric_name === "exact")!;
    expect(exactDetail).toMatchObject({ aggregate: 0.75, passed_count: 3, failed_count: 1, values_count: 4 });

    // Only the datapoints' sessions: evaluate()'s tracer starts no session of its own.
    const sessions = await client.events.export({
      filters: [{ field: "event_type", operator: "is", value: "session" }],
      limit: 1000,
    });
    expect(sessions.events.filter((e) => e.event_name === "basic")).toEqual([]);
  });

  it("loads a server dataset by datasetId", async () => {
    const dataset_id = (await client.datasets.create({ name: "evaluate-ds" })).result.insertedId;
    await client.datapoints.createBatch({
      dataset_id,
      datapoints: rows.map((r) => ({ inputs: r.inputs, ground_truth: r.ground_truth })),
    });
    const result = await evaluate({
      ...remote(),
      function: upper,
      datasetId: dataset_id,
      evaluators: [exact],
    });
    expect(result.datasetId).toBe(dataset_id);
    expect(result.datapoints).toHaveLength(4);
    expect(result.passed).toBe(3);
    expect((await client.runs.get(result.runId)).evaluation.dataset_id).toBe(dataset_id);
  });

  it("keeps every other result when a datapoint, an evaluator or a deadline fails", async () => {
    const never = new Promise<never>(() => undefined);
    const result = await evaluate({
      ...remote(),
      timeout: 300,
      function: async (inputs) => {
        if (inputs["q"] === "b") throw new Error("boom on b");
        if (inputs["q"] === "d") return never;
        return upper(inputs);
      },
      dataset: rows,
      evaluators: [
        exact,
        function throws({ output }) {
          if ((output as { answer: string }).answer === "A") throw new Error("evaluator broke");
          return 1;
        },
        function hangs({ output }) {
          return (output as { answer: string }).answer === "C" ? never : 1;
        },
      ],
    });
    expect(result.status).toBe("completed");
    const [a, b, c, d] = result.datapoints;
    expect(b!.error).toBe("boom on b");
    expect(b!.passed).toBe(false);
    expect(d!.error).toMatch(/timed out after 300 ms/);
    expect(a!.evaluations.find((e) => e.name === "throws")).toMatchObject({
      score: null,
      error: "evaluator broke",
    });
    expect(a!.evaluations.find((e) => e.name === "exact")).toMatchObject({ score: true, passed: true });
    expect(c!.evaluations.find((e) => e.name === "hangs")!.error).toMatch(/timed out/);
    expect(c!.evaluations.find((e) => e.name === "throws")).toMatchObject({ score: 1 });
    expect(result.errors).toBe(4);
    expect(result.summary).toContain("boom on b");

    const sessionB = (await client.sessions.get(b!.sessionId)) as unknown as Record<string, any>;
    expect(sessionB["error"]).toBe("boom on b");
    const sessionA = (await client.sessions.get(a!.sessionId)) as unknown as Record<string, any>;
    expect(sessionA["metrics"]).toMatchObject({ exact: true, hangs: 1 });
    expect(sessionA["metrics"]["throws"]).toBeUndefined();
    expect(sessionA["metadata"]["evaluator_errors"]).toEqual({ throws: "evaluator broke" });
  });

  it("marks a run failed when every datapoint failed", async () => {
    const result = await evaluate({
      ...remote(),
      function: () => {
        throw new Error("always");
      },
      dataset: rows,
    });
    expect(result.status).toBe("failed");
    expect((await client.runs.get(result.runId)).evaluation.status).toBe("failed");
  });

  it("cancels on an aborted signal, keeps what finished, and resumes with the same runId", async () => {
    const controller = new AbortController();
    const data = Array.from({ length: 12 }, (_, i) => ({
      inputs: { q: `q${i}` },
      ground_truth: { answer: `Q${i}` },
    }));
    let calls = 0;
    const cancelled = await evaluate({
      ...remote(),
      maxConcurrency: 2,
      repetitions: 2,
      function: async (inputs, ctx) => {
        calls++;
        if (calls === 5) {
          controller.abort();
          // an in-flight datapoint is given up on at once; it honours the signal anyway
          await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
        }
        return upper(inputs);
      },
      dataset: data,
      evaluators: [exact],
      signal: controller.signal,
    });
    expect(cancelled.status).toBe("cancelled");
    const finished = cancelled.datapoints.length;
    expect(finished).toBeGreaterThan(0);
    expect(finished).toBeLessThan(24);
    expect(cancelled.datapoints.every((d) => d.error === undefined && d.passed === true)).toBe(true);
    const run = (await client.runs.get(cancelled.runId)).evaluation;
    expect(run.status).toBe("cancelled");
    expect(new Set(run.session_ids)).toEqual(new Set(cancelled.datapoints.map((d) => d.sessionId)));

    let resumedCalls = 0;
    const resumed = await evaluate({
      ...remote(),
      runId: cancelled.runId,
      repetitions: 2,
      function: (inputs) => {
        resumedCalls++;
        return upper(inputs);
      },
      dataset: data,
      evaluators: [exact],
    });
    expect(resumed.runId).toBe(cancelled.runId);
    expect(resumed.status).toBe("completed");
    expect(resumedCalls).toBe(24 - finished);
    expect(resumed.datapoints).toHaveLength(24);
    expect(resumed.datapoints.filter((d) => d.resumed)).toHaveLength(finished);
    expect(resumed.passed).toBe(24);
    const keys = new Set(resumed.datapoints.map((d) => `${d.datapointId}#${d.repetition}`));
    expect(keys.size).toBe(24);
    const final = (await client.runs.get(cancelled.runId)).evaluation;
    expect(final.status).toBe("completed");
    expect(final.session_ids).toHaveLength(24);
    // one entry per session: 12 datapoints × 2 repetitions
    expect((await client.runs.result(cancelled.runId)).passed).toHaveLength(24);
  });

  it("cancels on SIGINT and removes its handler afterwards", async () => {
    const before = process.listenerCount("SIGINT");
    let calls = 0;
    const result = await evaluate({
      ...remote(),
      maxConcurrency: 1,
      function: (inputs) => {
        calls++;
        if (calls === 2) process.emit("SIGINT");
        return upper(inputs);
      },
      dataset: rows,
    });
    expect(result.status).toBe("cancelled");
    expect(calls).toBe(2);
    expect(process.listenerCount("SIGINT")).toBe(before);
  });

  it("rejects a runId the server does not know", async () => {
    await expect(
      evaluate({ ...remote(), runId: "no-such-run", function: upper, dataset: rows }),
    ).rejects.toThrow(/run no-such-run not found/);
  });

  it("compareRuns: the server's comparison of two runs where an evaluator improves", async () => {
    const grade = ({ output, expected }: { output: unknown; expected: unknown }) =>
      (output as { answer: string }).answer === (expected as { answer: string }).answer ? 1 : 0;
    const old = await evaluate({
      ...remote(),
      name: "old",
      function: (inputs) => (inputs["q"] === "a" ? upper(inputs) : { answer: "?" }),
      dataset: rows,
      evaluators: [grade],
    });
    const next = await evaluate({
      ...remote(),
      name: "new",
      function: upper,
      dataset: rows,
      evaluators: [grade],
    });
    const comparison = await compareRuns(next.runId, old.runId, { apiKey: srv.key, serverUrl: srv.url });
    expect(comparison.commonDatapoints).toHaveLength(4);
    const metric = comparison.metrics.find((m) => m.metric_name === "grade")!;
    expect(metric).toMatchObject({
      old_aggregate: 0.25,
      new_aggregate: 0.75,
      improved_count: 2,
      same_count: 2,
    });
    const table = formatComparison(comparison);
    expect(table).toContain("grade");
    expect(table).toContain("+0.5");
  });
});

import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, startTestServer, type TestServer } from "../../server/test/helpers.js";
import { cli, cliJson, jsonError, jsonLines } from "./cli-helpers.js";

type Http = ReturnType<typeof api>;

/** Datapoints as the content they carry, without server-assigned ids, in a stable order. */
const content = (rows: any[]) =>
  rows
    .map((r) => ({
      inputs: r.inputs,
      ground_truth: r.ground_truth,
      metadata: r.metadata,
      history: r.history,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** A session evaluated for a run: the session carries the datapoint and a score. */
async function evaluated(http: Http, datapoint: string, score: number): Promise<string> {
  const sessionId = randomUUID();
  const start = await http.post("/session/start", {
    session: { session_id: sessionId, session_name: "eval", metadata: { datapoint_id: datapoint } },
  });
  expect(start.status).toBe(200);
  expect((await http.put("/events", { event_id: sessionId, metrics: { score } })).status).toBe(200);
  return sessionId;
}

for (const backend of await backends()) {
  describe(`honeyhive datasets, events and runs (${backend})`, () => {
    let server: TestServer;
    let env: Record<string, string>;
    let http: Http;
    let dir: string;

    beforeAll(async () => {
      server = await startTestServer(backend);
      env = { HH_API_URL: server.url, HH_API_KEY: server.key };
      http = api(server.url, server.key);
      dir = await mkdtemp(join(tmpdir(), "hh-cli-data-"));
    });
    afterAll(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it("creates and lists datasets", async () => {
      const made = await cliJson(["datasets", "create", "empty-set", "--description", "nothing yet"], env);
      expect(made).toMatchObject({ name: "empty-set", description: "nothing yet" });
      const listed = await cliJson<{ id: string; name: string }[]>(["datasets", "list"], env);
      expect(listed.map((d) => d.name)).toContain("empty-set");
      const human = await cli(["datasets", "list"], env);
      expect(human.stdout).toMatch(/^ID\s+NAME\s+POINTS/m);
      const target = join(dir, "never.jsonl");
      const missing = await cli(["datasets", "export", "no-such-set", "-o", target], env);
      expect(missing.code).toBe(4);
      expect(missing.stderr).toContain("--create");
      expect(existsSync(target) || existsSync(`${target}.partial`)).toBe(false);
    });

    it("round-trips a JSONL dataset through import and export, reporting bad lines", async () => {
      const source = join(dir, "qa.jsonl");
      await writeFile(
        source,
        [
          JSON.stringify({ question: "capital of France?", context: "geo", answer: "Paris", tag: "easy" }),
          "this line is not json",
          JSON.stringify({ question: "2+2", context: "math", answer: "4", tag: "easy" }),
        ].join("\n"),
      );
      const args = ["datasets", "import", "qa", source, "--create", "--inputs", "question,context"];
      const imported = await cli([...args, "--ground-truth", "answer", "--json"], env);
      expect(imported.code).toBe(6);
      const result = JSON.parse(imported.stdout);
      expect(result).toMatchObject({ dataset: "qa", imported: 2, failed: 1 });
      expect(result.errors[0].line).toBe(2);
      expect(imported.stderr).toContain("created dataset qa");

      const exported = join(dir, "qa-out.jsonl");
      const summary = await cliJson(["datasets", "export", "qa", "-o", exported], env);
      expect(summary).toMatchObject({ format: "jsonl", output: exported });
      const rows = jsonLines(await readFile(exported, "utf8"));
      expect(content(rows)).toEqual(
        content([
          {
            inputs: { question: "capital of France?", context: "geo" },
            ground_truth: { answer: "Paris" },
            metadata: { tag: "easy" },
            history: [],
          },
          {
            inputs: { question: "2+2", context: "math" },
            ground_truth: { answer: "4" },
            metadata: { tag: "easy" },
            history: [],
          },
        ]),
      );
      // The export reads back (by name, no mapping) to the same datapoints.
      const again = await cli(["datasets", "import", "qa-copy", exported, "--create", "--quiet"], env);
      expect(again.code).toBe(0);
      expect(again.stderr).toBe("");
      expect(again.stdout).toContain("imported 2 rows into qa-copy");
      const copy = await cli(["datasets", "export", "qa-copy"], env);
      expect(copy.code).toBe(0);
      expect(content(jsonLines(copy.stdout))).toEqual(content(rows));
    });

    it("round-trips a CSV dataset", async () => {
      const source = join(dir, "faq.csv");
      await writeFile(source, 'q,a,note\n"Hello, world?",hi,"said ""twice"""\nbye?,see you,\n');
      const imported = await cliJson(
        ["datasets", "import", "faq", source, "--create", "--inputs", "q", "--ground-truth", "a"],
        env,
      );
      expect(imported).toMatchObject({ imported: 2, failed: 0 });
      const csvOut = join(dir, "faq-out.csv");
      const exported = await cli(["datasets", "export", "faq", "--output", csvOut], env);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toContain(`to ${csvOut}`);
      const text = await readFile(csvOut, "utf8");
      expect(text.split(/\r?\n/)[0]).toContain("inputs.q");
      expect(text).toContain('"Hello, world?"');
      await cliJson(["datasets", "import", "faq-copy", csvOut, "--create"], env);
      const [a, b] = await Promise.all([
        cli(["datasets", "export", "faq", "--format", "jsonl"], env),
        cli(["datasets", "export", "faq-copy", "--format", "jsonl"], env),
      ]);
      const original = content(jsonLines(a.stdout));
      expect(original).toContainEqual({
        inputs: { q: "Hello, world?" },
        ground_truth: { a: "hi" },
        metadata: { note: 'said "twice"' },
        history: [],
      });
      expect(content(jsonLines(b.stdout))).toEqual(original);
    });

    it("exports events as JSONL and CSV with filters, paging through every page", async () => {
      const session = randomUUID();
      const now = Date.now();
      const events = Array.from({ length: 7 }, (_, i) => ({
        session_id: session,
        event_type: i % 2 === 0 ? "model" : "tool",
        event_name: `step-${i}`,
        inputs: { i },
        metadata: { cost: i / 10, user: { tier: i < 3 ? "free" : "pro" } },
        start_time: now - (7 - i) * 1000,
        duration: 5,
      }));
      const batch = await http.post("/events/batch", { events });
      expect(batch.status).toBe(200);
      const other = await http.post("/events", {
        event: { event_type: "tool", event_name: "old", start_time: now - 3 * 86_400_000, duration: 1 },
      });
      expect(other.status).toBe(200);

      const all = await cli(["events", "export", "--session", session, "--page-size", "2"], env);
      expect(all.code).toBe(0);
      const paged = jsonLines(all.stdout);
      expect(paged.filter((e) => e.event_type !== "session").map((e) => e.event_name)).toEqual(
        events.map((e) => e.event_name),
      );
      expect(new Set(paged.map((e) => e.event_id)).size).toBe(paged.length);
      expect(all.stderr).toMatch(/exported \d+ events \(jsonl\) to stdout/);

      const pricey = await cli(
        ["events", "export", "--filter", "metadata.cost>0.35", "--event-type", "model"],
        env,
      );
      expect(jsonLines(pricey.stdout).map((e) => e.event_name)).toEqual(["step-4", "step-6"]);
      const byName = await cli(["events", "export", "--filter", "event_name=step-3", "--quiet"], env);
      expect(jsonLines(byName.stdout).map((e) => e.event_name)).toEqual(["step-3"]);
      expect(byName.stderr).toBe("");
      const nested = await cli(
        ["events", "export", "--filter", "metadata.user.tier=pro", "--filter", "event_name!=step-3"],
        env,
      );
      expect(jsonLines(nested.stdout).map((e) => e.event_name)).toEqual(["step-4", "step-5", "step-6"]);
      const recent = await cli(["events", "export", "--since", "1d", "--event-type", "tool"], env);
      expect(jsonLines(recent.stdout).map((e) => e.event_name)).not.toContain("old");
      const older = await cli(["events", "export", "--until", "2d", "--event-type", "tool"], env);
      expect(jsonLines(older.stdout).map((e) => e.event_name)).toEqual(["old"]);
      const limited = await cli(
        ["events", "export", "--session", session, "--event-type", "model", "--limit", "3"],
        env,
      );
      expect(jsonLines(limited.stdout)).toHaveLength(3);

      const csvFile = join(dir, "events.csv");
      const summary = await cliJson(
        ["events", "export", "--format", "csv", "--session", session, "--event-type", "tool", "-o", csvFile],
        env,
      );
      expect(summary).toMatchObject({ format: "csv", rows: 3, output: csvFile });
      const [header, ...lines] = (await readFile(csvFile, "utf8")).trim().split("\r\n");
      const columns = header!.split(",");
      expect(columns).toEqual(
        expect.arrayContaining(["event_name", "metadata.cost", "metadata.user.tier", "inputs.i"]),
      );
      const row = lines
        .map((l) => l.split(","))
        .find((cells) => cells[columns.indexOf("event_name")] === "step-5")!;
      expect(row[columns.indexOf("metadata.user.tier")]).toBe("pro");
      expect(row[columns.indexOf("metadata.cost")]).toBe("0.5");

      const picked = await cli(
        [
          "events",
          "export",
          "-f",
          "csv",
          "--session",
          session,
          "--event-type",
          "model",
          "--fields",
          "event_name,metadata.cost",
        ],
        env,
      );
      expect(picked.stdout.trim().split("\r\n")).toEqual([
        "event_name,metadata.cost",
        "step-0,0",
        "step-2,0.2",
        "step-4,0.4",
        "step-6,0.6",
      ]);
      const refused = await cli(["events", "export", "--filter", "nosuchfield=1", "--json"], env);
      expect(refused.code).toBe(6);
      expect(jsonError(refused).code).toBe("HH_E_INVALID_FILTER");
      expect(refused.stdout).toBe("");
    });

    it("lists runs, shows results and compares two runs", async () => {
      const metric = await http.post("/metrics", {
        name: "score",
        type: "custom",
        description: "",
        return_type: "float",
        threshold: { min: 0.5 },
      });
      expect(metric.status).toBe(200);
      const baselineSessions = [await evaluated(http, "dp1", 0.4), await evaluated(http, "dp2", 0.9)];
      const candidateSessions = [await evaluated(http, "dp1", 0.8), await evaluated(http, "dp2", 0.9)];
      const baseline = (
        await http.post("/v1/runs", { name: "baseline", session_ids: baselineSessions, status: "completed" })
      ).body.run_id;
      const candidate = (
        await http.post("/v1/runs", {
          name: "candidate",
          session_ids: candidateSessions,
          status: "completed",
        })
      ).body.run_id;

      const runs = await cliJson<{ run_id: string; name: string }[]>(["runs", "list"], env);
      expect(runs.map((r) => r.name)).toEqual(["candidate", "baseline"]);
      const byName = await cliJson<{ name: string }[]>(
        ["runs", "list", "--name", "base", "--status", "completed"],
        env,
      );
      expect(byName.map((r) => r.name)).toEqual(["baseline"]);
      expect((await cli(["runs", "list", "--status", "finished"], env)).code).toBe(2);

      const shown = await cliJson(["runs", "show", baseline], env);
      expect(shown).toMatchObject({ run_id: baseline, success: false, passed: ["dp2"], failed: ["dp1"] });
      const human = await cli(["runs", "show", baseline, "--aggregate", "max"], env);
      expect(human.stdout).toContain("result: FAIL");
      expect(human.stdout).toMatch(/score\s+eval\s+0\.9000/);
      expect(human.stdout).toContain("failed datapoints: dp1");

      const compared = await cliJson(["runs", "compare", candidate, baseline], env);
      const score = compared.metrics.find((m: { metric_name: string }) => m.metric_name === "score");
      expect(score).toMatchObject({
        improved_count: 1,
        same_count: 1,
        degraded_count: 0,
        verdict: "improved",
      });
      const table = await cli(["runs", "compare", candidate, baseline], env);
      expect(table.stdout).toContain("2 common datapoints");
      expect(table.stdout).toMatch(/score\s+eval\s+0\.6500\s+0\.8500\s+1\s+0\s+1\s+improved/);
      const missing = await cli(["runs", "show", "no-such-run"], env);
      expect(missing.code).toBe(4);
      expect(missing.stderr).toContain("HH_E_NOT_FOUND");
    });
  });
}

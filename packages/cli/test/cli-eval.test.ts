import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { RunComparison, RunMetricComparison } from "@honeyhive-ts/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, startTestServer, type TestServer } from "../../server/test/helpers.js";
import { checkRules, parseRule } from "../src/eval/gate.js";
import { cli, cliJson, jsonError } from "./cli-helpers.js";

const examples = resolve(import.meta.dirname, "../../../examples/evaluation");

describe("regression rules", () => {
  it("parse a metric with an absolute or relative tolerance", () => {
    expect(parseRule("accuracy")).toEqual({ metric: "accuracy", tolerance: 0, relative: false });
    expect(parseRule("accuracy:0.05")).toEqual({ metric: "accuracy", tolerance: 0.05, relative: false });
    expect(parseRule("latency_ms:5%")).toEqual({ metric: "latency_ms", tolerance: 5, relative: true });
    expect(parseRule("judge:tone")).toEqual({ metric: "judge:tone", tolerance: 0, relative: false });
    expect(() => parseRule("accuracy:-1")).toThrow(/>= 0/);
    expect(() => parseRule(":0.1")).toThrow(/names no metric/);
  });

  const metric = (
    name: string,
    old: number | null,
    now: number | null,
    lower = false,
  ): RunMetricComparison => ({
    metric_name: name,
    event_name: "session",
    metric_type: null,
    lower_is_better: lower,
    old_aggregate: old,
    new_aggregate: now,
    improved_count: 0,
    degraded_count: 0,
    same_count: 0,
    improved: [],
    degraded: [],
    same: [],
  });
  const comparison = (...metrics: RunMetricComparison[]): RunComparison => ({
    new_run_id: "new",
    old_run_id: "old",
    aggregate_function: "average",
    commonDatapoints: [],
    only_in_new: [],
    only_in_old: [],
    only_in_new_count: 0,
    only_in_old_count: 0,
    metrics,
  });
  const statuses = (c: RunComparison, ...specs: string[]) =>
    checkRules(c, specs.map(parseRule)).map((k) => `${k.metric}:${k.status}`);

  it("fail a metric that got worse beyond its tolerance, in the metric's direction", () => {
    const c = comparison(
      metric("accuracy", 0.9, 0.8),
      metric("latency", 100, 104, true),
      metric("cost", 1, 0.5, true),
      metric("sum", 0.3, 0.1 + 0.2),
    );
    expect(statuses(c, "accuracy", "accuracy:0.1", "accuracy:0.05", "accuracy:20%")).toEqual([
      "accuracy:regressed",
      "accuracy:ok",
      "accuracy:regressed",
      "accuracy:ok",
    ]);
    expect(statuses(c, "latency", "latency:5%", "latency:3%", "cost", "sum")).toEqual([
      "latency:regressed",
      "latency:ok",
      "latency:regressed",
      "cost:ok",
      "sum:ok",
    ]);
  });

  it("never pass a metric it cannot check", () => {
    const c = comparison(metric("accuracy", null, 0.8));
    expect(statuses(c, "accuracy", "typo")).toEqual(["accuracy:missing", "typo:missing"]);
  });
});

/**
 * An evaluation file whose answers are right for the first `GOOD` datapoints
 * (env, default all): runs of different quality over the same inline dataset.
 * It imports a local TypeScript helper, which the CLI bundles in.
 */
const GATED_TS = `
import type { EvaluateOptions } from "@honeyhive-ts/sdk";
import { questions } from "./questions.ts";

const good = Number(process.env["GOOD"] ?? questions.length);

export default {
  name: "gated",
  dataset: questions.map((q, i) => ({ inputs: { q, i }, ground_truth: q.toUpperCase() })),
  function: ({ q, i }: Record<string, unknown>) => (Number(i) < good ? String(q).toUpperCase() : "?"),
  evaluators: [
    function accuracy({ output, expected }) {
      return output === expected ? 1 : 0;
    },
    function length({ output }) {
      return String(output).length;
    },
  ],
} satisfies EvaluateOptions;
`;

const QUESTIONS_TS = `export const questions: string[] = ["alpha", "beta", "gamma", "delta"];\n`;

for (const backend of await backends()) {
  describe(`honeyhive eval (${backend})`, () => {
    let server: TestServer;
    let env: Record<string, string>;
    let dir: string;
    const file = (name: string) => join(dir, name);

    beforeAll(async () => {
      server = await startTestServer(backend);
      env = { HH_API_URL: server.url, HH_API_KEY: server.key };
      dir = await mkdtemp(join(tmpdir(), "hh-cli-eval-"));
      await writeFile(file("gated.eval.ts"), GATED_TS);
      await writeFile(file("questions.ts"), QUESTIONS_TS);
    });
    afterAll(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it("runs the JavaScript example and prints the ExperimentResult with --json", async () => {
      const r = await cliJson(["eval", join(examples, "ticket-router.eval.mjs")], env);
      expect(r).toMatchObject({ name: "ticket-router", status: "completed", errors: 0 });
      expect(r.datapoints).toHaveLength(4);
      const down = r.datapoints.find((d: any) => d.inputs.ticket.startsWith("Site is down"));
      expect(JSON.parse(down.output)).toEqual({ team: "support", urgent: true });
      const scores = Object.fromEntries(down.evaluations.map((e: any) => [e.name, e.score]));
      expect(scores).toMatchObject({ json_valid: true, json_schema: true, rightTeam: 0 });
      const stored = await cliJson(["runs", "show", r.runId], env);
      expect(stored).toMatchObject({ run_id: r.runId, status: "completed" });
    });

    it("runs the TypeScript example and prints the summary, the run id and how to see it", async () => {
      const r = await cli(["eval", join(examples, "capitals.eval.ts"), "--name", "capitals-ci"], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("exact_match");
      const runId = /^run (\S+) \(completed\)$/m.exec(r.stdout)?.[1];
      expect(runId).toBeDefined();
      expect(r.stdout).toContain(`honeyhive runs show ${runId}`);
      const runs = await cliJson<{ run_id: string; name: string }[]>(
        ["runs", "list", "--name", "capitals-ci"],
        env,
      );
      expect(runs.map((x) => x.run_id)).toEqual([runId]);
    });

    it("gates a worse run on the baseline and passes a better one", async () => {
      const gated = file("gated.eval.ts");
      const baseline = await cliJson(
        ["eval", gated, "--baseline", "last", "--fail-on-regression", "accuracy"],
        {
          ...env,
          GOOD: "3",
        },
      );
      expect(baseline.gate).toMatchObject({ baseline: null, passed: true });
      expect(baseline.gate.skipped).toContain("nothing to compare");

      const worse = await cli(
        [
          "eval",
          gated,
          "--baseline",
          "last",
          "--fail-on-regression",
          "accuracy:0.1",
          "--max-concurrency",
          "2",
        ],
        { ...env, GOOD: "1" },
      );
      expect(worse.code).toBe(8);
      expect(worse.stderr).toContain("HH_E_REGRESSION");
      expect(worse.stderr).toMatch(/accuracy \(\S+\) regressed: 0\.7500 -> 0\.2500/);
      expect(worse.stdout).toContain(`vs baseline ${baseline.runId}`);
      expect(worse.stdout).toMatch(
        /^accuracy\s.*\s0\.7500\s+0\.2500\s+0\s+2\s+2\s+degraded\s+-0\.5000\s+higher\s+0\.1000\s+REGRESSED$/m,
      );
      const worseId = /^run (\S+) \(completed\)$/m.exec(worse.stdout)![1]!;

      const tolerated = await cli(
        ["eval", gated, "--baseline", baseline.runId, "--fail-on-regression", "accuracy:70%"],
        {
          ...env,
          GOOD: "1",
        },
      );
      expect(tolerated.code).toBe(0);

      const better = await cli(
        ["eval", gated, "--baseline", worseId, "--fail-on-regression", "accuracy", "--json"],
        env,
      );
      expect(better.code).toBe(0);
      const doc = JSON.parse(better.stdout);
      expect(doc.gate.checks).toEqual([
        expect.objectContaining({ metric: "accuracy", baseline: 0.25, run: 1, status: "ok" }),
      ]);

      // the same better run fails when the metric is declared lower-is-better, and a typo never passes
      const inverted = await cli(
        [
          "eval",
          gated,
          "--baseline",
          worseId,
          "--fail-on-regression",
          "accuracy",
          "--lower-is-better",
          "accuracy",
        ],
        env,
      );
      expect(inverted.code).toBe(8);
      expect(inverted.stderr).toContain("lower is better");
      const typo = await cli(
        ["eval", gated, "--baseline", worseId, "--fail-on-regression", "acuracy", "--json"],
        env,
      );
      expect(typo.code).toBe(8);
      expect(jsonError(typo).hint).toContain("acuracy: not in both runs");
    });

    it("runs every experiment of an exported array, each named and compared on its own", async () => {
      await writeFile(
        file("two.eval.mjs"),
        `const dataset = [{ inputs: { n: 2 } }, { inputs: { n: 3 } }];
export default [1, 2].map((k) => ({ dataset, function: ({ n }) => n * k, evaluators: [({ output }) => output] }));
`,
      );
      const first = await cliJson(["eval", file("two.eval.mjs"), "--name", "pair"], env);
      expect(first.map((r: any) => [r.name, r.metrics[0].aggregate])).toEqual([
        ["pair-1", 2.5],
        ["pair-2", 5],
      ]);
      // `last` never picks a run of the same invocation: both compare with pair-2 of the first one
      const again = await cliJson(["eval", file("two.eval.mjs"), "--baseline", "last"], env);
      expect(again.map((r: any) => r.gate.baseline)).toEqual([first[1].runId, first[1].runId]);
      const one = await cli(["eval", file("two.eval.mjs"), "--baseline", first[0].runId], env);
      expect(one.code).toBe(2);
      expect(one.stderr).toContain("use `last`");
    });

    it("runs a file that calls evaluate() itself, on the CLI's server, and gates its run", async () => {
      await writeFile(
        file("self.eval.mjs"),
        `import { evaluate } from "@honeyhive-ts/sdk";
await evaluate({
  name: "self-run",
  dataset: [{ inputs: { n: 1 } }, { inputs: { n: 4 } }],
  function: ({ n }) => n * 10,
  evaluators: [function score({ output }) { return output; }],
  print: false,
});
`,
      );
      const result = await cliJson(["eval", file("self.eval.mjs"), "--json"], env);
      expect([result.name, result.status, result.metrics[0].aggregate]).toEqual([
        "self-run",
        "completed",
        25,
      ]);
      const shown = await cliJson(["runs", "show", result.runId, "--json"], env);
      expect(shown.metrics.details.map((d: any) => [d.metric_name, d.aggregate])).toEqual([["score", 25]]);
      const gated = await cli(
        ["eval", file("self.eval.mjs"), "--baseline", result.runId, "--fail-on-regression", "score"],
        env,
      );
      expect(gated.code).toBe(0);
    });

    it("reports files it cannot run with the file, the line and an exit code", async () => {
      await writeFile(file("broken.eval.ts"), "export default {\n  function: (x) => x,,\n};\n");
      const broken = await cli(["eval", file("broken.eval.ts")], env);
      expect(broken.code).toBe(6);
      expect(broken.stderr).toContain("HH_E_EVAL_FILE");
      expect(broken.stderr).toMatch(/broken\.eval\.ts:2:\d+: /);

      await writeFile(file("nothing.eval.mjs"), "export default { dataset: [] };\n");
      const nothing = await cli(["eval", file("nothing.eval.mjs"), "--json"], env);
      expect(nothing.code).toBe(6);
      expect(jsonError(nothing).message).toContain("not evaluate() options");

      await writeFile(file("throws.eval.mjs"), "throw new Error('no dataset configured');\n");
      const throws = await cli(["eval", file("throws.eval.mjs")], env);
      expect(throws.code).toBe(1);
      expect(throws.stderr).toContain("no dataset configured");

      const missing = await cli(["eval", file("absent.eval.ts")], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("no such file");
      expect((await cli(["eval", file("notes.txt")], env)).code).toBe(2);
      const noBaseline = await cli(["eval", file("gated.eval.ts"), "--fail-on-regression", "accuracy"], env);
      expect(noBaseline.code).toBe(2);
      expect(noBaseline.stderr).toContain("needs --baseline");
    });
  });
}

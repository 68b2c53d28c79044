import { type ExperimentResult, recentExperiments } from "@honeyhive-ts/sdk";
import { type CommandSpec, intOption, list, str, type Values } from "../cli/command.js";
import { compareOptions, compareQuery, comparisonHeading, comparisonTable } from "../cli/comparison.js";
import { EXIT, UsageError } from "../cli/errors.js";
import type { Output } from "../cli/output.js";
import { type GateReport, gate } from "../eval/baseline.js";
import { experimentsOf, runExperiments } from "../eval/experiments.js";
import { EXIT_REGRESSION, failureLines, gateColumns, parseRule, type RegressionRule } from "../eval/gate.js";
import { type LoadedFile, loadEvalFile } from "../eval/load.js";
import { type Remote, withRemote } from "../remote.js";

/** Exit code when the run was cancelled (Ctrl-C): 128 + SIGINT, as shells report it. */
const EXIT_CANCELLED = 130;

interface EvalSettings {
  name: string | undefined;
  maxConcurrency: number | undefined;
  baseline: string | undefined;
  rules: RegressionRule[];
  query: ReturnType<typeof compareQuery>;
  usage: string;
}

function settingsOf(values: Values, usage: string): EvalSettings {
  const rules = list(values, "fail-on-regression").map((spec) => {
    try {
      return parseRule(spec);
    } catch (err) {
      throw new UsageError(`--fail-on-regression ${(err as Error).message}`, usage);
    }
  });
  const baseline = str(values, "baseline");
  if (rules.length > 0 && baseline === undefined) {
    throw new UsageError("--fail-on-regression needs --baseline <run|last>", usage);
  }
  return {
    name: str(values, "name"),
    maxConcurrency: intOption(values, "max-concurrency", usage),
    baseline,
    rules,
    query: compareQuery(values, usage),
    usage,
  };
}

/**
 * With --json, stdout carries the result document only: whatever the file
 * prints (console.log, progress) goes to stderr while it runs.
 */
function stdoutToStderr(): () => void {
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof write;
  return () => {
    process.stdout.write = write;
  };
}

/** Loads the file, runs its experiments and compares each with its baseline. */
async function evaluateFile(
  remote: Remote,
  path: string,
  s: EvalSettings,
  json: boolean,
): Promise<{ results: ExperimentResult[]; gates: GateReport[] }> {
  const restore = json ? stdoutToStderr() : () => {};
  let loaded: LoadedFile | undefined;
  try {
    // A file may call evaluate() itself: it then reads the server and key from the environment.
    process.env["HH_API_URL"] = remote.target.url;
    process.env["HH_API_KEY"] = remote.target.key;
    const before = recentExperiments().length;
    loaded = await loadEvalFile(path);
    const ran = loaded.module["default"] === undefined ? [...recentExperiments().slice(before)] : [];
    const experiments = ran.length > 0 ? [] : experimentsOf(loaded);
    if (s.baseline !== undefined && s.baseline !== "last" && experiments.length + ran.length > 1) {
      throw new UsageError(
        "--baseline <run-id> compares one run; use `last` when the file has several",
        s.usage,
      );
    }
    const results =
      ran.length > 0
        ? ran
        : await runExperiments(experiments, {
            name: s.name,
            maxConcurrency: s.maxConcurrency,
            target: remote.target,
          });
    const gates: GateReport[] = [];
    if (s.baseline !== undefined) {
      const spec = { baseline: s.baseline, rules: s.rules, query: s.query };
      const ours = results.map((r) => r.runId);
      for (const r of results) gates.push(await gate(remote, r, spec, ours));
    }
    return { results, gates };
  } finally {
    restore();
    await loaded?.cleanup();
  }
}

/** The human report of one experiment: its summary, where to see it, and its comparison. */
function report(r: ExperimentResult, g: GateReport | undefined, serverUrl: string): string {
  const lines = [r.summary.trimEnd(), "", `run ${r.runId} (${r.status})`];
  lines.push(`  see it: honeyhive runs show ${r.runId}   (${serverUrl}/v1/runs/${r.runId}/result)`);
  if (g?.skipped) lines.push("", `baseline: ${g.skipped}`);
  if (g?.comparison) {
    const table = comparisonTable(g.comparison.metrics, g.checks.length ? gateColumns(g.checks) : []);
    lines.push("", comparisonHeading(g.comparison), "", table);
  }
  return lines.join("\n");
}

/** Regressions go to stderr even with --quiet: they are why the command fails. */
function reportRegressions(out: Output, results: ExperimentResult[], gates: GateReport[]): void {
  gates.forEach((g, i) => {
    const failures = failureLines(g.checks);
    if (failures.length === 0) return;
    const message = `run ${results[i]!.runId} regressed against baseline ${g.baseline}`;
    if (out.json) {
      const error = { code: "HH_E_REGRESSION", message, hint: failures.join("; ") };
      out.stderr.write(`${JSON.stringify({ error })}\n`);
    } else {
      out.stderr.write(`honeyhive: HH_E_REGRESSION: ${message}\n${failures.map((f) => `  ${f}\n`).join("")}`);
    }
  });
}

function exitCode(results: ExperimentResult[], gates: GateReport[]): number {
  if (results.some((r) => r.status === "cancelled")) return EXIT_CANCELLED;
  if (results.some((r) => r.status === "failed")) return EXIT.failure;
  return gates.every((g) => g.passed) ? EXIT.ok : EXIT_REGRESSION;
}

export const evalCommand: CommandSpec = {
  name: "eval",
  args: "<file>",
  positionals: { min: 1 },
  summary: "Run an evaluation file (TypeScript or JavaScript); gate on regressions against a baseline",
  details: [
    "The file default-exports evaluate() options, or an array of them (run one after another).",
    "It is bundled with esbuild into a temp file; `@honeyhive-ts/sdk` resolves to this CLI's SDK.",
    "",
    "With --baseline, each run is compared with the baseline run (`last`: the most recent completed",
    "run over the same dataset; none yet: the gate passes). --fail-on-regression <metric>[:tolerance]",
    "fails when the metric's aggregate got worse than the baseline's by more than the tolerance",
    "(absolute, or `5%` of the baseline; default 0). Higher is better unless the comparison says",
    "lower is better (the metric's definition, or --lower-is-better).",
    "",
    `Exit ${EXIT_REGRESSION}: a gated metric regressed, or is missing from either run.`,
    `Exit 1: a run failed. Exit ${EXIT_CANCELLED}: cancelled (Ctrl-C); the run keeps what finished.`,
    "Exit 6: the file does not compile or its default export is not evaluate() options.",
  ].join("\n"),
  options: {
    name: { type: "string", value: "<name>", description: "Name of the run (several: suffixed -1, -2, ...)" },
    "max-concurrency": {
      type: "string",
      value: "<n>",
      description: "Datapoints evaluated at once (overrides the file's maxConcurrency)",
    },
    baseline: {
      type: "string",
      value: "<run|last>",
      description: "Compare with this run id, or the last completed run over the same dataset",
    },
    "fail-on-regression": {
      type: "string",
      value: "<metric[:tol]>",
      multiple: true,
      description: `Exit ${EXIT_REGRESSION} when the metric regressed beyond the tolerance (0.05, or 5%)`,
    },
    ...compareOptions,
  },
  examples: [
    "honeyhive eval evals/qa.eval.ts",
    "honeyhive eval evals/qa.eval.ts --baseline last --fail-on-regression accuracy:0.02 --fail-on-regression latency:10%",
    "honeyhive eval evals/qa.eval.mjs --json > result.json",
  ],
  async run({ values, positionals, out, usage }) {
    const settings = settingsOf(values, usage);
    return withRemote({ values }, async (remote) => {
      const { results, gates } = await evaluateFile(remote, positionals[0]!, settings, out.json);
      const docs = results.map((r, i) => (gates[i] ? { ...r, gate: gates[i] } : r));
      out.result(docs.length === 1 ? docs[0] : docs, () =>
        results.map((r, i) => report(r, gates[i], remote.target.url)).join("\n\n"),
      );
      reportRegressions(out, results, gates);
      return exitCode(results, gates);
    });
  },
};

import type { RunMetricComparison } from "@honeyhive-ts/sdk";
import { type CommandSpec, type GroupSpec, intOption, str, type Values } from "../cli/command.js";
import { UsageError } from "../cli/errors.js";
import { isoDate, table } from "../cli/output.js";
import { withRemote } from "../remote.js";

const AGGREGATES = ["average", "min", "max", "median", "p90", "p95", "p99", "sum", "count"] as const;
type Aggregate = (typeof AGGREGATES)[number];
const STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
type Status = (typeof STATUSES)[number];

/** A string option that must be one of `allowed`. */
function oneOf<T extends string>(
  values: Values,
  name: string,
  allowed: readonly T[],
  usage: string,
): T | undefined {
  const v = str(values, name);
  if (v !== undefined && !(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} ${v}: use one of ${allowed.join(", ")}`, usage);
  }
  return v as T | undefined;
}

const aggregateOf = (values: Values, usage: string) =>
  oneOf<Aggregate>(values, "aggregate", AGGREGATES, usage);
const statusOf = (values: Values, usage: string) => oneOf<Status>(values, "status", STATUSES, usage);

const aggregateOption = {
  aggregate: {
    type: "string" as const,
    value: "<fn>",
    description: `Aggregate function: ${AGGREGATES.join(", ")} (default average)`,
  },
};

const num = (v: number | null | undefined): string =>
  v === null || v === undefined ? "-" : Number.isInteger(v) ? String(v) : v.toFixed(4);

const list: CommandSpec = {
  name: "runs list",
  summary: "List evaluation runs (newest first)",
  options: {
    dataset: { type: "string", value: "<id>", description: "Only runs of this dataset" },
    status: {
      type: "string",
      value: "<status>",
      description: "pending, running, completed, failed or cancelled",
    },
    name: { type: "string", value: "<text>", description: "Name contains this text" },
    limit: { type: "string", value: "<n>", description: "At most this many (default 100)" },
  },
  examples: ["honeyhive runs list --status completed --limit 10"],
  async run({ values, out, usage }) {
    const query = {
      dataset_id: str(values, "dataset"),
      status: statusOf(values, usage),
      name: str(values, "name"),
      limit: intOption(values, "limit", usage)?.toString(),
      sort_by: "created_at" as const,
      sort_order: "desc" as const,
    };
    const res = await withRemote({ values }, (r) => r.call((c) => c.runs.list(query)));
    out.result(res.evaluations, () =>
      table(res.evaluations, [
        { header: "id", value: (r) => r.run_id },
        { header: "name", value: (r) => r.name },
        { header: "status", value: (r) => r.status },
        { header: "dataset", value: (r) => r.dataset_id },
        { header: "created", value: (r) => isoDate(r.created_at) },
      ]),
    );
  },
};

const show: CommandSpec = {
  name: "runs show",
  args: "<run-id>",
  positionals: { min: 1 },
  summary: "Show a run's metric aggregates and which datapoints passed or failed",
  details: "Exit code 0 whether the run passed or not; --json gives the whole result for scripts.",
  options: aggregateOption,
  examples: ["honeyhive runs show 7c1e... --aggregate p90"],
  async run({ values, positionals, out, usage }) {
    const query = { aggregate_function: aggregateOf(values, usage) };
    const r = await withRemote({ values }, (remote) =>
      remote.call((c) => c.runs.result(positionals[0]!, query)),
    );
    out.result(r, () =>
      [
        `run ${r.run_id}  status: ${r.status}  result: ${r.success ? "PASS" : "FAIL"}  ` +
          `(${r.passed.length} passed, ${r.failed.length} failed)`,
        "",
        table(
          r.metrics.details,
          [
            { header: "metric", value: (m) => m.metric_name },
            { header: "event", value: (m) => m.event_name },
            { header: r.metrics.aggregation_function, value: (m) => num(m.aggregate) },
            { header: "values", value: (m) => m.values_count },
            { header: "passed", value: (m) => m.passed_count },
            { header: "failed", value: (m) => m.failed_count },
          ],
          "(no metrics)",
        ),
        ...(r.failed.length ? ["", `failed datapoints: ${r.failed.join(", ")}`] : []),
      ].join("\n"),
    );
  },
};

/** improved / degraded / same, from the per-datapoint counts. */
function verdict(m: RunMetricComparison): string {
  if (m.improved_count > m.degraded_count) return "improved";
  if (m.degraded_count > m.improved_count) return "degraded";
  return "same";
}

const compare: CommandSpec = {
  name: "runs compare",
  args: "<run-id> <baseline-run-id>",
  positionals: { min: 2 },
  summary: "Compare a run with a baseline run, metric by metric, over their common datapoints",
  details:
    "For each metric: the two aggregates and how many datapoints improved, degraded or stayed the\n" +
    "same, and a verdict (improved when more datapoints improved than degraded).",
  options: aggregateOption,
  examples: ["honeyhive runs compare <new-run> <old-run>"],
  async run({ values, positionals, out, usage }) {
    const [run, baseline] = positionals as [string, string];
    const query = { aggregate_function: aggregateOf(values, usage) };
    const c = await withRemote({ values }, (remote) =>
      remote.call((client) => client.runs.compare(run, baseline, query)),
    );
    const metrics = c.metrics.map((m) => ({ ...m, verdict: verdict(m) }));
    out.result({ ...c, metrics }, () =>
      [
        `run ${c.new_run_id} vs baseline ${c.old_run_id}: ${c.commonDatapoints.length} common datapoints (${c.aggregate_function})`,
        "",
        table(
          metrics,
          [
            { header: "metric", value: (m) => m.metric_name },
            { header: "event", value: (m) => m.event_name },
            { header: "baseline", value: (m) => num(m.old_aggregate) },
            { header: "run", value: (m) => num(m.new_aggregate) },
            { header: "improved", value: (m) => m.improved_count },
            { header: "degraded", value: (m) => m.degraded_count },
            { header: "same", value: (m) => m.same_count },
            { header: "verdict", value: (m) => m.verdict },
          ],
          "(no common metrics)",
        ),
      ].join("\n"),
    );
  },
};

export const runsGroup: GroupSpec = {
  name: "runs",
  summary: "Inspect evaluation runs (experiments)",
  commands: [list, show, compare],
};

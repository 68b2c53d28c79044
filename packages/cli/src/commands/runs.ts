import { oneOf } from "../cli/choice.js";
import { type CommandSpec, type GroupSpec, intOption, str, type Values } from "../cli/command.js";
import {
  aggregateOf,
  aggregateOption,
  comparedMetrics,
  compareOptions,
  compareQuery,
  comparisonHeading,
  comparisonTable,
  num,
} from "../cli/comparison.js";
import { isoDate, table } from "../cli/output.js";
import { withRemote } from "../remote.js";

const STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
type Status = (typeof STATUSES)[number];

const statusOf = (values: Values, usage: string) => oneOf<Status>(values, "status", STATUSES, usage);

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

const compare: CommandSpec = {
  name: "runs compare",
  args: "<run-id> <baseline-run-id>",
  positionals: { min: 2 },
  summary: "Compare a run with a baseline run, metric by metric, over their common datapoints",
  details:
    "For each metric: the two aggregates and how many datapoints improved, degraded or stayed the\n" +
    "same, a verdict (improved when more datapoints improved than degraded), the change of the\n" +
    "aggregate (run minus baseline) and which direction is better (lower for metrics the server\n" +
    "knows are lower-is-better, e.g. latency or cost).",
  options: compareOptions,
  examples: [
    "honeyhive runs compare <new-run> <old-run>",
    "honeyhive runs compare <new> <old> --lower-is-better latency_ms",
  ],
  async run({ values, positionals, out, usage }) {
    const [run, baseline] = positionals as [string, string];
    const query = compareQuery(values, usage);
    const c = await withRemote({ values }, (remote) =>
      remote.call((client) => client.runs.compare(run, baseline, query)),
    );
    const metrics = comparedMetrics(c);
    out.result({ ...c, metrics }, () => [comparisonHeading(c), "", comparisonTable(metrics)].join("\n"));
  },
};

export const runsGroup: GroupSpec = {
  name: "runs",
  summary: "Inspect evaluation runs (experiments)",
  commands: [list, show, compare],
};

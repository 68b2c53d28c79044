import { type CommandSpec, csvList, intOption, list, str } from "../cli/command.js";
import { UsageError } from "../cli/errors.js";
import { Progress } from "../cli/progress.js";
import { Sink } from "../cli/sink.js";
import { type Remote, withRemote } from "../remote.js";
import { columnsOf, csvLine, csvRow } from "./csv.js";
import { type EventFilter, parseFilter, parseTime } from "./filters.js";

const PAGE_SIZE = 1000;
/** The server's largest page. */
const MAX_PAGE = 10_000;

interface Plan {
  format: "jsonl" | "csv";
  filters: EventFilter[];
  dateRange?: { $gte?: number; $lte?: number };
  fields?: string[];
  limit?: number;
  pageSize: number;
}

/** The command line as a query; every mistake is a usage error naming the option. */
function plan(values: Parameters<CommandSpec["run"]>[0]["values"], usage: string): Plan {
  const format = str(values, "format") ?? "jsonl";
  if (format !== "jsonl" && format !== "csv") {
    throw new UsageError(`--format ${format}: use jsonl or csv`, usage);
  }
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw new UsageError((err as Error).message, usage);
    }
  };
  const filters = list(values, "filter").map((f) => guard(() => parseFilter(f)));
  const eventType = str(values, "event-type");
  if (eventType) filters.push({ field: "event_type", operator: "is", value: eventType, type: "string" });
  const session = str(values, "session");
  if (session) filters.push({ field: "session_id", operator: "is", value: session, type: "string" });
  const since = str(values, "since");
  const until = str(values, "until");
  const limit = intOption(values, "limit", usage);
  const fields = csvList(values, "fields");
  const pageSize = Math.min(intOption(values, "page-size", usage) ?? PAGE_SIZE, limit ?? PAGE_SIZE, MAX_PAGE);
  const p: Plan = { format, filters, pageSize };
  if (since || until) {
    p.dateRange = {};
    if (since) p.dateRange.$gte = guard(() => parseTime(since));
    if (until) p.dateRange.$lte = guard(() => parseTime(until));
  }
  if (limit !== undefined) p.limit = limit;
  if (fields?.length) p.fields = fields;
  return p;
}

export const eventsExport: CommandSpec = {
  name: "events export",
  summary: "Export events as JSON lines or CSV, to a file or stdout",
  details: [
    "Pages through POST /v1/events/export (oldest first) and writes each page as it arrives,",
    "so exports of any size run in constant memory. CSV flattens nested fields into dotted",
    "columns (metadata.cost, inputs.question); the columns are those of the first page, or",
    "--fields. Arrays go into one cell as JSON.",
    "",
    "Filters (several --filter options must all match):",
    "  FIELD=VALUE  is             FIELD!=VALUE  is not",
    "  FIELD>N      greater than   FIELD<N       less than",
    "  FIELD~TEXT   contains       FIELD!~TEXT   does not contain",
    "FIELD is a column (event_name, event_type, session_id, source, duration, ...) or a dotted",
    "path (metadata.cost, inputs.question). Numbers and true/false are typed as such.",
    "",
    "With --output and --json, stdout gets one summary document; without --output the",
    "events themselves are the output.",
  ].join("\n"),
  options: {
    format: {
      type: "string",
      short: "f",
      value: "<jsonl|csv>",
      description: "Output format (default jsonl)",
    },
    output: {
      type: "string",
      short: "o",
      value: "<file>",
      description: "Write to this file (default stdout)",
    },
    filter: {
      type: "string",
      value: "<expr>",
      multiple: true,
      description: "Filter, e.g. 'metadata.cost>0.1'",
    },
    "event-type": {
      type: "string",
      value: "<type>",
      description: "Only this event type (session, model, tool, chain)",
    },
    session: { type: "string", value: "<id>", description: "Only events of this session" },
    since: { type: "string", value: "<time>", description: "Started at or after: ISO date or age (24h, 7d)" },
    until: { type: "string", value: "<time>", description: "Started at or before: ISO date or age" },
    limit: { type: "string", value: "<n>", description: "At most this many events" },
    fields: {
      type: "string",
      value: "<a,b.c>",
      description: "Only these fields (dotted paths); CSV columns in this order",
    },
    "page-size": {
      type: "string",
      value: "<n>",
      description: `Events per request (default ${PAGE_SIZE}, at most ${MAX_PAGE})`,
    },
  },
  examples: [
    "honeyhive events export --format csv -o events.csv --since 24h",
    "honeyhive events export --filter 'metadata.cost>0.1' --event-type model",
    "honeyhive events export --session 3f2a... --fields event_name,duration,outputs",
  ],
  async run({ values, out, usage }) {
    const p = plan(values, usage);
    const sink = new Sink(str(values, "output"));
    const progress = new Progress(out, "exporting events", "rows");
    const { total, columns } = await withRemote({ values }, (remote) =>
      sink.fill((to) => writePages(remote, p, to, progress)),
    );
    progress.done(`exported ${progress.count} events (${p.format}) to ${sink.path ?? "stdout"}`);
    if (out.json && sink.path) {
      out.result({ format: p.format, rows: progress.count, total, output: sink.path, columns }, () => "");
    }
  },
};

/**
 * Pages through POST /v1/events/export oldest first with a fixed page size
 * (the server pages by offset, so the size must not change between pages),
 * writing each row as it comes; CSV columns are fixed by the first page.
 */
async function writePages(remote: Remote, p: Plan, sink: Sink, progress: Progress) {
  let columns: string[] | undefined;
  let total = 0;
  for (let page = 1; ; page++) {
    const res = await remote.call((c) =>
      c.events.export({
        filters: p.filters,
        ...(p.dateRange ? { dateRange: p.dateRange } : {}),
        ...(p.fields ? { projections: p.fields } : {}),
        limit: p.pageSize,
        page,
        order: "asc",
      }),
    );
    if (page === 1) {
      total = Math.min(res.totalEvents, p.limit ?? Number.POSITIVE_INFINITY);
      progress.setTotal(total);
    }
    const rows = res.events.slice(0, p.limit === undefined ? undefined : p.limit - progress.count);
    if (p.format === "csv" && columns === undefined) {
      columns = p.fields ?? columnsOf(rows);
      if (columns.length) await sink.write(csvLine(columns));
    }
    for (const row of rows) await sink.write(columns ? csvRow(row, columns) : `${JSON.stringify(row)}\n`);
    progress.add(rows.length);
    if (res.events.length < p.pageSize || (p.limit !== undefined && progress.count >= p.limit)) break;
  }
  return { total, columns };
}

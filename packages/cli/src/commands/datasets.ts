import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import type { Dataset } from "@honeyhive-ts/sdk";
import { type CommandSpec, csvList, type GroupSpec, str, type Values } from "../cli/command.js";
import { CliError, EXIT, UsageError } from "../cli/errors.js";
import { isoDate, type Output, table } from "../cli/output.js";
import { Progress } from "../cli/progress.js";
import { Sink } from "../cli/sink.js";
import { type Remote, withRemote } from "../remote.js";

async function listDatasets(remote: Remote): Promise<Dataset[]> {
  return (await remote.call((c) => c.datasets.list())).datasets;
}

/** A dataset named by id or name; with `create`, a missing name is created. */
async function resolveDataset(remote: Remote, ref: string, create: boolean, out: Output): Promise<Dataset> {
  const all = await listDatasets(remote);
  const found = all.find((d) => d.id === ref) ?? all.find((d) => d.name === ref);
  if (found) return found;
  if (!create) {
    throw new CliError(
      "HH_E_NOT_FOUND",
      `no dataset '${ref}' in this project`,
      EXIT.notFound,
      "List them with `honeyhive datasets list`, or pass --create to create it by name.",
    );
  }
  const made = await createDataset(remote, { name: ref });
  out.note(`created dataset ${made.name} (${made.id})`);
  return made;
}

async function createDataset(remote: Remote, body: { name: string; description?: string }): Promise<Dataset> {
  return (await remote.call((c) => c.datasets.create(body))).dataset;
}

/** jsonl or csv: --format, else the file's extension. */
function formatOf(values: Values, file: string | undefined, usage: string): "jsonl" | "csv" {
  const given = str(values, "format");
  const ext = file ? extname(file).slice(1).toLowerCase() : "";
  const format = given ?? (ext === "csv" ? "csv" : ext === "jsonl" || ext === "ndjson" ? "jsonl" : undefined);
  if (format === "jsonl" || format === "csv") return format;
  if (given) throw new UsageError(`--format ${given}: use jsonl or csv`, usage);
  throw new UsageError(`cannot tell the format of '${file}': pass --format jsonl or --format csv`, usage);
}

const list: CommandSpec = {
  name: "datasets list",
  summary: "List the project's datasets",
  examples: ["honeyhive datasets list", "honeyhive datasets list --json"],
  async run({ values, out }) {
    const datasets = await withRemote({ values }, listDatasets);
    out.result(datasets, () =>
      table(datasets, [
        { header: "id", value: (d) => d.id },
        { header: "name", value: (d) => d.name },
        { header: "points", value: (d) => d.num_points },
        { header: "type", value: (d) => d.type },
        { header: "created", value: (d) => isoDate(d.created_at) },
      ]),
    );
  },
};

const create: CommandSpec = {
  name: "datasets create",
  args: "<name>",
  positionals: { min: 1 },
  summary: "Create an empty dataset",
  options: {
    description: { type: "string", value: "<text>", description: "Dataset description" },
    type: { type: "string", value: "<type>", description: "evaluation (default) or fine-tuning" },
  },
  examples: ["honeyhive datasets create qa-golden --description 'Curated QA pairs'"],
  async run({ values, positionals, out }) {
    const description = str(values, "description");
    const body = { name: positionals[0]!, ...(description !== undefined ? { description } : {}) };
    const d = await withRemote({ values }, (r) => createDataset(r, body));
    out.result(d, () => `created dataset ${d.name} (${d.id})`);
  },
};

const importCmd: CommandSpec = {
  name: "datasets import",
  args: "<dataset> <file>",
  positionals: { min: 2 },
  summary: "Import datapoints from a JSONL or CSV file into a dataset (id or name)",
  details: [
    "The file is streamed to POST /v1/datasets/{id}/import (never read whole), so files of any size",
    "import in constant memory. Without a mapping, keys route by name: inputs / ground_truth /",
    "metadata objects or dotted inputs.x columns go there, any other key becomes an input (this is",
    "how `datasets export` files read back). With --inputs / --ground-truth / --history, the listed",
    "keys go there and every other key goes to metadata. CSV cells import as strings.",
    "",
    "Rows that fail are reported with their line number; the good rows are kept. The exit code is",
    "6 when any row failed.",
  ].join("\n"),
  options: {
    format: {
      type: "string",
      short: "f",
      value: "<jsonl|csv>",
      description: "File format (default: from the extension)",
    },
    create: { type: "boolean", description: "Create the dataset (by name) when it does not exist" },
    inputs: { type: "string", value: "<a,b>", description: "Keys that are inputs" },
    "ground-truth": { type: "string", value: "<c>", description: "Keys that are the ground truth" },
    history: {
      type: "string",
      value: "<h>",
      description: "Keys that hold chat history (JSON message lists)",
    },
  },
  examples: [
    "honeyhive datasets import qa-golden qa.jsonl --create",
    "honeyhive datasets import qa-golden qa.csv --inputs question,context --ground-truth answer",
  ],
  async run({ values, positionals, out, usage }) {
    const [ref, file] = positionals as [string, string];
    const format = formatOf(values, file, usage);
    const size = (await stat(file)).size;
    const mapping = {
      ...(csvList(values, "inputs") ? { inputs: csvList(values, "inputs") } : {}),
      ...(csvList(values, "ground-truth") ? { ground_truth: csvList(values, "ground-truth") } : {}),
      ...(csvList(values, "history") ? { history: csvList(values, "history") } : {}),
    };
    const progress = new Progress(out, `importing ${file}`, "bytes", size);
    const { dataset, result } = await withRemote({ values }, async (remote) => {
      const dataset = await resolveDataset(remote, ref, values["create"] === true, out);
      const result = await remote.call((c) =>
        c.datasets.importFile(dataset.id, createReadStream(file), {
          format,
          ...(Object.keys(mapping).length ? { mapping } : {}),
          onProgress: ({ bytesSent }) => progress.to(bytesSent),
        }),
      );
      return { dataset, result };
    });
    progress.done();
    const failed = result.failed ? `, ${result.failed} failed` : "";
    out.result({ ...result, dataset_id: dataset.id, dataset: dataset.name }, () =>
      [
        `imported ${result.imported} rows into ${dataset.name}${failed}`,
        ...result.errors.map((e) => `  line ${e.line}: ${e.message}`),
      ].join("\n"),
    );
    return result.failed > 0 ? EXIT.invalid : EXIT.ok;
  },
};

const exportCmd: CommandSpec = {
  name: "datasets export",
  args: "<dataset>",
  positionals: { min: 1 },
  summary: "Export a dataset's datapoints as JSONL or CSV, to a file or stdout",
  details:
    "Streams GET /v1/datasets/{id}/export as it arrives. The file imports back with `datasets import`\n" +
    "to the same datapoints. With --output and --json, stdout gets one summary document.",
  options: {
    format: {
      type: "string",
      short: "f",
      value: "<jsonl|csv>",
      description: "Output format (default: from --output's extension, else jsonl)",
    },
    output: {
      type: "string",
      short: "o",
      value: "<file>",
      description: "Write to this file (default stdout)",
    },
  },
  examples: [
    "honeyhive datasets export qa-golden -o qa.csv",
    "honeyhive datasets export qa-golden > qa.jsonl",
  ],
  async run({ values, positionals, out, usage }) {
    const path = str(values, "output");
    const known = str(values, "format") !== undefined || /\.(csv|jsonl|ndjson)$/i.test(path ?? "");
    const fmt = known ? formatOf(values, path, usage) : "jsonl";
    const sink = new Sink(path);
    const progress = new Progress(out, "exporting dataset", "bytes", undefined);
    const dataset = await withRemote({ values }, async (remote) => {
      const dataset = await resolveDataset(remote, positionals[0]!, false, out);
      const body = await remote.call((c) => c.datasets.exportStream(dataset.id, { format: fmt }));
      await sink.fill((to) => to.copy(body, (n) => progress.add(n)));
      return dataset;
    });
    progress.done(`exported ${dataset.name} (${fmt}) to ${sink.path ?? "stdout"}`);
    if (out.json && sink.path) {
      out.result({ dataset_id: dataset.id, format: fmt, bytes: progress.count, output: sink.path }, () => "");
    }
  },
};

export const datasetsGroup: GroupSpec = {
  name: "datasets",
  summary: "Manage datasets: list, create, import and export datapoints",
  commands: [list, create, importCmd, exportCmd],
};

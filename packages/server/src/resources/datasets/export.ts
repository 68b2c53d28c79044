import type { JsonObject } from "@honeyhive-ts/semconv";
import { csvField } from "./csv.js";
import type { DatapointStore } from "./datapoint-store.js";
import type { Datapoint } from "./types.js";

/**
 * Streamed dataset export. Pages are read by position (keyset, never OFFSET)
 * and yielded as text, so the response stream's back-pressure paces the
 * reads and memory holds one page. Both formats read back through import
 * without a mapping (see mapping.ts) to the same datapoints.
 */

const PAGE = 500;
type Exported = Omit<Datapoint, "linked_datasets">;

async function* datapoints(
  store: DatapointStore,
  projectId: string,
  datasetId: string,
): AsyncGenerator<Exported> {
  for (let after: number | null = -1; after !== null; ) {
    const page = await store.page(projectId, datasetId, after, PAGE);
    yield* page.datapoints;
    after = page.next;
  }
}

/** One JSON object per line: the fields a datapoint is made of. */
export async function* exportJsonl(store: DatapointStore, projectId: string, datasetId: string) {
  for await (const d of datapoints(store, projectId, datasetId)) {
    const line: JsonObject = {
      id: d.id,
      inputs: d.inputs,
      ground_truth: d.ground_truth,
      history: d.history,
      metadata: d.metadata,
    };
    if (d.linked_event) line["linked_event"] = d.linked_event;
    yield `${JSON.stringify(line)}\n`;
  }
}

const SECTIONS = ["inputs", "ground_truth", "metadata"] as const;

interface Columns {
  keys: Record<(typeof SECTIONS)[number], Set<string>>;
  history: boolean;
  linkedEvent: boolean;
}

const cell = (v: unknown): string | undefined =>
  v === undefined ? undefined : typeof v === "string" ? v : JSON.stringify(v);

/**
 * CSV with one column per key: `inputs.<key>`, `ground_truth.<key>`,
 * `metadata.<key>` (first-seen order), plus `history` (JSON) and
 * `linked_event` when any datapoint has them. The header needs every key, so
 * a first pass over the pages collects them; non-string values are written
 * as JSON text.
 */
export async function* exportCsv(store: DatapointStore, projectId: string, datasetId: string) {
  const cols: Columns = {
    keys: { inputs: new Set(), ground_truth: new Set(), metadata: new Set() },
    history: false,
    linkedEvent: false,
  };
  for await (const d of datapoints(store, projectId, datasetId)) {
    for (const s of SECTIONS) for (const k of Object.keys(d[s])) cols.keys[s].add(k);
    cols.history ||= d.history.length > 0;
    cols.linkedEvent ||= d.linked_event !== null;
  }
  const getters: [string, (d: Exported) => string | undefined][] = [];
  for (const s of SECTIONS) for (const k of cols.keys[s]) getters.push([`${s}.${k}`, (d) => cell(d[s][k])]);
  if (cols.history) getters.push(["history", (d) => JSON.stringify(d.history)]);
  if (cols.linkedEvent) getters.push(["linked_event", (d) => d.linked_event ?? undefined]);
  if (getters.length === 0) return;
  yield `${getters.map(([name]) => csvField(name)).join(",")}\r\n`;
  for await (const d of datapoints(store, projectId, datasetId)) {
    yield `${getters.map(([, get]) => csvField(get(d))).join(",")}\r\n`;
  }
}

import type { JsonObject } from "@honeyhive-ts/semconv";
import type { DatapointDraft, FieldMapping } from "./types.js";

/**
 * Turns one data row (a JSONL object, a CSV record, an item of `data[]`) into
 * a datapoint. With a mapping, keys listed under inputs / ground_truth /
 * history go there and every other key goes to metadata (HoneyHive's rule).
 * Without one, keys route by name, which is also how our own exports read
 * back: `inputs` / `ground_truth` / `metadata` objects and dotted
 * `inputs.x` / `ground_truth.x` / `metadata.x` keys land in those sections,
 * `history` and `linked_event` are taken as they are, ids and timestamps a
 * server assigns are dropped, and any other key becomes an input.
 * Throws an Error whose message says what was wrong with the row.
 */

type Section = "inputs" | "ground_truth" | "metadata";
const SECTIONS: readonly Section[] = ["inputs", "ground_truth", "metadata"];
const SERVER_KEYS = new Set(["id", "_id", "project_id", "linked_datasets", "created_at", "updated_at"]);

export const isPlainObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** history cells from CSV hold JSON text; a value must be a message object or a list of them. */
function historyItems(value: unknown, key: string): JsonObject[] {
  let v = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      throw new Error(`${key} must hold a JSON list of message objects`);
    }
  }
  const items = Array.isArray(v) ? v : [v];
  if (!items.every(isPlainObject)) throw new Error(`${key} must hold message objects ({role, content})`);
  return items;
}

function mapped(row: JsonObject, mapping: FieldMapping): DatapointDraft {
  const inputs = new Set(mapping.inputs ?? []);
  const truth = new Set(mapping.ground_truth ?? []);
  const history = new Set(mapping.history ?? []);
  const draft = { inputs: {}, ground_truth: {}, history: [], metadata: {} } as Required<
    Pick<DatapointDraft, "inputs" | "ground_truth" | "history" | "metadata">
  >;
  for (const [key, value] of Object.entries(row)) {
    if (inputs.has(key)) draft.inputs[key] = value;
    else if (truth.has(key)) draft.ground_truth[key] = value;
    else if (history.has(key)) draft.history.push(...historyItems(value, key));
    else draft.metadata[key] = value;
  }
  return draft;
}

function byName(row: JsonObject): DatapointDraft {
  const sections: Record<Section, JsonObject> = { inputs: {}, ground_truth: {}, metadata: {} };
  const draft: DatapointDraft = { inputs: sections.inputs };
  for (const [key, value] of Object.entries(row)) {
    if (SERVER_KEYS.has(key)) continue;
    if ((SECTIONS as readonly string[]).includes(key)) {
      if (!isPlainObject(value)) throw new Error(`${key} must be an object`);
      Object.assign(sections[key as Section], value);
    } else if (key === "history") {
      draft.history = historyItems(value, key);
    } else if (key === "linked_event") {
      if (value !== null && typeof value !== "string") throw new Error("linked_event must be a string");
      if (value) draft.linked_event = value;
    } else {
      const dot = key.indexOf(".");
      const section = SECTIONS.find((s) => dot > 0 && key.slice(0, dot) === s);
      if (section) sections[section][key.slice(dot + 1)] = value;
      else sections.inputs[key] = value;
    }
  }
  draft.ground_truth = sections.ground_truth;
  draft.metadata = sections.metadata;
  return draft;
}

export function rowToDraft(row: unknown, mapping: FieldMapping | undefined): DatapointDraft {
  if (!isPlainObject(row)) throw new Error("each row must be an object");
  return mapping ? mapped(row, mapping) : byName(row);
}

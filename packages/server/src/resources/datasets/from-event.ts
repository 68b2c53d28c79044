import type { JsonObject, StoredEvent } from "@honeyhive-ts/semconv";
import { isPlainObject } from "./mapping.js";
import type { DatapointDraft, FieldMapping } from "./types.js";

/**
 * A datapoint made from a traced event ("add this production trace to a
 * dataset"): by default inputs are the event's inputs and ground truth its
 * outputs; a mapping lists dotted event paths instead (`inputs.question`,
 * `outputs.content`, `metadata.user`), each value landing under the last
 * segment of its path. The event stays linked by id.
 */

function at(event: StoredEvent, path: string): unknown {
  let v: unknown = event;
  for (const part of path.split(".")) {
    if (!isPlainObject(v)) return undefined;
    v = v[part];
  }
  return v;
}

function pick(event: StoredEvent, paths: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const path of paths) {
    const v = at(event, path);
    if (v !== undefined) out[path.slice(path.lastIndexOf(".") + 1)] = v;
  }
  return out;
}

export function draftFromEvent(event: StoredEvent, mapping: FieldMapping | undefined): DatapointDraft {
  const history = (mapping?.history ?? []).flatMap((p) => {
    const v = at(event, p);
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(isPlainObject);
  });
  return {
    inputs: mapping?.inputs ? pick(event, mapping.inputs) : { ...event.inputs },
    ground_truth: mapping?.ground_truth ? pick(event, mapping.ground_truth) : { ...event.outputs },
    history,
    linked_event: event.event_id,
    metadata: { event_name: event.event_name, event_type: event.event_type, session_id: event.session_id },
  };
}

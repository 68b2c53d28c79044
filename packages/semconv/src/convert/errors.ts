/**
 * Error of an event: `honeyhive_error` wins; else, for a span whose status is
 * ERROR, the status message, else the message (or type) of its last
 * `exception` event, else "error". OK and UNSET spans have no error.
 * Exception events are kept in metadata either way: `metadata.exception`
 * ({type, message, stacktrace, ...}) for the last one, and `metadata.exceptions`
 * for all of them when there are several.
 */

import { HH_ATTR } from "../attributes.js";
import type { JsonObject } from "../event.js";
import { SPAN_STATUS_ERROR, type SpanRecord } from "../span.js";
import type { AttrBag } from "./context.js";
import { TreeBuilder } from "./tree.js";
import { normalizeValue, toStr, toText } from "./values.js";

const EXCEPTION_PREFIX = "exception.";

function exceptionOf(attributes: Record<string, unknown>): JsonObject {
  const tree = new TreeBuilder();
  for (const key of Object.keys(attributes)) {
    const path = key.startsWith(EXCEPTION_PREFIX) ? key.slice(EXCEPTION_PREFIX.length) : key;
    tree.add(path, normalizeValue(attributes[key]));
  }
  return tree.build();
}

export function deriveError(bag: AttrBag, span: SpanRecord, metadata: TreeBuilder): string | null {
  const exceptions: JsonObject[] = [];
  for (const event of span.events)
    if (event.name === "exception") exceptions.push(exceptionOf(event.attributes));
  const last = exceptions[exceptions.length - 1];
  if (last && !metadata.conflicts("exception")) metadata.add("exception", last);
  if (exceptions.length > 1 && !metadata.conflicts("exceptions")) metadata.add("exceptions", exceptions);
  const errorType = bag.peek(HH_ATTR.errorType);
  if (errorType !== undefined)
    bag.offer(metadata, "error_type", normalizeValue(errorType), HH_ATTR.errorType);

  const explicit = bag.peek(HH_ATTR.error);
  if (explicit !== undefined && explicit !== null && explicit !== "") {
    bag.consume(HH_ATTR.error);
    return toText(normalizeValue(explicit));
  }
  if (span.status.code !== SPAN_STATUS_ERROR) return null;
  return toStr(span.status.message) ?? toStr(last?.message) ?? toStr(last?.type) ?? "error";
}

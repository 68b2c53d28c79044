import { HH_ATTR, TRACELOOP, VERCEL_AI } from "../attributes.js";
import type { EventType } from "../event.js";
import type { SpanRecord } from "../span.js";
import type { AttrBag } from "./context.js";
import { toStr } from "./values.js";

/** honeyhive_event_name, else traceloop.entity.name when the span is named after it, else the span name. */
export function eventName(bag: AttrBag, span: SpanRecord, type: EventType): string {
  const explicit = toStr(bag.take(HH_ATTR.eventName));
  if (explicit !== undefined) return explicit;
  const entity = toStr(bag.peek(TRACELOOP.entityName));
  if (
    entity !== undefined &&
    (span.name === "" || span.name.startsWith(`${entity}.`) || span.name === entity)
  ) {
    bag.take(TRACELOOP.entityName);
    return entity;
  }
  const tool =
    type === "tool" && span.name === "ai.toolCall" ? toStr(bag.attrs[VERCEL_AI.toolCallName]) : undefined;
  return tool ?? (span.name === "" ? "unknown" : span.name);
}

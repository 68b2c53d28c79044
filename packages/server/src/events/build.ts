import { randomUUID } from "node:crypto";
import {
  computeCost,
  type EventType,
  type HoneyHiveEvent,
  type JsonObject,
  type PriceTable,
} from "@honeyhive-ts/semconv";
import { HoneyHiveError } from "../errors.js";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A client-given id must be a UUID (HoneyHive's rule); it is stored lower-case. */
export function clientUuid(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || !UUID_RE.test(value)) {
    throw new HoneyHiveError(
      "HH_E_VALIDATION",
      400,
      `${field} must be a UUID, got ${JSON.stringify(value)}`,
      "Leave it out to have the server generate one, or send a UUID such as crypto.randomUUID().",
      { field },
    );
  }
  return value.toLowerCase();
}

const obj = (v: unknown): JsonObject =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? { ...(v as JsonObject) } : {};

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** start/end/duration: any two give the third; none means "now, zero length". */
export function resolveTimes(body: JsonObject, now = Date.now()) {
  const duration = num(body["duration"]);
  let start = num(body["start_time"]);
  let end = num(body["end_time"]);
  if (start === undefined && end === undefined) end = now;
  if (start === undefined) start = (end as number) - (duration ?? 0);
  if (end === undefined) end = start + (duration ?? 0);
  return { start_time: start, end_time: end, duration: duration ?? end - start };
}

export type EventBody = JsonObject;

/** POST /events body → event. `sessionId` is the session it lands in (given or new). */
export function eventFromBody(
  body: EventBody,
  sessionId: string,
  prices: PriceTable,
  path = "event",
): HoneyHiveEvent {
  const eventId = clientUuid(body["event_id"], `${path}.event_id`) ?? randomUUID();
  const parentId = clientUuid(body["parent_id"], `${path}.parent_id`) ?? sessionId;
  const event: HoneyHiveEvent = {
    event_id: eventId,
    session_id: sessionId,
    parent_id: eventId === sessionId ? null : parentId,
    event_type: (typeof body["event_type"] === "string" ? body["event_type"] : "tool") as EventType,
    event_name: typeof body["event_name"] === "string" ? body["event_name"] : "unnamed",
    source: typeof body["source"] === "string" ? body["source"] : "dev",
    config: obj(body["config"]),
    inputs: obj(body["inputs"]),
    outputs: obj(body["outputs"]),
    error: typeof body["error"] === "string" ? body["error"] : null,
    ...resolveTimes(body),
    metadata: obj(body["metadata"]),
    feedback: obj(body["feedback"]),
    metrics: obj(body["metrics"]),
    user_properties: obj(body["user_properties"]),
  };
  addCost(event, prices);
  return event;
}

/** POST /events/model body (`model_event`) → a model event. */
export function modelEventFromBody(
  me: JsonObject,
  sessionId: string,
  prices: PriceTable,
  path = "model_event",
) {
  const usage = obj(me["usage"]);
  const config: JsonObject = { ...obj(me["hyperparameters"]), ...obj(me["config"]) };
  config["model"] ??= me["model"];
  if (me["provider"] !== undefined) config["provider"] ??= me["provider"];
  if (me["tools"] !== undefined) config["tools"] ??= me["tools"];
  if (me["tool_choice"] !== undefined) config["tool_choice"] ??= me["tool_choice"];
  if (me["template"] !== undefined) config["template"] ??= me["template"];
  const inputs: JsonObject = { ...obj(me["inputs"]) };
  if (Array.isArray(me["messages"])) inputs["chat_history"] ??= me["messages"];
  const response = me["response"];
  const outputs =
    response !== null && typeof response === "object" ? obj(response) : { content: response ?? null };
  const metadata: JsonObject = { ...obj(me["metadata"]) };
  for (const k of ["prompt_tokens", "completion_tokens", "total_tokens"] as const) {
    if (num(usage[k]) !== undefined) metadata[k] ??= usage[k];
  }
  if (num(me["cost"]) !== undefined) metadata["cost"] ??= me["cost"];
  return eventFromBody(
    {
      ...me,
      event_type: "model",
      event_name: (me["event_name"] as string) ?? String(me["model"]),
      config,
      inputs,
      outputs,
      metadata,
    },
    sessionId,
    prices,
    path,
  );
}

/** Fill token total and cost when the model is priced; never overwrite given values. */
export function addCost(event: HoneyHiveEvent, prices: PriceTable): void {
  if (event.event_type !== "model") return;
  const md = event.metadata;
  const p = num(md["prompt_tokens"]);
  const c = num(md["completion_tokens"]);
  if (md["total_tokens"] === undefined && p !== undefined && c !== undefined) md["total_tokens"] = p + c;
  const model = event.config["model"];
  if (md["cost"] !== undefined || typeof model !== "string" || (p === undefined && c === undefined)) return;
  const provider = typeof event.config["provider"] === "string" ? event.config["provider"] : undefined;
  const cost = computeCost(model, { promptTokens: p ?? 0, completionTokens: c ?? 0 }, prices, provider);
  if (cost !== null) md["cost"] = cost;
}

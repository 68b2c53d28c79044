import { randomUUID } from "node:crypto";
import type { HoneyHiveEvent, JsonObject, PriceTable } from "@honeyhive-ts/semconv";
import type { TSchema } from "@sinclair/typebox";
import { type TypeCheck, TypeCompiler } from "@sinclair/typebox/compiler";
import { type AuthContext, checkProjectName } from "../auth/context.js";
import { notFound } from "../errors.js";
import { clientUuid, eventFromBody, modelEventFromBody } from "../events/build.js";
import {
  CreateEventBatchResponse,
  CreateEventResponse,
  CreateEventSchema,
  DeleteResponse,
  EventBatchBody,
  EventBody,
  EventSchema,
  IdParams,
  ModelEventBatchBody,
  ModelEventBody,
  ModelEventSchema,
  SessionEventsResponse,
  UpdateEventBody,
  UpdateEventResponse,
} from "../http/schemas.js";
import type { SessionSeed } from "../storage/types.js";
import type { RouteDeps } from "./deps.js";
import { exportRoutes } from "./export.js";

const checkEvent: TypeCheck<TSchema> = TypeCompiler.Compile(CreateEventSchema);
const checkModelEvent: TypeCheck<TSchema> = TypeCompiler.Compile(ModelEventSchema);

type Builder = (body: JsonObject, sessionId: string, prices: PriceTable, path: string) => HoneyHiveEvent;

interface BatchBody {
  is_single_session?: boolean;
  session_properties?: JsonObject;
}

function seedFor(event: HoneyHiveEvent, props: JsonObject | undefined): SessionSeed {
  return {
    session_id: event.session_id,
    event_name: String(props?.["session_name"] ?? event.event_name),
    source: String(props?.["source"] ?? event.source),
    start_time: event.start_time,
    ...(props?.["user_properties"] ? { user_properties: props["user_properties"] as JsonObject } : {}),
    ...(props?.["metadata"] ? { metadata: props["metadata"] as JsonObject } : {}),
  };
}

function firstError(check: TypeCheck<TSchema>, value: unknown, path: string): string {
  const e = check.Errors(value).First();
  if (!e) return `${path} is invalid`;
  const field = `${path}${e.path.replaceAll("/", ".")}`;
  return `${field}: ${e.message}`;
}

export function eventRoutes(deps: RouteDeps): void {
  const { api, storage, queue, prices } = deps;

  const createOne = async (auth: AuthContext, body: JsonObject, build: Builder, path: string) => {
    checkProjectName(auth, body["project"], `${path}.project`);
    const sessionId = clientUuid(body["session_id"], `${path}.session_id`) ?? randomUUID();
    const event = build(body, sessionId, prices, path);
    await queue.submit({ projectId: auth.projectId, events: [event], sessions: [seedFor(event, undefined)] });
    return { event_id: event.event_id, session_id: sessionId, success: true };
  };

  const createMany = async (
    auth: AuthContext,
    items: unknown[],
    opts: BatchBody,
    build: Builder,
    check: TypeCheck<TSchema>,
    path: string,
  ) => {
    const shared =
      opts.is_single_session || !items.some((i) => (i as JsonObject)?.["session_id"])
        ? randomUUID()
        : undefined;
    const events: HoneyHiveEvent[] = [];
    const seeds = new Map<string, SessionSeed>();
    const errors: { index: number; message: string }[] = [];
    for (const [index, raw] of items.entries()) {
      const p = `${path}[${index}]`;
      try {
        if (!check.Check(raw)) throw new Error(firstError(check, raw, p));
        const body = raw as JsonObject;
        checkProjectName(auth, body["project"], `${p}.project`);
        const sid = opts.is_single_session
          ? shared
          : (clientUuid(body["session_id"], `${p}.session_id`) ?? shared);
        const event = build(body, sid as string, prices, p);
        events.push(event);
        if (!seeds.has(event.session_id))
          seeds.set(event.session_id, seedFor(event, opts.session_properties));
      } catch (err) {
        errors.push({ index, message: err instanceof Error ? err.message : String(err) });
      }
    }
    if (events.length > 0) {
      await queue.submit({ projectId: auth.projectId, events, sessions: [...seeds.values()] });
    }
    const out: JsonObject = { event_ids: events.map((e) => e.event_id), success: errors.length === 0 };
    if (shared && events.some((e) => e.session_id === shared)) out["session_id"] = shared;
    if (errors.length > 0) out["errors"] = errors;
    return out;
  };

  api.add(
    {
      method: "POST",
      paths: ["/events", "/v1/events"],
      summary: "Create an event",
      tag: "events",
      body: EventBody,
      response: CreateEventResponse,
    },
    async (req, _reply, auth) =>
      createOne(auth, (req.body as { event: JsonObject }).event, eventFromBody, "event"),
  );

  api.add(
    {
      method: "POST",
      paths: ["/events/batch", "/v1/events/batch"],
      summary: "Create events in one request; invalid ones are reported by index and the rest kept",
      tag: "events",
      body: EventBatchBody,
      response: CreateEventBatchResponse,
    },
    async (req, _reply, auth) => {
      const body = req.body as BatchBody & { events: unknown[] };
      return createMany(auth, body.events, body, eventFromBody, checkEvent, "events");
    },
  );

  api.add(
    {
      method: "POST",
      paths: ["/events/model", "/v1/events/model"],
      summary: "Create a model event (cost computed from usage when the model is priced)",
      tag: "events",
      body: ModelEventBody,
      response: CreateEventResponse,
    },
    async (req, _reply, auth) =>
      createOne(
        auth,
        (req.body as { model_event: JsonObject }).model_event,
        modelEventFromBody,
        "model_event",
      ),
  );

  api.add(
    {
      method: "POST",
      paths: ["/events/model/batch", "/v1/events/model/batch"],
      summary: "Create model events in one request",
      tag: "events",
      body: ModelEventBatchBody,
      response: CreateEventBatchResponse,
    },
    async (req, _reply, auth) => {
      const body = req.body as BatchBody & { model_events: unknown[] };
      return createMany(auth, body.model_events, body, modelEventFromBody, checkModelEvent, "model_events");
    },
  );

  api.add(
    {
      method: "PUT",
      paths: ["/events", "/v1/events"],
      summary: "Enrich an event or a session: objects merge, scalars replace",
      tag: "events",
      body: UpdateEventBody,
      response: UpdateEventResponse,
    },
    async (req, _reply, auth) => {
      const { event_id, project, ...patch } = req.body as JsonObject & { event_id: string };
      checkProjectName(auth, project, "project");
      const updated = await storage.updateEvent(auth.projectId, event_id.toLowerCase(), patch);
      if (!updated) throw notFound("Event", event_id);
      return { success: true, event_id: updated.event_id, event: updated };
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/events/:id"],
      summary: "Read one event",
      tag: "events",
      params: IdParams,
      response: EventSchema,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const event = await storage.getEvent(auth.projectId, id.toLowerCase());
      if (!event) throw notFound("Event", id);
      return event;
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/v1/events/:id"],
      summary: "Every event of a session",
      tag: "events",
      params: IdParams,
      response: SessionEventsResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const events = await storage.getSessionEvents(auth.projectId, id.toLowerCase());
      if (events.length === 0) throw notFound("Session", id);
      return { events, totalEvents: events.length };
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/v1/events/:id", "/events/:id"],
      summary: "Delete an event",
      tag: "events",
      params: IdParams,
      response: DeleteResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      if (!(await storage.deleteEvent(auth.projectId, id.toLowerCase()))) throw notFound("Event", id);
      return { success: true, deleted: id.toLowerCase() };
    },
  );

  exportRoutes(deps);
}

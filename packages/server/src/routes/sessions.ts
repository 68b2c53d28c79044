import { randomUUID } from "node:crypto";
import type { HoneyHiveEvent, JsonObject } from "@honeyhive-ts/semconv";
import { checkProjectName } from "../auth/context.js";
import { notFound } from "../errors.js";
import { clientUuid, resolveTimes } from "../events/build.js";
import { buildTree, sessionWithAggregates } from "../events/tree.js";
import {
  DeleteResponse,
  EventNodeSchema,
  EventSchema,
  IdParams,
  SessionStartBody,
  StartSessionResponse,
} from "../http/schemas.js";
import type { Storage } from "../storage/types.js";
import type { RouteDeps } from "./deps.js";

const obj = (v: unknown): JsonObject => (v && typeof v === "object" ? (v as JsonObject) : {});

/** The session event and every event of the session, or 404. */
async function loadSession(storage: Storage, projectId: string, id: string) {
  const events = await storage.getSessionEvents(projectId, id.toLowerCase());
  const session = events.find((e) => e.event_type === "session" && e.event_id === id.toLowerCase());
  if (!session) throw notFound("Session", id);
  return { session, events };
}

export function sessionRoutes({ api, storage }: RouteDeps): void {
  api.add(
    {
      method: "POST",
      paths: ["/session/start", "/v1/session/start", "/v1/sessions/start"],
      summary: "Start a session (or complete one that spans created first)",
      tag: "sessions",
      body: SessionStartBody,
      response: StartSessionResponse,
    },
    async (req, _reply, auth) => {
      const s = (req.body as { session: JsonObject }).session;
      checkProjectName(auth, s["project"], "session.project");
      const sessionId = clientUuid(s["session_id"], "session.session_id") ?? randomUUID();
      const session: HoneyHiveEvent = {
        event_id: sessionId,
        session_id: sessionId,
        parent_id: null,
        event_type: "session",
        event_name: String(s["session_name"] ?? s["event_name"] ?? "session"),
        source: typeof s["source"] === "string" ? s["source"] : "dev",
        config: obj(s["config"]),
        inputs: obj(s["inputs"]),
        outputs: obj(s["outputs"]),
        error: null,
        ...resolveTimes({ start_time: s["start_time"] ?? Date.now(), ...s }),
        metadata: obj(s["metadata"]),
        feedback: obj(s["feedback"]),
        metrics: obj(s["metrics"]),
        user_properties: obj(s["user_properties"]),
      };
      const stored = await storage.upsertSession(auth.projectId, session);
      return { session_id: sessionId, session: stored };
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/session/:id"],
      summary: "Read a session event with its aggregates",
      tag: "sessions",
      params: IdParams,
      response: EventSchema,
    },
    async (req, _reply, auth) => {
      const { session, events } = await loadSession(
        storage,
        auth.projectId,
        (req.params as { id: string }).id,
      );
      return sessionWithAggregates(session, events);
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/v1/sessions/:id"],
      summary: "Read a session as a tree of events with aggregates",
      tag: "sessions",
      params: IdParams,
      response: EventNodeSchema,
    },
    async (req, _reply, auth) => {
      const { session, events } = await loadSession(
        storage,
        auth.projectId,
        (req.params as { id: string }).id,
      );
      return buildTree(session, events);
    },
  );

  api.add(
    {
      method: "DELETE",
      paths: ["/v1/sessions/:id", "/session/:id"],
      summary: "Delete a session and all its events",
      tag: "sessions",
      params: IdParams,
      response: DeleteResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const deleted = await storage.deleteSession(auth.projectId, id.toLowerCase());
      if (deleted === 0) throw notFound("Session", id);
      return { success: true, deleted };
    },
  );
}

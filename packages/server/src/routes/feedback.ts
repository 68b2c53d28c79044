import type { JsonObject } from "@honeyhive-ts/semconv";
import type { FastifyBaseLogger } from "fastify";
import { checkProjectName } from "../auth/context.js";
import { notFound } from "../errors.js";
import { EvaluationEngine } from "../evaluation/engine.js";
import { EvaluationStatus, FeedbackBody, FeedbackResponse } from "../evaluation/schemas.js";
import { IdParams } from "../http/schemas.js";
import type { RouteDeps } from "./deps.js";

const RECENT_FAILURES = 20;

/**
 * Human feedback on events, and the server-side evaluation of ingested events
 * (evaluation/engine.ts) with its status for operators. Starts the engine;
 * resolves to the function that stops it (an onClose hook).
 */
export async function feedbackRoutes(deps: RouteDeps, log: FastifyBaseLogger): Promise<() => Promise<void>> {
  const { api, storage, config } = deps;
  const engine = new EvaluationEngine(storage, config, (err, message) => log.error({ err }, message));

  api.add(
    {
      method: "POST",
      paths: ["/v1/events/:id/feedback", "/events/:id/feedback"],
      summary: "Add human feedback to an event: fields merge into its feedback, with who gave it and when",
      tag: "events",
      params: IdParams,
      body: FeedbackBody,
      response: FeedbackResponse,
    },
    async (req, _reply, auth) => {
      const { id } = req.params as { id: string };
      const { project, user, ...fields } = req.body as JsonObject;
      checkProjectName(auth, project, "project");
      // Scalars, so each submission replaces the last one's attribution instead of merging into it.
      const attribution = {
        submitted_by: typeof user === "string" ? user : `api_key:${auth.keyId}`,
        submitted_key_id: auth.keyId,
        submitted_at: Date.now(),
      };
      const updated = await storage.updateEvent(auth.projectId, id.toLowerCase(), {
        feedback: { ...fields, ...attribution },
      });
      if (!updated) throw notFound("Event", id);
      return { success: true, event_id: updated.event_id, feedback: updated.feedback };
    },
  );

  api.add(
    {
      method: "GET",
      paths: ["/v1/evaluations/status", "/evaluations/status"],
      summary:
        "Server-side evaluations of this project: pending, failed (with their errors), and this replica's counts",
      tag: "metrics",
      response: EvaluationStatus,
    },
    async (_req, _reply, auth) => ({
      ...(await engine.queue.counts(auth.projectId)),
      recent_failures: await engine.queue.recentFailures(auth.projectId, RECENT_FAILURES),
      replica: { evaluating: config.evalConcurrency > 0, ...engine.counters },
    }),
  );

  await engine.start();
  return () => engine.close();
}

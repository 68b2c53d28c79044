import { randomUUID } from "node:crypto";
import type { PriceTable } from "@honeyhive-ts/semconv";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { Authenticator } from "../auth/context.js";
import { actingProject, PROJECT_HEADER } from "../auth/project-header.js";
import type { ServerConfig } from "../config.js";
import { HoneyHiveError } from "../errors.js";
import { ConvertPool } from "../ingest/convert-pool.js";
import { WriteQueue } from "../ingest/queue.js";
import { chartRoutes } from "../routes/charts.js";
import { configurationRoutes } from "../routes/configurations.js";
import { datapointRoutes } from "../routes/datapoints.js";
import { datasetRoutes } from "../routes/datasets.js";
import { eventRoutes } from "../routes/events.js";
import { feedbackRoutes } from "../routes/feedback.js";
import { keyRoutes } from "../routes/keys.js";
import { liveRoutes } from "../routes/live.js";
import { meRoutes } from "../routes/me.js";
import { metricRoutes } from "../routes/metrics.js";
import { otlpRoutes } from "../routes/otlp.js";
import { projectRoutes } from "../routes/projects.js";
import { runRoutes } from "../routes/runs.js";
import { sdkHealthRoutes } from "../routes/sdk-health.js";
import { sessionRoutes } from "../routes/sessions.js";
import { toolRoutes } from "../routes/tools.js";
import { uiSessionRoutes } from "../routes/ui-sessions.js";
import type { Storage } from "../storage/types.js";
import { VERSION } from "../version.js";
import { ApiRegistry } from "./api.js";
import { errorHandler } from "./error-handler.js";
import { registerIdempotency } from "./idempotency.js";
import { buildOpenApi, OTLP_PATHS } from "./openapi.js";
import { staticSite } from "./static.js";

export interface App {
  fastify: FastifyInstance;
  queue: WriteQueue;
  auth: Authenticator;
  convert: ConvertPool;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(storage: Storage, config: ServerConfig, prices: PriceTable): Promise<App> {
  const fastify = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.maxBodyBytes,
    // One log line per request only when debugging; errors and refusals are logged in the error handlers.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== "debug" && config.logLevel !== "trace",
    }),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    return503OnClosing: true,
    // Every response carries x-request-id: the caller's (when it is a sane token) or a new UUID.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  fastify.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });
  const auth = new Authenticator(storage);
  const queue = new WriteQueue(storage, config.ingestQueueSpans, config.ingestBatchSpans);
  const api = new ApiRegistry(fastify);
  // SQLite rows are serialised on the workers: the event loop only passes them on to the writer.
  const convert = new ConvertPool(
    prices,
    config.ingestWorkers || undefined,
    storage.writeRowItems !== undefined,
  );
  fastify.addHook("onClose", async () => convert.close());
  const deps = { api, storage, auth, queue, prices, config, convert };

  fastify.setErrorHandler(errorHandler);
  const site = staticSite(config.webRoot);
  fastify.setNotFoundHandler(async (req, reply) => {
    if (await site.handle(req, reply)) return reply;
    errorHandler(
      new HoneyHiveError(
        "HH_E_ROUTE_NOT_FOUND",
        404,
        `No route ${req.method} ${req.url.split("?")[0]}`,
        "See /openapi.json for the routes this server serves.",
      ),
      req,
      reply,
    );
    return reply;
  });
  fastify.addHook("onRequest", async (req) => {
    if (!req.routeOptions.config?.auth) return;
    const key = await auth.authenticate(req.headers.authorization);
    req.auth = await actingProject(storage, key, req.headers[PROJECT_HEADER]);
  });
  registerIdempotency(fastify, storage);

  uiSessionRoutes(deps);
  sessionRoutes(deps);
  meRoutes(deps);
  sdkHealthRoutes(deps);
  const endLiveStreams = liveRoutes(deps, fastify.log);
  fastify.addHook("preClose", async () => endLiveStreams());
  eventRoutes(deps);
  projectRoutes(deps);
  keyRoutes(deps);
  configurationRoutes(deps);
  toolRoutes(deps);
  metricRoutes(deps);
  datasetRoutes(deps);
  datapointRoutes(deps);
  runRoutes(deps);
  chartRoutes(deps);
  fastify.addHook("onClose", await feedbackRoutes(deps, fastify.log));
  await fastify.register(async (scope) => otlpRoutes(scope, deps));

  fastify.get("/healthz", { config: { auth: false } }, async () => ({ status: "ok", version: VERSION }));
  fastify.get("/readyz", { config: { auth: false } }, async (_req, reply) => {
    try {
      await storage.ping();
    } catch (err) {
      return reply
        .status(503)
        .send({ status: "unavailable", storage: storage.kind, reason: (err as Error).message });
    }
    const full = queue.stats.queuedSpans >= config.ingestQueueSpans;
    return reply
      .status(full ? 503 : 200)
      .send({ status: full ? "busy" : "ready", storage: storage.kind, queue: queue.stats });
  });
  const openapi = buildOpenApi(api.routes, VERSION, OTLP_PATHS);
  fastify.get("/openapi.json", { config: { auth: false } }, async () => openapi);

  return { fastify, queue, auth, convert };
}

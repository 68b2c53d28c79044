import type { ServerResponse } from "node:http";
import { Type } from "@sinclair/typebox";
import type { FastifyBaseLogger } from "fastify";
import { LiveFeed } from "../resources/live/feed.js";
import type { RouteDeps } from "./deps.js";

/**
 * GET /v1/live: server-sent events of the key's project (or one session):
 * `event: event` with each stored event committed after the connection
 * opened, `event: session` with the summary of each new session, and a
 * `: ping` comment every 15 s so proxies keep the connection open. Returns
 * the hook that ends every stream when the server closes.
 */

const PING_MS = 15_000;

const LiveQuery = Type.Object({
  session_id: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: "Only this session's events" }),
  ),
});

export function liveRoutes({ api, storage, config }: RouteDeps, log: FastifyBaseLogger): () => void {
  const feed = new LiveFeed(storage.sql, config.livePollMs, (err) =>
    log.warn({ err }, "live feed: reading new events failed; retrying"),
  );
  const streams = new Set<ServerResponse>();

  api.add(
    {
      method: "GET",
      paths: ["/v1/live"],
      summary: "Server-sent events: new events and sessions as they are stored",
      tag: "events",
      querystring: LiveQuery,
      produces: ["text/event-stream"],
    },
    async (req, reply, auth) => {
      const { session_id } = req.query as { session_id?: string };
      const res = reply.raw;
      const write = (chunk: string): void => {
        if (!res.writableEnded) res.write(chunk);
      };
      const unsubscribe = await feed.subscribe(auth.projectId, {
        ...(session_id !== undefined ? { sessionId: session_id.toLowerCase() } : {}),
        onEvent: (e) => write(`event: event\ndata: ${JSON.stringify(e)}\n\n`),
        onSession: (s) => write(`event: session\ndata: ${JSON.stringify(s)}\n\n`),
      });
      reply.hijack();
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-request-id": req.id,
      });
      write(": connected\n\n");
      streams.add(res);
      const ping = setInterval(() => write(": ping\n\n"), PING_MS);
      ping.unref();
      res.on("close", () => {
        clearInterval(ping);
        unsubscribe();
        streams.delete(res);
      });
      return reply;
    },
  );

  return () => {
    feed.close();
    for (const res of streams) res.end();
    streams.clear();
  };
}

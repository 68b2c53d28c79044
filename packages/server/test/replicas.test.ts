import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@honeyhive-ts/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, PG_URL, postgresAvailable } from "./helpers.js";
import { otlpProtobufBody, uuidOfTrace } from "./otlp-fixtures.js";

const available = await postgresAvailable();

describe.skipIf(!available)("several replicas on one PostgreSQL database", () => {
  const schema = `hh_replicas_${randomBytes(6).toString("hex")}`;
  const key = `hh_${randomBytes(24).toString("base64url")}`;
  const replicas: RunningServer[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hh-replicas-"));
    // Both start at once: migrations and the first-start bootstrap must not trip over each other.
    const started = await Promise.all(
      ["a", "b"].map((name) =>
        startServer({
          host: "127.0.0.1",
          port: 0,
          dataDir: join(dir, name),
          logLevel: "silent",
          databaseUrl: `${PG_URL}?schema=${schema}`,
          bootstrapApiKey: key,
        }),
      ),
    );
    replicas.push(...started);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await rm(dir, { recursive: true, force: true });
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  });

  it("serves the same projects, keys, sessions and spans from either replica", async () => {
    const [a, b] = replicas.map((r) => api(r.url, key)) as [ReturnType<typeof api>, ReturnType<typeof api>];
    expect((await a.get("/v1/projects")).body.map((p: any) => p.name)).toEqual(["default"]);

    // A project and its key created on one replica work on the other.
    const created = await a.post("/v1/projects", { name: "shared" });
    const shared = api(replicas[1]!.url, created.body.api_key);
    expect((await shared.get("/v1/projects")).body.map((p: any) => p.name)).toEqual(["shared"]);

    // Session started on B, spans sent to A, enrichment through B, read from both.
    const sessionId = randomUUID();
    expect(
      (await b.post("/session/start", { session: { session_id: sessionId, session_name: "replicated" } }))
        .status,
    ).toBe(200);
    const { body, traceId } = otlpProtobufBody([
      { name: "step-1", attributes: { "honeyhive.session_id": sessionId } },
      { name: "step-2", attributes: { "honeyhive.session_id": sessionId } },
    ]);
    const sent = await fetch(`${replicas[0]!.url}/opentelemetry/v1/traces`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/x-protobuf" },
      body,
    });
    expect(sent.status).toBe(200);
    expect((await b.put("/events", { event_id: sessionId, metadata: { via: "b" } })).status).toBe(200);
    for (const replica of [a, b]) {
      const tree = await replica.get(`/v1/sessions/${sessionId}`);
      expect(tree.body.event_name).toBe("replicated");
      expect(tree.body.metadata).toMatchObject({ via: "b", num_events: 2 });
      expect(tree.body.children[0].event_name).toBe("step-1");
      expect(tree.body.children[0].children.map((c: any) => c.event_name)).toEqual(["step-2"]);
    }
    expect((await b.get(`/v1/events/${uuidOfTrace(traceId)}`)).status).toBe(404);
  });
});

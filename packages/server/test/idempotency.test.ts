import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@honeyhive-ts/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintOf, IDEMPOTENCY_TTL_MS, IdempotencyStore } from "../src/http/idempotency.js";
import { api, backends, startTestServer, type TestServer } from "./helpers.js";

const event = (name: string) => ({
  event: { event_type: "tool", event_name: name, inputs: { q: name }, config: {}, duration: 1 },
});

for (const backend of await backends()) {
  describe(`idempotency keys (${backend})`, () => {
    let server: TestServer;
    let client: ReturnType<typeof api>;
    let projectId: string;

    beforeAll(async () => {
      server = await startTestServer(backend);
      client = api(server.url, server.key);
      projectId = (await client.get("/v1/projects")).body[0].id;
    });
    afterAll(async () => server?.stop());

    const post = (path: string, body: unknown, key: string) =>
      client.post(path, body, { "idempotency-key": key });

    it("runs a POST once per key and replays the stored status and body", async () => {
      const key = randomUUID();
      const first = await post("/v1/events", event("once"), key);
      expect(first.status).toBe(200);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      const again = await post("/v1/events", event("once"), key);
      expect(again.status).toBe(200);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.body).toEqual(first.body);
      const stored = await client.get(`/v1/events/${first.body.session_id}`);
      expect(stored.body.events.filter((e: any) => e.event_type === "tool")).toHaveLength(1);
    });

    it("refuses the same key with a different body (422 HH_E_IDEMPOTENCY_MISMATCH)", async () => {
      const key = randomUUID();
      expect((await post("/v1/events", event("a"), key)).status).toBe(200);
      const other = await post("/v1/events", event("b"), key);
      expect(other.status).toBe(422);
      expect(other.body.error.code).toBe("HH_E_IDEMPOTENCY_MISMATCH");
      expect(other.body.error.field).toBe("Idempotency-Key");
      const otherPath = await post("/v1/events/batch", { events: [event("a").event] }, key);
      expect(otherPath.body.error.code).toBe("HH_E_IDEMPOTENCY_MISMATCH");
    });

    it("answers 409 HH_E_IDEMPOTENCY_IN_PROGRESS with Retry-After while the first request runs", async () => {
      const key = randomUUID();
      const body = event("slow");
      // Another request (on this or another replica) holds the key, as a running one does.
      const store = new IdempotencyStore(server.storage.sql);
      expect(
        await store.claim({ projectId, key }, fingerprintOf("POST", "/v1/events", body)),
      ).toBeUndefined();
      const busy = await post("/v1/events", body, key);
      expect(busy.status).toBe(409);
      expect(busy.body.error.code).toBe("HH_E_IDEMPOTENCY_IN_PROGRESS");
      expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
      await store.release({ projectId, key });
      const done = await post("/v1/events", body, key);
      expect(done.status).toBe(200);
      expect(done.headers.get("idempotent-replayed")).toBeNull();
    });

    it("replays a refusal too (a 4xx from the handler), but never a 409", async () => {
      const key = randomUUID();
      const bad = { event: { ...event("bad").event, session_id: "not-a-uuid" } };
      const first = await post("/v1/events", bad, key);
      expect(first.status).toBe(400);
      const again = await post("/v1/events", bad, key);
      expect(again.status).toBe(400);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.body).toEqual(first.body);
    });

    it("scopes keys to the project: another project's same key runs its own request", async () => {
      const key = randomUUID();
      const created = await client.post("/v1/projects", { name: `idem-${randomUUID()}` });
      expect(created.status).toBe(200);
      const other = api(server.url, created.body.api_key);
      const mine = await post("/v1/events", event("scoped"), key);
      const theirs = await other.post("/v1/events", event("scoped"), { "idempotency-key": key });
      expect(theirs.status).toBe(200);
      expect(theirs.headers.get("idempotent-replayed")).toBeNull();
      expect(theirs.body.event_id).not.toBe(mine.body.event_id);
    });

    it("rejects an unusable key with a 400 naming the header", async () => {
      const res = await post("/v1/events", event("k"), "x".repeat(300));
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe("Idempotency-Key");
    });

    it("ignores the header on GET, PUT and DELETE (they are idempotent already)", async () => {
      const res = await client.get("/v1/projects");
      expect(res.headers.get("idempotent-replayed")).toBeNull();
    });

    it("forgets a response after 24 h and takes over a claim whose request died", async () => {
      const key = randomUUID();
      const print = fingerprintOf("POST", "/x", {});
      let now = 1_000_000;
      const store = new IdempotencyStore(server.storage.sql, () => now);
      expect(await store.claim({ projectId, key }, print)).toBeUndefined();
      now += 60_000;
      expect((await store.claim({ projectId, key }, print))?.state).toBe("running");
      now += 10 * 60_000; // the first request never finished: abandoned
      expect(await store.claim({ projectId, key }, print)).toBeUndefined();
      await store.complete({ projectId, key }, 200, "application/json", "{}");
      now += IDEMPOTENCY_TTL_MS - 1;
      expect((await store.claim({ projectId, key }, print))?.state).toBe("done");
      now += 2;
      expect(await store.claim({ projectId, key }, print)).toBeUndefined();
    });

    if (backend === "postgres") {
      it("shares keys across replicas on one database", async () => {
        const dataDir = await mkdtemp(join(tmpdir(), "hh-idem-replica-"));
        const replica = await startServer({
          host: "127.0.0.1",
          port: 0,
          dataDir,
          logLevel: "silent",
          databaseUrl: server.config.databaseUrl as string,
        });
        try {
          const key = randomUUID();
          const first = await post("/v1/events", event("replicas"), key);
          const second = await api(replica.url, server.key).post("/v1/events", event("replicas"), {
            "idempotency-key": key,
          });
          expect(second.headers.get("idempotent-replayed")).toBe("true");
          expect(second.body.event_id).toBe(first.body.event_id);
        } finally {
          await replica.close();
          await rm(dataDir, { recursive: true, force: true });
        }
      });
    }
  });
}

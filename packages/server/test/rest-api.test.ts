import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, startTestServer, type TestServer } from "./helpers.js";

for (const backend of await backends()) {
  describe(`REST API (${backend})`, () => {
    let server: TestServer;
    let http: ReturnType<typeof api>;

    beforeAll(async () => {
      server = await startTestServer(backend);
      http = api(server.url, server.key);
    });
    afterAll(async () => server?.stop());

    it("starts a session with a client id and reads it back with aggregates", async () => {
      const sessionId = randomUUID().toUpperCase();
      const start = await http.post("/session/start", {
        session: {
          project: "default",
          session_name: "chat",
          source: "test",
          session_id: sessionId,
          inputs: { q: "hi" },
          user_properties: { user_id: "u1" },
        },
      });
      expect(start.status).toBe(200);
      expect(start.body.session_id).toBe(sessionId.toLowerCase());
      const model = await http.post("/events/model", {
        model_event: {
          session_id: sessionId,
          model: "gpt-4o-mini",
          provider: "openai",
          messages: [{ role: "user", content: "hi" }],
          response: { role: "assistant", content: "hello" },
          usage: { prompt_tokens: 1000, completion_tokens: 2000 },
          duration: 120,
        },
      });
      expect(model.status).toBe(200);
      const read = await http.get(`/session/${sessionId.toLowerCase()}`);
      expect(read.status).toBe(200);
      expect(read.body.event_type).toBe("session");
      expect(read.body.event_name).toBe("chat");
      expect(read.body.inputs).toEqual({ q: "hi" });
      expect(read.body.metadata).toMatchObject({
        num_events: 1,
        num_model_events: 1,
        prompt_tokens: 1000,
        completion_tokens: 2000,
        total_tokens: 3000,
      });
      expect(read.body.metadata.cost).toBeGreaterThan(0);
    });

    it("computes model cost from the price table and never for an unknown model", async () => {
      const known = await http.post("/events/model", {
        model_event: {
          model: "gpt-4o",
          usage: { prompt_tokens: 1_000_000, completion_tokens: 0 },
          duration: 1,
        },
      });
      const unknown = await http.post("/events/model", {
        model_event: {
          model: "my-private-model-7b",
          usage: { prompt_tokens: 1_000_000, completion_tokens: 5 },
          duration: 1,
        },
      });
      const k = await http.get(`/events/${known.body.event_id}`);
      const u = await http.get(`/events/${unknown.body.event_id}`);
      expect(k.body.config).toMatchObject({ model: "gpt-4o" });
      expect(k.body.metadata.cost).toBeGreaterThan(0);
      expect(u.body.metadata.total_tokens).toBe(1_000_005);
      expect(u.body.metadata).not.toHaveProperty("cost");
    });

    it("builds the session tree with nested children", async () => {
      const sessionId = randomUUID();
      await http.post("/session/start", { session: { session_id: sessionId, session_name: "tree" } });
      const chainId = randomUUID();
      const created = await http.post("/events/batch", {
        events: [
          {
            event_id: chainId,
            session_id: sessionId,
            event_type: "chain",
            event_name: "pipeline",
            start_time: 1000,
            end_time: 5000,
          },
          {
            session_id: sessionId,
            parent_id: chainId,
            event_type: "tool",
            event_name: "search",
            start_time: 1100,
            end_time: 1300,
            error: "timeout",
          },
          {
            session_id: sessionId,
            parent_id: chainId,
            event_type: "model",
            event_name: "answer",
            config: { model: "gpt-4o" },
            metadata: { prompt_tokens: 10, completion_tokens: 5 },
            start_time: 1400,
            end_time: 4000,
          },
        ],
      });
      expect(created.status).toBe(200);
      expect(created.body.success).toBe(true);
      expect(created.body.event_ids).toHaveLength(3);
      const tree = await http.get(`/v1/sessions/${sessionId}`);
      expect(tree.status).toBe(200);
      expect(tree.body.children.map((c: any) => c.event_name)).toEqual(["pipeline"]);
      const chain = tree.body.children[0];
      expect(chain.children.map((c: any) => c.event_name).sort()).toEqual(["answer", "search"]);
      expect(chain.children_ids).toHaveLength(2);
      expect(tree.body.metadata).toMatchObject({
        num_events: 3,
        num_model_events: 1,
        num_errors: 1,
        total_tokens: 15,
      });
      const events = await http.get(`/v1/events/${sessionId}`);
      expect(events.body.events).toHaveLength(4);
    });

    it("keeps the valid events of a batch and reports the bad ones by index", async () => {
      const res = await http.post("/events/batch", {
        is_single_session: true,
        session_properties: { session_name: "batch" },
        events: [
          { event_type: "tool", event_name: "ok-1" },
          { event_type: "banana", event_name: "bad-type" },
          { event_type: "tool", event_name: "bad-id", event_id: "not-a-uuid" },
          { event_type: "chain", event_name: "ok-2" },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.success).toBe(false);
      expect(res.body.event_ids).toHaveLength(2);
      expect(res.body.errors.map((e: any) => e.index)).toEqual([1, 2]);
      expect(res.body.errors[0].message).toContain("events[1].event_type");
      expect(res.body.errors[1].message).toContain("events[2].event_id");
      const session = await http.get(`/v1/sessions/${res.body.session_id}`);
      expect(session.body.event_name).toBe("batch");
      expect(session.body.children.map((c: any) => c.event_name).sort()).toEqual(["ok-1", "ok-2"]);
    });

    it("merges PUT /events into an event and into a session", async () => {
      const created = await http.post("/events", {
        event: {
          event_type: "tool",
          event_name: "merge",
          metadata: { a: 1, nested: { x: 1 } },
          outputs: { first: true },
        },
      });
      const id = created.body.event_id;
      const put = await http.put("/events", {
        event_id: id,
        metadata: { b: 2, nested: { y: 2 } },
        feedback: { rating: 5 },
        metrics: { score: 0.9 },
      });
      expect(put.status).toBe(200);
      const read = await http.get(`/events/${id}`);
      expect(read.body.metadata).toEqual({ a: 1, b: 2, nested: { x: 1, y: 2 } });
      expect(read.body.feedback).toEqual({ rating: 5 });
      expect(read.body.outputs).toEqual({ first: true });
      const session = await http.put("/events", {
        event_id: created.body.session_id,
        metadata: { enriched: "yes" },
      });
      expect(session.status).toBe(200);
      const s = await http.get(`/session/${created.body.session_id}`);
      expect(s.body.metadata.enriched).toBe("yes");
      const missing = await http.put("/events", { event_id: randomUUID(), metadata: {} });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("HH_E_NOT_FOUND");
    });

    it("exports with filters, projections, date range and paging", async () => {
      const sessionId = randomUUID();
      const base = 1_700_000_000_000;
      await http.post("/events/batch", {
        events: Array.from({ length: 25 }, (_, i) => ({
          session_id: sessionId,
          event_type: i % 2 ? "model" : "tool",
          event_name: `exp-${i}`,
          start_time: base + i * 1000,
          end_time: base + i * 1000 + 10,
          metadata: { cost: i / 100, tag: i % 5 === 0 ? "five" : "other" },
        })),
      });
      const bySession = { field: "session_id", operator: "is", value: sessionId, type: "id" };
      const page1 = await http.post("/events/export", {
        filters: [bySession, { field: "event_type", operator: "is not", value: "session" }],
        limit: 10,
        page: 1,
        order: "asc",
      });
      expect(page1.status).toBe(200);
      expect(page1.body.totalEvents).toBe(25);
      expect(page1.body.events.map((e: any) => e.event_name)).toEqual(
        Array.from({ length: 10 }, (_, i) => `exp-${i}`),
      );
      const page3 = await http.post("/v1/events/export", {
        filters: [bySession, { field: "event_type", operator: "is not", value: "session" }],
        limit: 10,
        page: 3,
        order: "asc",
      });
      expect(page3.body.events).toHaveLength(5);
      const costly = await http.post("/events/export", {
        filters: [
          bySession,
          { field: "metadata.cost", operator: "greater than", value: 0.2, type: "number" },
        ],
        projections: ["event_name", "metadata.cost"],
        order: "asc",
      });
      expect(costly.body.events.map((e: any) => e.event_name)).toEqual([
        "exp-21",
        "exp-22",
        "exp-23",
        "exp-24",
      ]);
      expect(Object.keys(costly.body.events[0]).sort()).toEqual(["event_id", "event_name", "metadata"]);
      const ranged = await http.post("/events/export", {
        filters: [bySession, { field: "metadata.tag", operator: "contains", value: "fiv" }],
        dateRange: { $gte: new Date(base + 5000).toISOString(), $lte: base + 15_000 },
      });
      expect(ranged.body.events.map((e: any) => e.event_name).sort()).toEqual(["exp-10", "exp-15", "exp-5"]);
      const viaGet = await http.get(
        `/events?filters=${encodeURIComponent(JSON.stringify([bySession, { field: "event_type", operator: "is", value: "model" }]))}&limit=3&projections=event_name`,
      );
      expect(viaGet.status).toBe(200);
      expect(viaGet.body.totalEvents).toBe(12);
      expect(viaGet.body.events).toHaveLength(3);
      const bad = await http.post("/events/export", {
        filters: [{ field: "metadata.x;drop table", operator: "is", value: 1 }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain("metadata.x;drop table");
    });

    it("deletes an event and a session", async () => {
      const a = await http.post("/events", { event: { event_type: "tool", event_name: "gone" } });
      expect((await http.del(`/v1/events/${a.body.event_id}`)).status).toBe(200);
      expect((await http.get(`/events/${a.body.event_id}`)).status).toBe(404);
      expect((await http.del(`/v1/events/${a.body.event_id}`)).status).toBe(404);
      const del = await http.del(`/v1/sessions/${a.body.session_id}`);
      expect(del.status).toBe(200);
      expect(del.body.deleted).toBe(1);
      expect((await http.get(`/session/${a.body.session_id}`)).status).toBe(404);
    });

    it("validates bodies with a stable code, the field and a hint", async () => {
      const noName = await http.post("/events", { event: { event_type: "tool" } });
      expect(noName.status).toBe(400);
      expect(noName.body.error).toMatchObject({ code: "HH_E_VALIDATION", field: "event.event_name" });
      expect(noName.body.error.hint).toBeTruthy();
      const wrongType = await http.post("/events", {
        event: { event_type: "tool", event_name: "x", duration: "slow" },
      });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.error.field).toBe("event.duration");
      const badJson = await http.post("/events", "{not json");
      expect(badJson.status).toBe(400);
      expect(badJson.body.error.code).toBe("HH_E_INVALID_JSON");
      const badSession = await http.post("/session/start", { session: { session_id: "abc" } });
      expect(badSession.status).toBe(400);
      expect(badSession.body.error.field).toBe("session.session_id");
      const wrongProject = await http.post("/events", {
        event: { project: "someone-else", event_type: "tool", event_name: "x" },
      });
      expect(wrongProject.status).toBe(403);
      expect(wrongProject.body.error.code).toBe("HH_E_PROJECT_MISMATCH");
      const noRoute = await http.get("/nope");
      expect(noRoute.status).toBe(404);
      expect(noRoute.body.error.code).toBe("HH_E_ROUTE_NOT_FOUND");
    });

    it("refuses calls without a valid key", async () => {
      const anon = api(server.url, undefined);
      const none = await anon.get("/v1/projects");
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe("HH_E_AUTH_MISSING");
      const bad = await api(server.url, "hh_wrong").post("/events", {
        event: { event_type: "tool", event_name: "x" },
      });
      expect(bad.status).toBe(401);
      expect(bad.body.error.code).toBe("HH_E_AUTH_INVALID_KEY");
      expect((await anon.get("/healthz")).status).toBe(200);
      expect((await anon.get("/readyz")).body.status).toBe("ready");
    });

    it("serves an OpenAPI document built from the same schemas", async () => {
      const doc = await api(server.url, undefined).get("/openapi.json");
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toBe("3.1.0");
      for (const p of [
        "/session/start",
        "/v1/sessions/{id}",
        "/events",
        "/events/batch",
        "/events/model",
        "/events/export",
        "/v1/events/export",
        "/projects",
        "/v1/projects",
        "/opentelemetry/v1/traces",
        "/v1/traces",
      ]) {
        expect(doc.body.paths, p).toHaveProperty([p]);
      }
      // Named schemas live in components and are referenced by $ref.
      const resolve = (schema: { $ref?: string }) =>
        schema.$ref ? doc.body.components.schemas[schema.$ref.replace("#/components/schemas/", "")] : schema;
      const create = resolve(doc.body.paths["/events"].post.requestBody.content["application/json"].schema);
      expect(resolve(create.properties.event).required).toEqual(
        expect.arrayContaining(["event_type", "event_name"]),
      );
    });
  });
}

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, startTestServer, type TestServer } from "./helpers.js";
import { otlpProtobufBody } from "./otlp-fixtures.js";

for (const backend of await backends()) {
  describe(`projects and keys (${backend})`, () => {
    let server: TestServer;
    let admin: ReturnType<typeof api>;
    let alpha: { id: string; key: string; http: ReturnType<typeof api> };
    let beta: { id: string; key: string; http: ReturnType<typeof api> };

    beforeAll(async () => {
      server = await startTestServer(backend);
      admin = api(server.url, server.key);
      const mk = async (name: string) => {
        const res = await admin.post("/projects", { name, description: `${name} project` });
        expect(res.status).toBe(200);
        return { id: res.body.id, key: res.body.api_key, http: api(server.url, res.body.api_key) };
      };
      alpha = await mk("alpha");
      beta = await mk("beta");
    });
    afterAll(async () => server?.stop());

    it("creates, lists, renames and deletes projects (admin only)", async () => {
      const list = await admin.get("/v1/projects");
      expect(list.body.map((p: any) => p.name).sort()).toEqual(["alpha", "beta", "default"]);
      expect((await admin.post("/projects", { name: "alpha" })).status).toBe(409);
      const own = await alpha.http.get("/projects");
      expect(own.body.map((p: any) => p.name)).toEqual(["alpha"]);
      expect((await alpha.http.post("/projects", { name: "gamma" })).status).toBe(403);
      const tmp = await admin.post("/v1/projects", { name: "temp" });
      const renamed = await admin.put(`/v1/projects/${tmp.body.id}`, { name: "temp2" });
      expect(renamed.body.name).toBe("temp2");
      const classic = await admin.put("/projects", { project_id: tmp.body.id, description: "d" });
      expect(classic.body).toMatchObject({ name: "temp2", description: "d" });
      const tempKey = api(server.url, tmp.body.api_key);
      await tempKey.post("/events", { event: { event_type: "tool", event_name: "x" } });
      expect((await admin.del(`/projects?name=temp2`)).status).toBe(200);
      expect((await tempKey.get("/v1/projects")).status).toBe(401);
      expect((await admin.get("/v1/projects")).body.map((p: any) => p.name)).not.toContain("temp2");
    });

    it("never lets a key read or write another project's sessions or events", async () => {
      const sessionId = randomUUID();
      await alpha.http.post("/session/start", {
        session: { session_id: sessionId, session_name: "alpha-only" },
      });
      const ev = await alpha.http.post("/events", {
        event: {
          session_id: sessionId,
          event_type: "tool",
          event_name: "secret",
          outputs: { s: "alpha data" },
        },
      });
      const eventId = ev.body.event_id;

      for (const who of [beta.http, admin]) {
        expect((await who.get(`/session/${sessionId}`)).status).toBe(404);
        expect((await who.get(`/v1/sessions/${sessionId}`)).status).toBe(404);
        expect((await who.get(`/v1/events/${sessionId}`)).status).toBe(404);
        expect((await who.get(`/events/${eventId}`)).status).toBe(404);
        expect((await who.put("/events", { event_id: eventId, outputs: { s: "overwritten" } })).status).toBe(
          404,
        );
        expect((await who.put("/events", { event_id: sessionId, metadata: { pwned: true } })).status).toBe(
          404,
        );
        expect((await who.del(`/v1/events/${eventId}`)).status).toBe(404);
        expect((await who.del(`/v1/sessions/${sessionId}`)).status).toBe(404);
        const exp = await who.post("/events/export", {
          filters: [{ field: "session_id", operator: "is", value: sessionId }],
        });
        expect(exp.body.totalEvents).toBe(0);
        const named = await who.post("/events/export", { project: "alpha", filters: [] });
        expect(named.status).toBe(403);
      }
      // Writing into alpha's session id from beta creates beta's own session, never touches alpha's.
      await beta.http.post("/events", {
        event: { session_id: sessionId, event_type: "tool", event_name: "intruder" },
      });
      const mine = await alpha.http.get(`/v1/sessions/${sessionId}`);
      expect(mine.body.event_name).toBe("alpha-only");
      expect(mine.body.children.map((c: any) => c.event_name)).toEqual(["secret"]);
      expect(mine.body.children[0].outputs).toEqual({ s: "alpha data" });
      expect(mine.body.metadata.pwned).toBeUndefined();
      const theirs = await beta.http.get(`/v1/sessions/${sessionId}`);
      expect(theirs.body.children.map((c: any) => c.event_name)).toEqual(["intruder"]);
    });

    it("rejects spans that name another project and keeps the rest", async () => {
      const { body, traceId } = otlpProtobufBody([
        { name: "kept", attributes: { "honeyhive.project": "beta" } },
        { name: "foreign", attributes: { "honeyhive.project": "alpha" } },
      ]);
      const res = await fetch(`${server.url}/opentelemetry/v1/traces`, {
        method: "POST",
        headers: { authorization: `Bearer ${beta.key}`, "content-type": "application/x-protobuf" },
        body,
      });
      expect(res.status).toBe(200);
      const sessionId = traceId.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
      const inBeta = await beta.http.get(`/v1/events/${sessionId}`);
      const names = inBeta.body.events
        .filter((e: any) => e.event_type !== "session")
        .map((e: any) => e.event_name);
      expect(names).toEqual(["kept"]);
      expect((await alpha.http.get(`/v1/events/${sessionId}`)).status).toBe(404);
    });

    it("mints extra keys for a project", async () => {
      const res = await admin.post(`/v1/projects/${alpha.id}/api_keys`, { name: "ci" });
      expect(res.status).toBe(200);
      const other = api(server.url, res.body.api_key);
      expect((await other.get("/projects")).body.map((p: any) => p.name)).toEqual(["alpha"]);
      expect((await beta.http.post(`/v1/projects/${alpha.id}/api_keys`, {})).status).toBe(403);
    });
  });
}

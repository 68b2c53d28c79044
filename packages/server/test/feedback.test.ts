import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  type Backend,
  backends,
  type Http,
  otherProject,
  startTestServer,
  type TestServer,
} from "./helpers.js";

/** Human feedback on events over real HTTP, on every backend. */

for (const backend of await backends()) {
  describe(`event feedback (${backend})`, () => {
    let server: TestServer;
    let http: Http;

    beforeAll(async () => {
      server = await startTestServer(backend as Backend);
      http = api(server.url, server.key);
    });
    afterAll(async () => server?.stop());

    const createEvent = async (): Promise<string> => {
      const r = await http.post("/events", {
        event: { event_type: "model", event_name: "answer", inputs: {} },
      });
      expect(r.status).toBe(200);
      return r.body.event_id as string;
    };

    it("merges feedback into the event with who gave it and when, on v1 and classic paths", async () => {
      const id = await createEvent();
      const before = Date.now();
      const first = await http.post(`/v1/events/${id}/feedback`, {
        rating: 4,
        comment: "close",
        user: "u-1",
      });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({ success: true, event_id: id });
      expect(first.body.feedback).toMatchObject({
        rating: 4,
        comment: "close",
        submitted_by: "u-1",
      });
      expect(first.body.feedback.submitted_key_id).toEqual(expect.any(String));
      expect(first.body.feedback.submitted_at).toBeGreaterThanOrEqual(before);

      const second = await http.post(`/events/${id.toUpperCase()}/feedback`, {
        labels: ["tone"],
        correction: { content: "exact answer" },
        thumbs_up: false,
        project: "default",
      });
      expect(second.status, JSON.stringify(second.body)).toBe(200);
      const stored = (await http.get(`/events/${id}`)).body.feedback;
      expect(stored).toMatchObject({
        rating: 4,
        comment: "close",
        labels: ["tone"],
        correction: { content: "exact answer" },
        thumbs_up: false,
      });
      expect(stored.submitted_by).toBe(`api_key:${stored.submitted_key_id}`);
      expect(stored.submitted_at).toBeGreaterThanOrEqual(first.body.feedback.submitted_at);
    });

    it("lists feedback through the events export", async () => {
      const id = await createEvent();
      await http.post(`/v1/events/${id}/feedback`, { rating: 1, comment: "wrong" });
      const res = await http.post("/v1/events/export", {
        filters: [{ field: "feedback.comment", operator: "is", value: "wrong", type: "string" }],
      });
      expect(res.status).toBe(200);
      expect(res.body.events.map((e: { event_id: string }) => e.event_id)).toEqual([id]);
      expect(res.body.events[0].feedback).toMatchObject({ rating: 1, comment: "wrong" });
    });

    it("refuses bad feedback naming the field, and unknown or other projects' events", async () => {
      const id = await createEvent();
      const badRating = await http.post(`/v1/events/${id}/feedback`, { rating: { stars: 5 } });
      expect(badRating.status).toBe(400);
      expect(badRating.body.error.code).toBe("HH_E_VALIDATION");
      expect(JSON.stringify(badRating.body.error)).toMatch(/rating/);
      const empty = await http.post(`/v1/events/${id}/feedback`, {});
      expect(empty.status).toBe(400);
      const wrongProject = await http.post(`/events/${id}/feedback`, { rating: 1, project: "nope" });
      expect(wrongProject.status).toBe(403);

      const missing = await http.post("/v1/events/00000000-0000-4000-8000-000000000000/feedback", {
        rating: 1,
      });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("HH_E_NOT_FOUND");
      const other = await otherProject(http, server.url, `feedback-other-${backend}`);
      expect((await other.post(`/v1/events/${id}/feedback`, { rating: 1 })).status).toBe(404);
      expect((await http.get(`/events/${id}`)).body.feedback).toEqual({});
    });
  });
}

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, type Http, otherProject, startTestServer, type TestServer } from "./helpers.js";

/** GET /v1/sessions/list over the session rollups kept by triggers, on both backends. */

const T0 = Date.UTC(2024, 0, 1, 10, 0);

interface Seed {
  name: string;
  source: string;
  user: string;
  tier: string;
  start: number;
  /** [tokens, cost, error] per model event */
  models: [number, number, string | null][];
}

const SEEDS: Seed[] = [
  { name: "checkout flow", source: "prod", user: "ann", tier: "pro", start: T0, models: [[10, 0.1, null]] },
  {
    name: "search flow",
    source: "prod",
    user: "bob",
    tier: "free",
    start: T0 + 1000,
    models: [
      [100, 0.5, null],
      [50, 0.25, "rate limited"],
    ],
  },
  {
    name: "checkout retry",
    source: "dev",
    user: "ann",
    tier: "free",
    start: T0 + 2000,
    models: [
      [5, 0.01, null],
      [5, 0.01, null],
      [5, 0.01, null],
    ],
  },
];

const q = (params: Record<string, string | number | boolean | object>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === "object" ? JSON.stringify(v) : String(v))}`)
    .join("&");

for (const backend of await backends()) {
  describe(`sessions list (${backend})`, () => {
    let server: TestServer;
    let http: Http;
    let other: Http;
    const ids = new Map<string, string>();
    const list = async (params: Record<string, string | number | boolean | object> = {}) => {
      const res = await http.get(`/v1/sessions/list?${q(params)}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { sessions: any[]; next_cursor: string | null };
    };
    const names = async (params: Record<string, string | number | boolean | object> = {}) =>
      (await list(params)).sessions.map((s) => s.session_name);

    beforeAll(async () => {
      server = await startTestServer(backend);
      http = api(server.url, server.key);
      other = await otherProject(http, server.url, "unrelated");
      for (const s of SEEDS) {
        const id = randomUUID();
        ids.set(s.name, id);
        const started = await http.post("/session/start", {
          session: {
            session_id: id,
            session_name: s.name,
            source: s.source,
            start_time: s.start,
            user_properties: { user_id: s.user },
            metadata: { tier: s.tier },
          },
        });
        expect(started.status).toBe(200);
        const batch = await http.post("/events/batch", {
          session_id: id,
          events: s.models.map(([tokens, cost, error], i) => ({
            session_id: id,
            event_type: "model",
            event_name: `call ${i}`,
            source: s.source,
            start_time: s.start + 10 + i,
            duration: 100 * (i + 1),
            error,
            metadata: { total_tokens: tokens, prompt_tokens: tokens - 1, completion_tokens: 1, cost },
          })),
        });
        expect(batch.body.success, JSON.stringify(batch.body)).toBe(true);
      }
      // The other project's session must never show here.
      await other.post("/session/start", { session: { session_name: "checkout elsewhere", start_time: T0 } });
    });
    afterAll(async () => server?.stop());

    it("lists newest first with rollups equal to the session's own aggregates", async () => {
      const { sessions, next_cursor } = await list();
      expect(sessions.map((s) => s.session_name)).toEqual(["checkout retry", "search flow", "checkout flow"]);
      expect(next_cursor).toBeNull();
      const search = sessions[1];
      const tree = (await http.get(`/session/${search.session_id}`)).body;
      expect(search).toMatchObject({
        session_id: ids.get("search flow"),
        source: "prod",
        user_id: "bob",
        start_time: T0 + 1000,
        end_time: tree.end_time,
        duration_ms: tree.end_time - tree.start_time,
        event_count: tree.metadata.num_events,
        error_count: tree.metadata.num_errors,
        model_count: tree.metadata.num_model_events,
        total_tokens: tree.metadata.total_tokens,
        prompt_tokens: tree.metadata.prompt_tokens,
        completion_tokens: tree.metadata.completion_tokens,
        cost: tree.metadata.cost,
        metadata: { tier: "free" },
      });
      expect([search.event_count, search.error_count, search.total_tokens, search.cost]).toEqual([
        2, 1, 150, 0.75,
      ]);
      expect(typeof search.running).toBe("boolean");
    });

    it("filters by name, source, user, errors, time range and session-event fields", async () => {
      expect(await names({ search: "CHECKOUT" })).toEqual(["checkout retry", "checkout flow"]);
      expect(await names({ source: "prod" })).toEqual(["search flow", "checkout flow"]);
      expect(await names({ user_id: "ann" })).toEqual(["checkout retry", "checkout flow"]);
      expect(await names({ has_error: true })).toEqual(["search flow"]);
      expect(await names({ has_error: false })).toEqual(["checkout retry", "checkout flow"]);
      expect(await names({ start_time: T0 + 500, end_time: T0 + 1500 })).toEqual(["search flow"]);
      expect(
        await names({ filters: [{ field: "metadata.tier", operator: "is", value: "free", type: "string" }] }),
      ).toEqual(["checkout retry", "search flow"]);
      expect(await names({ search: "checkout", source: "prod" })).toEqual(["checkout flow"]);
    });

    it("sorts by each rollup and pages with a cursor without gaps or repeats", async () => {
      expect(await names({ sort_by: "cost", sort_order: "asc" })).toEqual([
        "checkout retry",
        "checkout flow",
        "search flow",
      ]);
      expect(await names({ sort_by: "event_count" })).toEqual([
        "checkout retry",
        "search flow",
        "checkout flow",
      ]);
      expect((await names({ sort_by: "total_tokens" }))[0]).toBe("search flow");
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 5; page++) {
        const body = await list({ sort_by: "duration", limit: 1, ...(cursor ? { cursor } : {}) });
        seen.push(...body.sessions.map((s) => s.session_name));
        cursor = body.next_cursor;
        if (cursor === null) break;
      }
      expect(seen).toEqual(await names({ sort_by: "duration" }));
      expect(new Set(seen).size).toBe(3);
    });

    it("refuses a foreign cursor and bad filters with stable codes", async () => {
      const first = await list({ limit: 1 });
      const wrongSort = await http.get(
        `/v1/sessions/list?${q({ sort_by: "cost", cursor: first.next_cursor! })}`,
      );
      expect(wrongSort.status).toBe(400);
      expect(wrongSort.body.error.code).toBe("HH_E_INVALID_CURSOR");
      const garbage = await http.get("/v1/sessions/list?cursor=not-a-cursor");
      expect(garbage.body.error.code).toBe("HH_E_INVALID_CURSOR");
      const filter = await http.get(`/v1/sessions/list?filters=${encodeURIComponent("{nope")}`);
      expect(filter.status).toBe(400);
      expect(filter.body.error.code).toBe("HH_E_INVALID_FILTER");
    });

    it("keeps rollups right after updates and deletes", async () => {
      const id = ids.get("checkout retry")!;
      const events = (await http.get(`/v1/sessions/${id}`)).body.children as any[];
      const failing = events[0].event_id;
      const put = await http.put("/events", { event_id: failing, error: "boom", metadata: { cost: 1 } });
      expect(put.status).toBe(200);
      let row = (await list({ search: "checkout retry" })).sessions[0];
      expect([row.error_count, row.event_count, row.cost]).toEqual([1, 3, 1.02]);
      expect((await http.del(`/v1/events/${events[1].event_id}`)).status).toBe(200);
      row = (await list({ search: "checkout retry" })).sessions[0];
      expect([row.error_count, row.event_count, row.total_tokens]).toEqual([1, 2, 10]);
      expect((await http.del(`/v1/sessions/${id}`)).status).toBe(200);
      expect(await names()).toEqual(["search flow", "checkout flow"]);
    });
  });
}

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type ConformanceContext,
  ev,
  idSet,
  sessionEvent,
  stored,
  writeEvents,
} from "./conformance-fixtures.testkit.js";

export function writesSuite(ctx: ConformanceContext): void {
  describe("writeBatch", () => {
    it("stores every field and reads it back with project_id and children_ids", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const e = ev({
        session_id: sid,
        parent_id: sid,
        event_type: "model",
        event_name: "openai.chat",
        source: "prod",
        config: { model: "gpt-4o", provider: "openai", temperature: 0.2 },
        inputs: { chat_history: [{ role: "user", content: "hi" }] },
        outputs: { role: "assistant", content: "hello" },
        error: "rate limited",
        metadata: { cost: 0.0012, total_tokens: 30 },
        feedback: { rating: 4 },
        metrics: { latency_ok: true },
        user_properties: { user_id: "u-1" },
      });
      await writeEvents(s, p, [e]);
      expect(await s.getEvent(p, e.event_id)).toEqual(stored(p, e));
      expect(await s.getEvent(p, randomUUID())).toBeNull();
    });

    it("is idempotent on (project, event_id): the first write wins, across and within batches", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const first = ev({ event_name: "first", metadata: { v: 1 } });
      await writeEvents(s, p, [first]);
      await writeEvents(s, p, [{ ...first, event_name: "second", metadata: { v: 2 } }]);
      expect(await s.getEvent(p, first.event_id)).toEqual(stored(p, first));

      const twin = ev({ event_name: "twin-a" });
      await writeEvents(s, p, [twin, { ...twin, event_name: "twin-b" }]);
      expect((await s.getEvent(p, twin.event_id))?.event_name).toBe("twin-a");
      expect((await s.queryEvents({ projectId: p })).total).toBe(2);
    });

    it("session seeds create the session event only when it is absent", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const child = ev({ session_id: sid });
      const seed = {
        session_id: sid,
        event_name: "my-app",
        source: "staging",
        start_time: 1_700_000_123_456.5,
        metadata: { run_id: "r1" },
        user_properties: { user_id: "u-9" },
      };
      await s.writeBatch([{ projectId: p, events: [child], sessions: [seed] }]);
      expect(await s.getEvent(p, sid)).toEqual({
        project_id: p,
        event_id: sid,
        session_id: sid,
        parent_id: null,
        children_ids: [child.event_id],
        event_type: "session",
        event_name: "my-app",
        source: "staging",
        config: {},
        inputs: {},
        outputs: {},
        error: null,
        start_time: seed.start_time,
        end_time: seed.start_time,
        duration: 0,
        metadata: { run_id: "r1" },
        feedback: {},
        metrics: {},
        user_properties: { user_id: "u-9" },
      });
      // A later seed for the same session changes nothing.
      await s.writeBatch([
        { projectId: p, events: [], sessions: [{ ...seed, event_name: "other", start_time: 1 }] },
      ]);
      expect((await s.getEvent(p, sid))?.event_name).toBe("my-app");
      expect((await s.getEvent(p, sid))?.start_time).toBe(seed.start_time);

      // A seed without metadata/user_properties gets empty objects.
      const sid2 = randomUUID();
      await s.writeBatch([
        {
          projectId: p,
          events: [],
          sessions: [{ ...seed, session_id: sid2, metadata: undefined, user_properties: undefined }],
        },
      ]);
      expect(await s.getEvent(p, sid2)).toMatchObject({
        metadata: {},
        user_properties: {},
        event_type: "session",
      });
    });

    it("a session event in the batch wins over a seed for the same session", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const session = sessionEvent(sid, { event_name: "real", inputs: { q: 1 } });
      await s.writeBatch([
        {
          projectId: p,
          events: [session],
          sessions: [{ session_id: sid, event_name: "seed", source: "x", start_time: 5 }],
        },
      ]);
      expect(await s.getEvent(p, sid)).toEqual(stored(p, session));
    });

    it("is all or nothing: one bad event fails the whole batch, every item included", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const q = await ctx.project();
      const good = ev();
      const alsoGood = ev();
      const bad = ev({ start_time: Number.NaN });
      await expect(
        s.writeBatch([
          {
            projectId: p,
            events: [good],
            sessions: [{ session_id: randomUUID(), event_name: "s", source: "x", start_time: 1 }],
          },
          { projectId: q, events: [alsoGood, bad], sessions: [] },
        ]),
      ).rejects.toThrow();
      expect((await s.queryEvents({ projectId: p })).total).toBe(0);
      expect((await s.queryEvents({ projectId: q })).total).toBe(0);
    });

    it("writes a batch larger than 40 MB in one call, all or nothing", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const mb = "0123456789abcdef".repeat(65_536);
      const big = Array.from({ length: 42 }, (_, i) => ev({ outputs: { content: `${i}:${mb}` } }));
      await expect(writeEvents(s, p, [...big, ev({ start_time: Number.NaN })])).rejects.toThrow();
      expect((await s.queryEvents({ projectId: p })).total).toBe(0);
      await writeEvents(s, p, big);
      expect((await s.queryEvents({ projectId: p })).total).toBe(42);
      expect((await s.getEvent(p, big[41]!.event_id))?.outputs["content"]).toBe(`41:${mb}`);
    });

    it("accepts an empty batch", async () => {
      await expect(ctx.storage().writeBatch([])).resolves.toBeUndefined();
      const p = await ctx.project();
      await expect(
        ctx.storage().writeBatch([{ projectId: p, events: [], sessions: [] }]),
      ).resolves.toBeUndefined();
    });

    it("50 concurrent writeBatch calls all land", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const batches = Array.from({ length: 50 }, (_, i) => {
        const sid = randomUUID();
        return {
          events: Array.from({ length: 20 }, () =>
            ev({ session_id: sid, inputs: { batch: i }, outputs: { text: "x".repeat(500) } }),
          ),
          sid,
        };
      });
      await Promise.all(
        batches.map((b) =>
          s.writeBatch([
            {
              projectId: p,
              events: b.events,
              sessions: [{ session_id: b.sid, event_name: "s", source: "x", start_time: 1 }],
            },
          ]),
        ),
      );
      const all = await s.queryEvents({ projectId: p, limit: 10_000 });
      expect(all.total).toBe(50 * 21);
      expect(all.events).toHaveLength(50 * 21);
      const expected = batches.flatMap((b) => [b.sid, ...b.events.map((e) => e.event_id)]).sort();
      expect(idSet(all.events)).toEqual(expected);
    });
  });
}

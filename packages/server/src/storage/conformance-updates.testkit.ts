import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type ConformanceContext,
  ev,
  ids,
  sessionEvent,
  stored,
  writeEvents,
} from "./conformance-fixtures.testkit.js";

export function updatesSuite(ctx: ConformanceContext): void {
  describe("updateEvent", () => {
    it("deep-merges JSON objects, replaces arrays and scalars, and returns the stored event", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const e = ev({
        metadata: { a: { b: 1, c: 2, deep: { x: 1 } }, arr: [1, 2], s: "x", keep: true },
        feedback: { rating: 1 },
        outputs: { text: "old" },
        config: { model: "gpt-4o", temperature: 0 },
        error: "boom",
      });
      await writeEvents(s, p, [e]);
      const updated = await s.updateEvent(p, e.event_id, {
        metadata: { a: { c: 3, d: 4, deep: { y: 2 } }, arr: [9], s: { now: "object" } },
        feedback: { comment: "nice" },
        metrics: { score: 0.5 },
        outputs: { text: "new" },
        inputs: { added: 1 },
        user_properties: { user_id: "u" },
        config: { temperature: 1 },
        duration: 42.5,
        end_time: e.start_time + 42.5,
        error: null,
        event_name: "renamed",
      });
      const expected = {
        ...stored(p, e),
        metadata: {
          a: { b: 1, c: 3, d: 4, deep: { x: 1, y: 2 } },
          arr: [9],
          s: { now: "object" },
          keep: true,
        },
        feedback: { rating: 1, comment: "nice" },
        metrics: { score: 0.5 },
        outputs: { text: "new" },
        inputs: { added: 1 },
        user_properties: { user_id: "u" },
        config: { model: "gpt-4o", temperature: 1 },
        duration: 42.5,
        end_time: e.start_time + 42.5,
        error: null,
        event_name: "renamed",
      };
      expect(updated).toEqual(expected);
      expect(await s.getEvent(p, e.event_id)).toEqual(expected);
      // An empty patch changes nothing; a string error replaces null.
      expect(await s.updateEvent(p, e.event_id, {})).toEqual(expected);
      expect((await s.updateEvent(p, e.event_id, { error: "again" }))?.error).toBe("again");
    });

    it("recomputes extracted columns (cost, tokens, model, provider)", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const e = ev({ event_type: "model", config: { model: "a", provider: "x" }, metadata: { cost: 1 } });
      await writeEvents(s, p, [e]);
      const q = async (field: string, operator: "is" | "greater than", value: unknown) =>
        ids((await s.queryEvents({ projectId: p, filters: [{ field, operator, value }] })).events);
      expect(await q("cost", "is", 1)).toEqual([e.event_id]);
      await s.updateEvent(p, e.event_id, {
        metadata: { cost: 7.5, prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        config: { model: "b", provider: "y" },
      });
      expect(await q("cost", "is", 1)).toEqual([]);
      expect(await q("cost", "greater than", 7)).toEqual([e.event_id]);
      expect(await q("total_tokens", "is", 15)).toEqual([e.event_id]);
      expect(await q("prompt_tokens", "is", 10)).toEqual([e.event_id]);
      expect(await q("completion_tokens", "is", 5)).toEqual([e.event_id]);
      expect(await q("model", "is", "b")).toEqual([e.event_id]);
      expect(await q("model", "is", "a")).toEqual([]);
      expect(await q("provider", "is", "y")).toEqual([e.event_id]);
    });

    it("returns null for a missing event and keeps children and links intact", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      expect(await s.updateEvent(p, randomUUID(), { metadata: { a: 1 } })).toBeNull();
      const sid = randomUUID();
      const parent = ev({ session_id: sid });
      const child = ev({ session_id: sid, parent_id: parent.event_id });
      await writeEvents(s, p, [parent, child]);
      const updated = await s.updateEvent(p, parent.event_id, { metrics: { m: 1 } });
      expect(updated?.children_ids).toEqual([child.event_id]);
      expect(updated?.parent_id).toBe(sid);
      expect(updated?.session_id).toBe(sid);
    });
  });

  describe("upsertSession", () => {
    it("creates the session event when absent", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const session = sessionEvent(sid, { event_name: "app", inputs: { q: "hi" }, metadata: { a: 1 } });
      expect(await s.upsertSession(p, session)).toEqual(stored(p, session));
      expect(await s.getEvent(p, sid)).toEqual(stored(p, session));
    });

    it("updates a span-created session: name/source/inputs/config/times replace, the rest merges", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const child = ev({ session_id: sid });
      await s.writeBatch([
        {
          projectId: p,
          events: [child],
          sessions: [
            {
              session_id: sid,
              event_name: "auto",
              source: "otel",
              start_time: 10,
              metadata: { a: 1, b: 1 },
              user_properties: { u: 1 },
            },
          ],
        },
      ]);
      await s.updateEvent(p, sid, { metrics: { m1: 1 }, feedback: { f1: 1 } });
      const start = sessionEvent(sid, {
        event_name: "chat-app",
        source: "prod",
        inputs: { question: "why" },
        config: { pipeline: "v2" },
        start_time: 5,
        end_time: 9,
        duration: 4,
        metadata: { b: 2, c: 3 },
        user_properties: { v: 2 },
        metrics: { m2: 2 },
        feedback: { f2: 2 },
      });
      const result = await s.upsertSession(p, start);
      const expected = {
        ...stored(p, start, [child.event_id]),
        metadata: { a: 1, b: 2, c: 3 },
        user_properties: { u: 1, v: 2 },
        metrics: { m1: 1, m2: 2 },
        feedback: { f1: 1, f2: 2 },
      };
      expect(result).toEqual(expected);
      expect(await s.getEvent(p, sid)).toEqual(expected);
      expect(await s.getSessionEvents(p, sid)).toHaveLength(2);
    });
  });

  describe("sessions and deletes", () => {
    it("getSessionEvents returns the session's events by start_time then event_id, with children", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const root = sessionEvent(sid, { start_time: 100 });
      const a = ev({ session_id: sid, start_time: 300, event_id: "b-event" });
      const b = ev({ session_id: sid, start_time: 300, event_id: "a-event" });
      const c = ev({ session_id: sid, start_time: 200, parent_id: "b-event" });
      const other = ev({ start_time: 150 });
      await writeEvents(s, p, [a, c, root, other, b]);
      const got = await s.getSessionEvents(p, sid);
      expect(ids(got)).toEqual([sid, c.event_id, "a-event", "b-event"]);
      expect(got[0]?.children_ids).toEqual(["a-event", "b-event"]);
      expect(got.find((e) => e.event_id === "b-event")?.children_ids).toEqual([c.event_id]);
      expect(got[0]).toEqual(stored(p, root, ["a-event", "b-event"]));
      expect(await s.getSessionEvents(p, randomUUID())).toEqual([]);
    });

    it("deleteSession removes the session and all its events and returns the count", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const keep = ev();
      await writeEvents(s, p, [sessionEvent(sid), ev({ session_id: sid }), ev({ session_id: sid }), keep]);
      expect(await s.deleteSession(p, sid)).toBe(3);
      expect(await s.getSessionEvents(p, sid)).toEqual([]);
      expect(await s.getEvent(p, sid)).toBeNull();
      expect(await s.getEvent(p, keep.event_id)).not.toBeNull();
      expect(await s.deleteSession(p, sid)).toBe(0);
    });

    it("deleteEvent reports whether it removed something", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const e = ev();
      await writeEvents(s, p, [e]);
      expect(await s.deleteEvent(p, e.event_id)).toBe(true);
      expect(await s.getEvent(p, e.event_id)).toBeNull();
      expect(await s.deleteEvent(p, e.event_id)).toBe(false);
    });
  });
}

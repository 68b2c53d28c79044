import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type ConformanceContext, ev, stored, writeEvents } from "./conformance-fixtures.testkit.js";

const UNICODE =
  "héllo wörld — 日本語テキスト — العربية — עברית — 😀👩‍👩‍👧‍👦🏳️‍🌈 — e\u0301 — \u200b\u2028\u2029 — \t\n\r\"\\'`";

const BASE = 1_700_000_000_123;

function nested(depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { leaf: true, n: depth };
  for (let i = depth - 1; i >= 0; i--) node = { level: i, child: node, list: [i, `s${i}`, null, { k: i }] };
  return node;
}

export function fidelitySuite(ctx: ConformanceContext): void {
  describe("round-trip fidelity", () => {
    it("keeps unicode, nested JSON, numbers, nulls and fractional times exactly", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const e = ev({
        event_name: UNICODE,
        source: "源",
        // Computed at run time: doubles with long binary fractions, not tidy decimal literals.
        start_time: BASE + 0.4567,
        end_time: BASE + 100.9876,
        duration: 100.5309,
        error: null,
        inputs: {
          [UNICODE]: UNICODE,
          "key.with.dots": "v",
          "": "empty key",
          deep: nested(30),
          numbers: [
            0,
            -1,
            0.1,
            1e-7,
            123456789.125,
            2 ** 53 - 1,
            -(2 ** 53) + 1,
            1.7976931348623157e308,
            5e-324,
          ],
          mixed: [true, false, null, "", [], {}, [[1, [2, [3]]]]],
        },
        outputs: { text: "", nullish: null, zero: 0, f: false },
        metadata: { emoji: "🦜", nested: { 日本: { ключ: "значение" } } },
        config: { model: "m", hyperparameters: { temperature: 0.7, top_p: 1 } },
        feedback: {},
        metrics: { score: -0.25 },
        user_properties: { name: "Zoë" },
      });
      await writeEvents(s, p, [e]);
      const got = await s.getEvent(p, e.event_id);
      expect(got).toEqual(stored(p, e));
      expect(Object.is(got?.start_time, e.start_time)).toBe(true);
      expect(got?.end_time).toBe(e.end_time);
      expect(got?.duration).toBe(e.duration);
      const listed = await s.queryEvents({ projectId: p });
      expect(listed.events[0]).toEqual(stored(p, e));
    });

    it("stores a 1 MB output and a long error unchanged", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const chunk = "The quick brown fox — 速い茶色の狐 — 🦊. ";
      const big = chunk.repeat(Math.ceil((1024 * 1024) / chunk.length)).slice(0, 1024 * 1024);
      const e = ev({ outputs: { content: big, parts: [big.slice(0, 1000)] }, error: "E".repeat(100_000) });
      await writeEvents(s, p, [e]);
      const got = await s.getEvent(p, e.event_id);
      expect(got?.outputs["content"]).toBe(big);
      expect(got).toEqual(stored(p, e));
      const session = await s.getSessionEvents(p, e.session_id);
      expect(session[0]?.outputs["content"]).toBe(big);
    });

    it("keeps fidelity through updateEvent and upsertSession", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const e = ev();
      await writeEvents(s, p, [e]);
      const updated = await s.updateEvent(p, e.event_id, {
        outputs: { text: UNICODE },
        end_time: BASE + 0.0001,
        metadata: { deep: nested(10) },
      });
      expect(updated?.outputs).toEqual({ text: UNICODE });
      expect(updated?.end_time).toBe(BASE + 0.0001);
      expect((await s.getEvent(p, e.event_id))?.metadata).toEqual({ deep: nested(10) });
    });

    it("does not fail a batch on characters some databases cannot store (U+0000, lone surrogates)", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const raw = "a\u0000b\ud800c\udc00d";
      const e = ev({ event_name: "nul\u0000name", outputs: { text: raw, [`k\u0000`]: 1 } });
      const fine = ev();
      await writeEvents(s, p, [e, fine]);
      const got = await s.getEvent(p, e.event_id);
      expect(got).not.toBeNull();
      expect(await s.getEvent(p, fine.event_id)).not.toBeNull();
      // Either stored exactly, or with the offending characters replaced by U+FFFD.
      expect(["nul\u0000name", "nul\ufffdname"]).toContain(got?.event_name);
      expect([raw, "a\ufffdb\ufffdc\ufffdd"]).toContain(got?.outputs["text"]);
      expect(Object.keys(got?.outputs ?? {}).sort()).toHaveLength(2);
      const id = randomUUID();
      expect(
        await s.upsertSession(p, {
          ...ev({ session_id: id, event_id: id }),
          event_type: "session",
          error: "x\u0000",
        }),
      ).not.toBeNull();
    });
  });
}

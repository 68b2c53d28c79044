import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type ConformanceContext, ev, ids, writeEvents } from "./conformance-fixtures.testkit.js";

export function pagingSuite(ctx: ConformanceContext): void {
  describe("queryEvents paging and children", () => {
    it("pages with limit/page, keeps total, breaks start_time ties by event_id", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const evs = ["e-c", "e-a", "e-d", "e-b", "e-e"].map((id) =>
        ev({ event_id: id, session_id: sid, start_time: 10 }),
      );
      await writeEvents(s, p, evs);
      const page = async (n: number, order?: "asc" | "desc") => {
        const r = await s.queryEvents({ projectId: p, limit: 2, page: n, ...(order ? { order } : {}) });
        expect(r.total).toBe(5);
        return ids(r.events);
      };
      expect([await page(1), await page(2), await page(3)]).toEqual([
        ["e-e", "e-d"],
        ["e-c", "e-b"],
        ["e-a"],
      ]);
      expect(await page(1, "asc")).toEqual(["e-a", "e-b"]);
      expect(await page(4)).toEqual([]);
    });

    it("defaults to 100 per page and clamps limit to 10,000", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const many = Array.from({ length: 10_050 }, (_, i) =>
        ev({ session_id: sid, start_time: i, duration: 0 }),
      );
      for (let i = 0; i < many.length; i += 2_000) await writeEvents(s, p, many.slice(i, i + 2_000));
      const def = await s.queryEvents({ projectId: p });
      expect(def.events).toHaveLength(100);
      expect(def.total).toBe(10_050);
      const big = await s.queryEvents({ projectId: p, limit: 50_000 });
      expect(big.events).toHaveLength(10_000);
      expect(big.events[0]?.start_time).toBe(10_049);
      const tiny = await s.queryEvents({ projectId: p, limit: 0 });
      expect(tiny.events).toHaveLength(1);
    });

    it("fills children_ids, including children outside the page", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const parent = ev({ session_id: sid, event_type: "chain", start_time: 1 });
      const k1 = ev({ session_id: sid, parent_id: parent.event_id, start_time: 3 });
      const k2 = ev({ session_id: sid, parent_id: parent.event_id, start_time: 2 });
      await writeEvents(s, p, [k1, parent, k2]);
      const res = await s.queryEvents({
        projectId: p,
        filters: [{ field: "event_type", operator: "is", value: "chain" }],
      });
      expect(res.events).toHaveLength(1);
      expect(res.events[0]?.children_ids).toEqual([k2.event_id, k1.event_id]);
      const full = await s.queryEvents({ projectId: p, order: "asc" });
      expect(full.events.map((e) => e.children_ids)).toEqual([[k2.event_id, k1.event_id], [], []]);
    });
  });
}

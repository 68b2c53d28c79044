import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type ConformanceContext, ev, sessionEvent, writeEvents } from "./conformance-fixtures.testkit.js";

const spanId = () => randomUUID().replaceAll("-", "").slice(0, 16);

export function linkingSuite(ctx: ConformanceContext): void {
  describe("parent linking", () => {
    it("links to a parent in the same batch by span_ref, even when the child comes first", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const parentRef = spanId();
      const parent = ev({ session_id: sid, span_ref: parentRef, parent_ref: null });
      const child = ev({ session_id: sid, span_ref: spanId(), parent_ref: parentRef });
      await writeEvents(s, p, [child, parent]);
      expect((await s.getEvent(p, child.event_id))?.parent_id).toBe(parent.event_id);
      expect((await s.getEvent(p, parent.event_id))?.parent_id).toBe(sid);
      expect((await s.getEvent(p, parent.event_id))?.children_ids).toEqual([child.event_id]);
    });

    it("links to a stored parent by span_ref", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const parentRef = spanId();
      const parent = ev({ session_id: sid, span_ref: parentRef });
      await writeEvents(s, p, [parent]);
      const child = ev({ session_id: sid, span_ref: spanId(), parent_ref: parentRef });
      await writeEvents(s, p, [child]);
      expect((await s.getEvent(p, child.event_id))?.parent_id).toBe(parent.event_id);
    });

    it("falls back to parent_ref when no event has that span_ref", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const ref = spanId();
      const child = ev({ span_ref: spanId(), parent_ref: ref });
      await writeEvents(s, p, [child]);
      expect((await s.getEvent(p, child.event_id))?.parent_id).toBe(ref);
    });

    it("re-links stored children when their parent arrives later under another event id", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const ref = spanId();
      const c1 = ev({ session_id: sid, span_ref: spanId(), parent_ref: ref, start_time: 2_000 });
      const c2 = ev({ session_id: sid, span_ref: spanId(), parent_ref: ref, start_time: 1_000 });
      await writeEvents(s, p, [c1]);
      await writeEvents(s, p, [c2]);
      expect((await s.getEvent(p, c1.event_id))?.parent_id).toBe(ref);
      const parent = ev({ session_id: sid, span_ref: ref, start_time: 500 });
      await writeEvents(s, p, [parent]);
      expect((await s.getEvent(p, c1.event_id))?.parent_id).toBe(parent.event_id);
      expect((await s.getEvent(p, c2.event_id))?.parent_id).toBe(parent.event_id);
      // children_ids ordered by start_time
      expect((await s.getEvent(p, parent.event_id))?.children_ids).toEqual([c2.event_id, c1.event_id]);
      const session = await s.getSessionEvents(p, sid);
      expect(session.find((e) => e.event_id === parent.event_id)?.children_ids).toEqual([
        c2.event_id,
        c1.event_id,
      ]);
    });

    it("keeps an explicit parent_id even when parent_ref is set", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const ref = spanId();
      await writeEvents(s, p, [ev({ span_ref: ref })]);
      const explicit = randomUUID();
      const child = ev({ parent_id: explicit, parent_ref: ref });
      await writeEvents(s, p, [child]);
      expect((await s.getEvent(p, child.event_id))?.parent_id).toBe(explicit);
    });

    it("links top-level events to their session; the session event has no parent", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const sid = randomUUID();
      const top = ev({ session_id: sid });
      await writeEvents(s, p, [sessionEvent(sid), top]);
      expect((await s.getEvent(p, top.event_id))?.parent_id).toBe(sid);
      const session = await s.getEvent(p, sid);
      expect(session?.parent_id).toBeNull();
      expect(session?.children_ids).toEqual([top.event_id]);
    });

    it("never links across projects (lookup and re-link are per project)", async () => {
      const s = ctx.storage();
      const a = await ctx.project("a");
      const b = await ctx.project("b");
      const ref = spanId();
      const inB = ev({ span_ref: ref });
      await writeEvents(s, b, [inB]);
      const childA = ev({ span_ref: spanId(), parent_ref: ref });
      await writeEvents(s, a, [childA]);
      expect((await s.getEvent(a, childA.event_id))?.parent_id).toBe(ref);

      const ref2 = spanId();
      const orphanA = ev({ span_ref: spanId(), parent_ref: ref2 });
      await writeEvents(s, a, [orphanA]);
      await writeEvents(s, b, [ev({ span_ref: ref2 })]);
      expect((await s.getEvent(a, orphanA.event_id))?.parent_id).toBe(ref2);
    });

    it("links parents and children written by concurrent batches", async () => {
      const s = ctx.storage();
      const p = await ctx.project();
      const pairs = Array.from({ length: 25 }, () => {
        const sid = randomUUID();
        const ref = spanId();
        return {
          parent: ev({ session_id: sid, span_ref: ref }),
          child: ev({ session_id: sid, span_ref: spanId(), parent_ref: ref }),
        };
      });
      await Promise.all(
        pairs.flatMap(({ parent, child }) => [writeEvents(s, p, [child]), writeEvents(s, p, [parent])]),
      );
      for (const { parent, child } of pairs) {
        expect((await s.getEvent(p, child.event_id))?.parent_id).toBe(parent.event_id);
      }
    });
  });
}

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type ConformanceContext,
  ev,
  idSet,
  ids,
  sessionEvent,
  stored,
} from "./conformance-fixtures.testkit.js";

/** Every data method is scoped by project: same ids in two projects are independent rows. */
export function isolationSuite(ctx: ConformanceContext): void {
  describe("project isolation", () => {
    it("keeps same-id events in two projects independent through every method", async () => {
      const s = ctx.storage();
      const a = await ctx.project("iso-a");
      const b = await ctx.project("iso-b");
      const sid = randomUUID();
      const shared = randomUUID();
      const inA = ev({
        event_id: shared,
        session_id: sid,
        event_name: "in-a",
        metadata: { side: "a", cost: 1 },
      });
      const inB = ev({
        event_id: shared,
        session_id: sid,
        event_name: "in-b",
        metadata: { side: "b", cost: 2 },
      });
      const onlyB = ev({ session_id: sid, event_name: "only-b" });
      // Both projects in one batch: the same (event_id) is not a duplicate across projects.
      await s.writeBatch([
        {
          projectId: a,
          events: [inA],
          sessions: [{ session_id: sid, event_name: "sa", source: "x", start_time: 1 }],
        },
        {
          projectId: b,
          events: [inB, onlyB],
          sessions: [{ session_id: sid, event_name: "sb", source: "x", start_time: 2 }],
        },
      ]);
      expect(await s.getEvent(a, shared)).toEqual(stored(a, inA));
      expect(await s.getEvent(b, shared)).toEqual(stored(b, inB));
      expect(await s.getEvent(a, onlyB.event_id)).toBeNull();
      expect((await s.getEvent(a, sid))?.event_name).toBe("sa");
      expect((await s.getEvent(b, sid))?.event_name).toBe("sb");
      // children_ids never include the other project's events
      expect((await s.getEvent(a, sid))?.children_ids).toEqual([shared]);
      expect((await s.getEvent(b, sid))?.children_ids.sort()).toEqual([shared, onlyB.event_id].sort());

      // queries
      const qa = await s.queryEvents({ projectId: a });
      expect(qa.total).toBe(2);
      expect(idSet(qa.events)).toEqual([shared, sid].sort());
      expect(qa.events.every((e) => e.project_id === a)).toBe(true);
      const byName = await s.queryEvents({
        projectId: a,
        filters: [{ field: "event_name", operator: "is", value: "only-b" }],
      });
      expect(byName.total).toBe(0);
      const byCost = await s.queryEvents({
        projectId: a,
        filters: [{ field: "cost", operator: "greater than", value: 0 }],
      });
      expect(ids(byCost.events)).toEqual([shared]);
      expect(byCost.events[0]?.metadata).toEqual({ side: "a", cost: 1 });

      // session reads
      expect(ids(await s.getSessionEvents(a, sid)).sort()).toEqual([shared, sid].sort());
      expect((await s.getSessionEvents(b, sid)).every((e) => e.project_id === b)).toBe(true);

      // updates touch only their project
      const updated = await s.updateEvent(a, shared, { metadata: { side: "A!" } });
      expect(updated?.project_id).toBe(a);
      expect((await s.getEvent(b, shared))?.metadata).toEqual({ side: "b", cost: 2 });
      expect(await s.updateEvent(a, onlyB.event_id, { metadata: { x: 1 } })).toBeNull();
      expect((await s.getEvent(b, onlyB.event_id))?.metadata).toEqual({});

      // upsertSession on A leaves B's session alone
      await s.upsertSession(a, sessionEvent(sid, { event_name: "renamed-a", metadata: { m: 1 } }));
      expect((await s.getEvent(a, sid))?.event_name).toBe("renamed-a");
      expect((await s.getEvent(b, sid))?.event_name).toBe("sb");
      expect((await s.getEvent(b, sid))?.metadata).toEqual({});

      // deletes
      expect(await s.deleteEvent(a, onlyB.event_id)).toBe(false);
      expect(await s.getEvent(b, onlyB.event_id)).not.toBeNull();
      expect(await s.deleteEvent(a, shared)).toBe(true);
      expect(await s.getEvent(b, shared)).not.toBeNull();
      expect(await s.deleteSession(a, sid)).toBe(1);
      expect(await s.getSessionEvents(b, sid)).toHaveLength(3);
      expect(await s.deleteSession(b, sid)).toBe(3);
    });

    it("creates a session seed in one project even when the other already has that session", async () => {
      const s = ctx.storage();
      const a = await ctx.project("seed-a");
      const b = await ctx.project("seed-b");
      const sid = randomUUID();
      await s.writeBatch([
        { projectId: b, events: [sessionEvent(sid, { event_name: "b-session" })], sessions: [] },
      ]);
      await s.writeBatch([
        {
          projectId: a,
          events: [],
          sessions: [{ session_id: sid, event_name: "a-seed", source: "x", start_time: 3 }],
        },
      ]);
      expect((await s.getEvent(a, sid))?.event_name).toBe("a-seed");
      expect((await s.getEvent(b, sid))?.event_name).toBe("b-session");
    });

    it("upsertSession creates in one project when only the other has the session", async () => {
      const s = ctx.storage();
      const a = await ctx.project("ups-a");
      const b = await ctx.project("ups-b");
      const sid = randomUUID();
      await s.upsertSession(b, sessionEvent(sid, { event_name: "b", metadata: { only: "b" } }));
      const created = await s.upsertSession(a, sessionEvent(sid, { event_name: "a" }));
      expect(created).toMatchObject({ project_id: a, event_name: "a", metadata: {} });
      expect(await s.getEvent(b, sid)).toMatchObject({
        project_id: b,
        event_name: "b",
        metadata: { only: "b" },
      });
    });
  });
}

import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { type ConformanceContext, ev, idSet, ids } from "./conformance-fixtures.testkit.js";
import type { EventFilter } from "./types.js";

export function querySuite(ctx: ConformanceContext): void {
  describe("queryEvents filters", () => {
    let p = "";
    const sid = randomUUID();
    const seedTime = 500;
    const m1 = ev({
      session_id: sid,
      event_type: "model",
      event_name: "Chat Completion",
      start_time: 1000,
      duration: 120,
      config: { model: "gpt-4o", provider: "openai" },
      metadata: {
        cost: 0.5,
        prompt_tokens: 100,
        completion_tokens: 50,
        total_tokens: 150,
        env: "prod",
        nested: { key: "alpha" },
        flag: true,
        num_as_text: 42,
        "dash-key": "d",
      },
      metrics: { accuracy: 0.9 },
      user_properties: { user_id: "u-1" },
    });
    const t2 = ev({
      session_id: sid,
      event_type: "tool",
      event_name: "search",
      start_time: 2000,
      duration: 30,
      error: "Timeout while calling API",
      metadata: { cost: 2, env: "dev", nested: { key: "beta" }, flag: false, tags: ["a", "b"] },
      metrics: { accuracy: 0.3 },
      user_properties: { user_id: "u-2" },
    });
    const c3 = ev({
      session_id: sid,
      event_type: "chain",
      event_name: "Retrieval step",
      start_time: 3000,
      duration: 400,
      feedback: { rating: 5, comment: "great" },
      metadata: { env: null },
    });
    const m4 = ev({
      event_type: "model",
      event_name: "claude call",
      start_time: 4000,
      duration: 80,
      config: { model: "claude-3", provider: "anthropic" },
      metadata: { cost: "0.7", env: "prod" },
      outputs: { text: "ÉCOLE Résumé" },
    });
    const all = () => [sid, m1.event_id, t2.event_id, c3.event_id, m4.event_id].sort();
    const find = async (...filters: EventFilter[]) =>
      idSet((await ctx.storage().queryEvents({ projectId: p, filters })).events);

    beforeAll(async () => {
      p = await ctx.project("query");
      await ctx.storage().writeBatch([
        {
          projectId: p,
          events: [m1, t2, c3, m4],
          sessions: [{ session_id: sid, event_name: "sess", source: "conformance", start_time: seedTime }],
        },
      ]);
    });

    it("returns everything without filters, newest first, with total", async () => {
      const res = await ctx.storage().queryEvents({ projectId: p });
      expect(res.total).toBe(5);
      expect(ids(res.events)).toEqual([m4.event_id, c3.event_id, t2.event_id, m1.event_id, sid]);
      const asc = await ctx.storage().queryEvents({ projectId: p, order: "asc" });
      expect(ids(asc.events)).toEqual([sid, m1.event_id, t2.event_id, c3.event_id, m4.event_id]);
    });

    it("filters on text columns: is, is not, contains (case-insensitive), not contains", async () => {
      expect(await find({ field: "event_type", operator: "is", value: "model" })).toEqual(idSet([m1, m4]));
      expect(await find({ field: "event_type", operator: "is not", value: "model" })).toEqual(
        idSet([{ event_id: sid }, t2, c3]),
      );
      expect(await find({ field: "event_name", operator: "is", value: "chat completion" })).toEqual([]);
      expect(await find({ field: "event_name", operator: "contains", value: "CHAT" })).toEqual([m1.event_id]);
      expect(await find({ field: "error", operator: "contains", value: "timeout" })).toEqual([t2.event_id]);
      expect(await find({ field: "error", operator: "not contains", value: "timeout" })).toEqual(
        idSet([{ event_id: sid }, m1, c3, m4]),
      );
      expect(await find({ field: "session_id", operator: "is", value: sid })).toEqual(
        idSet([{ event_id: sid }, m1, t2, c3]),
      );
      expect(await find({ field: "parent_id", operator: "is", value: sid })).toEqual(idSet([m1, t2, c3]));
      expect(await find({ field: "event_id", operator: "is", value: m4.event_id, type: "id" })).toEqual([
        m4.event_id,
      ]);
      expect(await find({ field: "source", operator: "is", value: "conformance" })).toEqual(all());
      expect(await find({ field: "model", operator: "is", value: "gpt-4o" })).toEqual([m1.event_id]);
      expect(await find({ field: "provider", operator: "contains", value: "ANTHROP" })).toEqual([
        m4.event_id,
      ]);
    });

    it("is null / is not null and exists on columns", async () => {
      expect(await find({ field: "error", operator: "is", value: null })).toEqual(
        idSet([{ event_id: sid }, m1, c3, m4]),
      );
      expect(await find({ field: "error", operator: "is not", value: null })).toEqual([t2.event_id]);
      expect(await find({ field: "error", operator: "exists" })).toEqual([t2.event_id]);
      expect(await find({ field: "model", operator: "not exists" })).toEqual(
        idSet([{ event_id: sid }, t2, c3]),
      );
    });

    it("filters on numeric columns and the extracted cost/token columns", async () => {
      expect(await find({ field: "duration", operator: "greater than", value: 100 })).toEqual(
        idSet([m1, c3]),
      );
      expect(await find({ field: "duration", operator: "less than", value: "100", type: "number" })).toEqual(
        idSet([{ event_id: sid }, t2, m4]),
      );
      expect(await find({ field: "duration", operator: "is", value: 30 })).toEqual([t2.event_id]);
      expect(await find({ field: "start_time", operator: "greater than", value: 2500 })).toEqual(
        idSet([c3, m4]),
      );
      // m4's cost is the string "0.7", so its extracted cost is null.
      expect(await find({ field: "cost", operator: "greater than", value: 0 })).toEqual(idSet([m1, t2]));
      expect(await find({ field: "cost", operator: "less than", value: 1 })).toEqual([m1.event_id]);
      expect(await find({ field: "total_tokens", operator: "is", value: 150 })).toEqual([m1.event_id]);
      expect(await find({ field: "cost", operator: "is not", value: 2 })).toEqual(
        idSet([{ event_id: sid }, m1, c3, m4]),
      );
    });

    it("filters on dotted JSON paths with number, string, boolean and id types", async () => {
      expect(
        await find({ field: "metadata.cost", operator: "greater than", value: 0.4, type: "number" }),
      ).toEqual(idSet([m1, t2]));
      expect(
        await find({ field: "metadata.cost", operator: "greater than", value: "1", type: "number" }),
      ).toEqual([t2.event_id]);
      expect(await find({ field: "metrics.accuracy", operator: "less than", value: 0.5 })).toEqual([
        t2.event_id,
      ]);
      expect(await find({ field: "metrics.accuracy", operator: "is", value: 0.9 })).toEqual([m1.event_id]);
      expect(await find({ field: "user_properties.user_id", operator: "is", value: "u-1" })).toEqual([
        m1.event_id,
      ]);
      expect(
        await find({ field: "metadata.nested.key", operator: "is", value: "beta", type: "string" }),
      ).toEqual([t2.event_id]);
      expect(await find({ field: "metadata.nested.key", operator: "contains", value: "ALP" })).toEqual([
        m1.event_id,
      ]);
      expect(await find({ field: "metadata.dash-key", operator: "is", value: "d" })).toEqual([m1.event_id]);
      expect(
        await find({ field: "metadata.num_as_text", operator: "is", value: "42", type: "string" }),
      ).toEqual([m1.event_id]);
      expect(await find({ field: "metadata.cost", operator: "is", value: "0.7", type: "string" })).toEqual([
        m4.event_id,
      ]);
      expect(await find({ field: "metadata.flag", operator: "is", value: true })).toEqual([m1.event_id]);
      expect(await find({ field: "metadata.flag", operator: "is", value: "false", type: "boolean" })).toEqual(
        [t2.event_id],
      );
      expect(
        await find({ field: "metadata.flag", operator: "is not", value: true, type: "boolean" }),
      ).toEqual(idSet([{ event_id: sid }, t2, c3, m4]));
      expect(await find({ field: "config.model", operator: "is", value: "claude-3", type: "id" })).toEqual([
        m4.event_id,
      ]);
      expect(await find({ field: "outputs.text", operator: "contains", value: "école" })).toEqual([
        m4.event_id,
      ]);
      expect(await find({ field: "metadata.tags.1", operator: "is", value: "b" })).toEqual([t2.event_id]);
    });

    it("exists / not exists on JSON paths treat null as absent", async () => {
      expect(await find({ field: "feedback.rating", operator: "exists" })).toEqual([c3.event_id]);
      expect(await find({ field: "metadata.env", operator: "exists" })).toEqual(idSet([m1, t2, m4]));
      expect(await find({ field: "metadata.env", operator: "not exists" })).toEqual(
        idSet([{ event_id: sid }, c3]),
      );
      expect(await find({ field: "metadata.env", operator: "is not", value: "prod" })).toEqual(
        idSet([{ event_id: sid }, t2, c3]),
      );
      expect(await find({ field: "metadata.nested", operator: "exists" })).toEqual(idSet([m1, t2]));
    });

    it("combines filters with AND and applies an inclusive dateRange on start_time", async () => {
      expect(
        await find(
          { field: "event_type", operator: "is", value: "model" },
          { field: "metadata.env", operator: "is", value: "prod" },
          { field: "start_time", operator: "less than", value: 3000 },
        ),
      ).toEqual([m1.event_id]);
      const ranged = await ctx.storage().queryEvents({ projectId: p, dateRange: { $gte: 2000, $lte: 3000 } });
      expect(idSet(ranged.events)).toEqual(idSet([t2, c3]));
      expect(ranged.total).toBe(2);
      const open = await ctx.storage().queryEvents({ projectId: p, dateRange: { $gte: 3000 } });
      expect(idSet(open.events)).toEqual(idSet([c3, m4]));
    });

    it("rejects unknown fields, operators, types and bad values with HH_E_INVALID_FILTER", async () => {
      const bad = async (filter: unknown) =>
        ctx.storage().queryEvents({ projectId: p, filters: [filter as EventFilter] });
      const invalid = { code: "HH_E_INVALID_FILTER", status: 400 };
      await expect(bad({ field: "bogus", operator: "is", value: 1 })).rejects.toMatchObject({
        ...invalid,
        message: expect.stringContaining("bogus"),
        hint: expect.stringContaining("metadata"),
      });
      await expect(bad({ field: "event_name", operator: "like", value: "x" })).rejects.toMatchObject(invalid);
      await expect(
        bad({ field: "event_name", operator: "is", value: "x", type: "regex" }),
      ).rejects.toMatchObject(invalid);
      await expect(bad({ field: "metadata", operator: "exists" })).rejects.toMatchObject(invalid);
      await expect(bad({ field: "metadata..cost", operator: "exists" })).rejects.toMatchObject(invalid);
      await expect(bad({ field: "event_name.x", operator: "exists" })).rejects.toMatchObject(invalid);
      await expect(bad({ field: "duration", operator: "greater than", value: "abc" })).rejects.toMatchObject(
        invalid,
      );
      await expect(bad({ field: "duration", operator: "contains", value: "1" })).rejects.toMatchObject(
        invalid,
      );
      await expect(
        bad({ field: "metadata.flag", operator: "greater than", value: true }),
      ).rejects.toMatchObject(invalid);
      await expect(bad({ field: "event_name", operator: "is" })).rejects.toMatchObject(invalid);
      await expect(
        ctx.storage().queryEvents({ projectId: p, dateRange: { $gte: "yesterday" as unknown as number } }),
      ).rejects.toMatchObject(invalid);
    });

    it("is safe against SQL injection in fields, paths and values", async () => {
      const s = ctx.storage();
      for (const field of [
        "metadata.x') OR 1=1 --",
        "event_name; DROP TABLE events",
        'metadata.a"b',
        "metadata.a'b",
        "event_name OR 1=1",
      ]) {
        await expect(
          s.queryEvents({ projectId: p, filters: [{ field, operator: "exists" }] }),
        ).rejects.toMatchObject({
          code: "HH_E_INVALID_FILTER",
        });
      }
      expect(await find({ field: "event_name", operator: "is", value: "x' OR '1'='1" })).toEqual([]);
      expect(await find({ field: "metadata.env", operator: "contains", value: "%" })).toEqual([]);
      expect(await find({ field: "event_name", operator: "contains", value: "_" })).toEqual([]);
      expect((await s.queryEvents({ projectId: p })).total).toBe(5);
    });
  });
}

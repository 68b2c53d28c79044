import { describe, expect, it } from "vitest";
import { ConfigurationStore } from "../resources/configurations/store.js";
import { withDefaults } from "../resources/metrics/definition.js";
import { MetricStore } from "../resources/metrics/store.js";
import { ToolStore } from "../resources/tools/store.js";
import type { ConformanceContext } from "./conformance-fixtures.testkit.js";

const noCheck = () => undefined;

/** The catalog stores (tools, metrics, configurations) behave the same on every backend. */
export function catalogSuite(ctx: ConformanceContext): void {
  describe("catalog: tools", () => {
    const store = () => new ToolStore(ctx.storage().sql);

    it("round-trips a tool, updates given fields only and deletes it", async () => {
      const p = await ctx.project("tools");
      const parameters = { type: "object", properties: { q: { type: "string" } }, required: ["q"] };
      const created = await store().create(p, { name: "search", description: "Web search", parameters });
      expect(await store().get(p, created.id)).toEqual(created);
      expect(created).toMatchObject({ tool_type: "function", parameters, project_id: p });
      const updated = await store().update(p, created.id, { tool_type: "tool" });
      expect(updated).toMatchObject({
        name: "search",
        description: "Web search",
        parameters,
        tool_type: "tool",
      });
      expect(await store().list(p)).toEqual([updated]);
      expect(await store().list(p, { name: "other" })).toEqual([]);
      expect(await store().delete(p, created.id)).toBe(true);
      expect(await store().get(p, created.id)).toBeNull();
      expect(await store().delete(p, created.id)).toBe(false);
    });

    it("refuses a duplicate name with a conflict and never crosses projects", async () => {
      const p = await ctx.project("tools-a");
      const q = await ctx.project("tools-b");
      const tool = await store().create(p, { name: "calc" });
      await expect(store().create(p, { name: "calc" })).rejects.toMatchObject({
        code: "HH_E_CONFLICT",
        status: 409,
      });
      const other = await store().create(q, { name: "calc" });
      await expect(store().update(q, other.id, { name: "calc" })).resolves.toMatchObject({ name: "calc" });
      expect(await store().get(q, tool.id)).toBeNull();
      expect(await store().update(q, tool.id, { name: "stolen" })).toBeNull();
      expect(await store().delete(q, tool.id)).toBe(false);
      expect(await store().get(p, tool.id)).toMatchObject({ name: "calc" });
    });
  });

  describe("catalog: metrics", () => {
    const store = () => new MetricStore(ctx.storage().sql);

    it("round-trips every field of a metric", async () => {
      const p = await ctx.project("metrics");
      const fields = withDefaults({
        name: "relevance",
        type: "LLM",
        description: "Is the answer relevant?",
        criteria: "Rate 1-5",
        return_type: "float",
        enabled_in_prod: true,
        needs_ground_truth: true,
        threshold: { min: 3, max: 5 },
        event_name: "answer",
        event_type: "model",
        model_provider: "openai",
        model_name: "gpt-4o",
        sampling_percentage: 12.5,
        categories: [{ category: "good", score: 1 }],
      });
      const created = await store().create(p, fields);
      expect(created).toMatchObject(fields);
      expect(await store().get(p, created.id)).toEqual(created);
      const flag = await store().create(p, {
        ...withDefaults({ name: "safe", type: "custom" }),
        return_type: "categorical",
        pass_when: ["ok", 1],
      });
      expect(await store().get(p, flag.id)).toMatchObject({
        pass_when: ["ok", 1],
        threshold: null,
        criteria: null,
        enabled_in_prod: false,
        child_metrics: [],
        sampling_percentage: 100,
      });
    });

    it("filters by name, either type spelling, event and enabled_in_prod", async () => {
      const p = await ctx.project("metrics-filter");
      await store().create(
        p,
        withDefaults({ name: "a", type: "model", event_name: "chat", enabled_in_prod: true }),
      );
      await store().create(p, withDefaults({ name: "b", type: "PYTHON", event_name: "chat" }));
      await store().create(p, withDefaults({ name: "c", type: "LLM", event_type: "tool" }));
      const names = async (q: Parameters<MetricStore["listMetrics"]>[1]) =>
        (await store().listMetrics(p, q)).map((m) => m.name);
      expect(await names({})).toEqual(["a", "b", "c"]);
      expect(await names({ name: "b" })).toEqual(["b"]);
      expect(await names({ type: "LLM" })).toEqual(["a", "c"]);
      expect(await names({ type: "custom" })).toEqual(["b"]);
      expect(await names({ event_name: "chat", enabled_in_prod: false })).toEqual(["b"]);
      expect(await names({ event_type: "tool" })).toEqual(["c"]);
    });

    it("updates by merging, lets the check refuse, and keeps projects apart", async () => {
      const p = await ctx.project("metrics-upd");
      const q = await ctx.project("metrics-other");
      const m = await store().create(p, withDefaults({ name: "len", type: "custom" }));
      await store().create(p, withDefaults({ name: "taken", type: "custom" }));
      const updated = await store().update(
        p,
        m.id,
        { threshold: { max: 100 }, enabled_in_prod: true },
        noCheck,
      );
      expect(updated).toMatchObject({
        name: "len",
        type: "custom",
        threshold: { max: 100 },
        enabled_in_prod: true,
      });
      const refuse = () => {
        throw new Error("refused");
      };
      await expect(store().update(p, m.id, { description: "x" }, refuse)).rejects.toThrow("refused");
      await expect(store().update(p, m.id, { name: "taken" }, noCheck)).rejects.toMatchObject({
        status: 409,
      });
      expect(await store().get(p, m.id)).toEqual(updated);
      expect(await store().update(q, m.id, { description: "x" }, noCheck)).toBeNull();
      expect(await store().listMetrics(q)).toEqual([]);
      expect(await store().delete(q, m.id)).toBe(false);
      expect(await store().delete(p, m.id)).toBe(true);
      expect(await store().listMetrics(p, { name: "len" })).toEqual([]);
    });
  });

  describe("catalog: configurations", () => {
    const store = () => new ConfigurationStore(ctx.storage().sql);
    const params = (model: string) => ({ call_type: "chat", model, hyperparameters: { temperature: 0 } });

    it("keeps every version readable and moves a deployment between versions", async () => {
      const p = await ctx.project("configs");
      const v1 = await store().create(p, {
        name: "qa",
        provider: "openai",
        parameters: params("gpt-4o"),
        env: ["prod"],
      });
      expect(v1).toMatchObject({
        version: 1,
        latest_version: 1,
        env: ["prod"],
        deployments: { prod: 1 },
        type: "LLM",
      });
      const v2 = await store().update(
        p,
        v1.id,
        { parameters: params("gpt-4.1"), tags: ["new"], env: ["dev"] },
        noCheck,
      );
      expect(v2).toMatchObject({
        version: 2,
        latest_version: 2,
        env: ["dev"],
        deployments: { prod: 1, dev: 2 },
      });
      expect((await store().deployed(p, "qa", "prod"))?.parameters["model"]).toBe("gpt-4o");
      expect((await store().deployed(p, "qa", "dev"))?.parameters["model"]).toBe("gpt-4.1");
      expect(await store().deployed(p, "qa", "staging")).toBeNull();

      const versions = await store().versions(p, v1.id);
      expect(versions?.map((v) => [v.version, v.parameters["model"], v.env, v.tags])).toEqual([
        [1, "gpt-4o", ["prod"], []],
        [2, "gpt-4.1", ["dev"], ["new"]],
      ]);
      expect(await store().version(p, v1.id, 1)).toEqual(versions?.[0]);
      expect(await store().version(p, v1.id, 3)).toBeNull();

      const moved = await store().deploy(p, v1.id, "prod");
      expect(moved).toMatchObject({ version: 2, env: ["dev", "prod"], deployments: { prod: 2, dev: 2 } });
      expect((await store().version(p, v1.id, 1))?.env).toEqual([]);
      await expect(store().deploy(p, v1.id, "staging", 7)).rejects.toMatchObject({ status: 404 });
      expect(await store().deploy(p, v1.id, "staging", 1)).toMatchObject({ deployments: { staging: 1 } });
      expect(await store().undeploy(p, v1.id, "staging")).toMatchObject({ deployments: { prod: 2, dev: 2 } });
    });

    it("adds no version when the content is unchanged, and checks the merged content", async () => {
      const p = await ctx.project("configs-same");
      const c = await store().create(p, {
        name: "a",
        provider: "openai",
        parameters: { model: "m", call_type: "chat" },
      });
      const same = await store().update(
        p,
        c.id,
        { parameters: { call_type: "chat", model: "m" }, env: ["staging"] },
        noCheck,
      );
      expect(same).toMatchObject({ version: 1, latest_version: 1, env: ["staging"] });
      const renamed = await store().update(p, c.id, { name: "b" }, noCheck);
      expect(renamed).toMatchObject({ name: "b", version: 1 });
      let seen: unknown;
      await expect(
        store().update(p, c.id, { type: "pipeline" }, (content) => {
          seen = content;
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      expect(seen).toMatchObject({ type: "pipeline", provider: "openai", parameters: { model: "m" } });
      expect((await store().versions(p, c.id))?.length).toBe(1);
    });

    it("serializes concurrent updates: each adds its own version", async () => {
      const p = await ctx.project("configs-race");
      const c = await store().create(p, { name: "race", provider: "openai", parameters: params("m0") });
      const models = ["m1", "m2", "m3", "m4"];
      await Promise.all(models.map((m) => store().update(p, c.id, { parameters: params(m) }, noCheck)));
      const versions = await store().versions(p, c.id);
      expect(versions?.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
      expect(
        versions
          ?.slice(1)
          .map((v) => v.parameters["model"])
          .sort(),
      ).toEqual(models);
      expect((await store().get(p, c.id))?.latest_version).toBe(5);
    });

    it("lists by name, env, type and tags", async () => {
      const p = await ctx.project("configs-list");
      const a = await store().create(p, {
        name: "a",
        provider: "openai",
        parameters: params("x"),
        tags: ["t1", "t2"],
      });
      await store().create(p, {
        name: "b",
        provider: "anthropic",
        parameters: {},
        type: "pipeline",
        tags: ["t1"],
      });
      await store().deploy(p, a.id, "prod");
      const names = async (q: Parameters<ConfigurationStore["list"]>[1]) =>
        (await store().list(p, q)).map((c) => c.name);
      expect(await names({})).toEqual(["a", "b"]);
      expect(await names({ name: "b" })).toEqual(["b"]);
      expect(await names({ env: "prod" })).toEqual(["a"]);
      expect(await names({ env: "dev" })).toEqual([]);
      expect(await names({ type: "pipeline" })).toEqual(["b"]);
      expect(await names({ tags: ["t1"] })).toEqual(["a", "b"]);
      expect(await names({ tags: ["t1", "t2"] })).toEqual(["a"]);
    });

    it("refuses duplicate names, never crosses projects, and deletes versions with the configuration and the project", async () => {
      const p = await ctx.project("configs-a");
      const q = await ctx.project("configs-b");
      const c = await store().create(p, {
        name: "x",
        provider: "openai",
        parameters: params("m"),
        env: ["prod"],
      });
      await expect(store().create(p, { name: "x", provider: "o", parameters: {} })).rejects.toMatchObject({
        code: "HH_E_CONFLICT",
      });
      await store().create(p, { name: "y", provider: "openai", parameters: params("m") });
      await expect(store().update(p, c.id, { name: "y" }, noCheck)).rejects.toMatchObject({ status: 409 });
      expect(await store().get(q, c.id)).toBeNull();
      expect(await store().versions(q, c.id)).toBeNull();
      expect(await store().update(q, c.id, { provider: "evil" }, noCheck)).toBeNull();
      expect(await store().deploy(q, c.id, "dev")).toBeNull();
      expect(await store().undeploy(q, c.id, "prod")).toBeNull();
      expect(await store().delete(q, c.id)).toBe(false);
      expect(await store().deployed(q, "x", "prod")).toBeNull();
      expect((await store().get(p, c.id))?.deployments).toEqual({ prod: 1 });

      const sql = ctx.storage().sql;
      const count = async (table: string, project: string) =>
        Number(
          (await sql.get(`SELECT count(*) AS n FROM ${sql.table(table)} WHERE project_id = ?`, [project]))?.[
            "n"
          ],
        );
      expect(await store().delete(p, c.id)).toBe(true);
      expect(await count("configuration_deployments", p)).toBe(0);
      expect(await count("configuration_versions", p)).toBe(1);
      await ctx.storage().deleteProject(p);
      for (const table of ["configurations", "configuration_versions", "tools", "metrics"]) {
        expect(await count(table, p)).toBe(0);
      }
    });
  });
}

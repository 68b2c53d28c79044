import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  backends,
  type Http,
  otherProject,
  type Res,
  startTestServer,
  type TestServer,
} from "./helpers.js";

/** A refusal: status, stable code, and (for validation) the field it names. */
function refused(res: Res, status: number, code: string, field?: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(res.body.error.hint).toEqual(expect.any(String));
  if (field !== undefined) {
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toContain(field);
  }
}

const llm = (model: string) => ({ call_type: "chat", model, hyperparameters: { temperature: 0.2 } });

for (const backend of await backends()) {
  describe(`configurations, tools and metrics over HTTP (${backend})`, () => {
    let server: TestServer;
    let http: Http;
    /** A key of another project. */
    let other: Http;

    beforeAll(async () => {
      server = await startTestServer(backend);
      http = api(server.url, server.key);
      other = await otherProject(http, server.url, "other");
    });
    afterAll(async () => server?.stop());

    describe("configurations", () => {
      it("versions every update, deploys per environment and serves the deployed one by name", async () => {
        const created = await http.post("/configurations", {
          project: "default",
          name: "qa-prompt",
          provider: "openai",
          parameters: { ...llm("gpt-4o"), template: [{ role: "system", content: "Answer {{q}}" }] },
          env: ["prod"],
          tags: ["qa"],
          user_properties: { email: "a@b.c" },
        });
        expect(created.status).toBe(200);
        expect(created.body).toMatchObject({
          name: "qa-prompt",
          type: "LLM",
          version: 1,
          env: ["prod"],
          tags: ["qa"],
        });
        expect(created.body.insertedId).toBe(created.body.id);
        const id = created.body.id as string;

        const v2 = await http.put(`/configurations/${id}`, { parameters: llm("gpt-4.1"), env: ["dev"] });
        expect(v2.status).toBe(200);
        expect(v2.body).toMatchObject({
          version: 2,
          latest_version: 2,
          env: ["dev"],
          deployments: { prod: 1, dev: 2 },
        });

        const prod = await http.get("/configurations?project=default&name=qa-prompt&env=prod");
        expect(prod.body.map((c: any) => [c.version, c.parameters.model])).toEqual([[1, "gpt-4o"]]);
        const direct = await http.get("/v1/configurations/deployed?name=qa-prompt&env=prod");
        expect(direct.body).toMatchObject({ id, version: 1, parameters: { model: "gpt-4o" }, env: ["prod"] });
        refused(
          await http.get("/v1/configurations/deployed?name=qa-prompt&env=staging"),
          404,
          "HH_E_NOT_FOUND",
        );

        const versions = await http.get(`/v1/configurations/${id}/versions`);
        expect(versions.body.map((v: any) => [v.version, v.parameters.model, v.env])).toEqual([
          [1, "gpt-4o", ["prod"]],
          [2, "gpt-4.1", ["dev"]],
        ]);
        const first = await http.get(`/v1/configurations/${id}/versions/1`);
        expect(first.body).toMatchObject({
          configuration_id: id,
          version: 1,
          tags: ["qa"],
          parameters: { model: "gpt-4o" },
        });

        const moved = await http.post(`/v1/configurations/${id}/deploy`, { env: "prod" });
        expect(moved.body).toMatchObject({
          version: 2,
          env: ["dev", "prod"],
          deployments: { prod: 2, dev: 2 },
        });
        expect((await http.get("/v1/configurations/deployed?name=qa-prompt&env=prod")).body.version).toBe(2);
        const back = await http.post(`/configurations/${id}/deploy`, { env: "staging", version: 1 });
        expect(back.body.deployments).toEqual({ prod: 2, dev: 2, staging: 1 });
        const undeployed = await http.del(`/v1/configurations/${id}/deployments/staging`);
        expect(undeployed.body.deployments).toEqual({ prod: 2, dev: 2 });

        expect((await http.get(`/v1/configurations/${id}`)).body).toMatchObject({
          version: 2,
          name: "qa-prompt",
        });
        expect((await http.del(`/configurations/${id}`)).body).toEqual({ success: true, deleted: id });
        refused(await http.get(`/v1/configurations/${id}/versions`), 404, "HH_E_NOT_FOUND");
      });

      it("lists by name, env, type and tags on classic and v1 paths, and accepts the wrapped create", async () => {
        const wrapped = await http.post("/configurations", {
          configuration: {
            name: "flow",
            provider: "custom",
            type: "pipeline",
            parameters: {},
            tags: ["a", "b"],
          },
        });
        expect(wrapped.status).toBe(200);
        await http.post("/v1/configurations", {
          name: "chat",
          provider: "anthropic",
          parameters: llm("claude"),
          tags: ["a"],
        });
        const names = async (path: string) => (await http.get(path)).body.map((c: any) => c.name);
        expect(await names("/v1/configurations")).toEqual(["chat", "flow"]);
        expect(await names("/v1/configurations?tags=a")).toEqual(["chat", "flow"]);
        expect(await names("/v1/configurations?tags=a,b")).toEqual(["flow"]);
        expect(await names("/configurations?type=pipeline")).toEqual(["flow"]);
        expect(await names("/configurations?project_name=default&name=chat")).toEqual(["chat"]);
        expect(await names("/configurations?env=dev")).toEqual([]);
        const unchanged = await http.put(`/v1/configurations/${wrapped.body.id}`, { tags: ["a", "b"] });
        expect(unchanged.body.version).toBe(1);
      });

      it("refuses bad input with the field named and a hint", async () => {
        const ok = { name: "valid", provider: "openai", parameters: llm("m") };
        refused(
          await http.post("/configurations", { provider: "openai", parameters: {} }),
          400,
          "HH_E_VALIDATION",
          "name",
        );
        refused(
          await http.post("/v1/configurations", { ...ok, env: ["production"] }),
          400,
          "HH_E_VALIDATION",
          "env.0",
        );
        refused(
          await http.post("/v1/configurations", { ...ok, type: "agent" }),
          400,
          "HH_E_VALIDATION",
          "type",
        );
        refused(
          await http.post("/v1/configurations", { ...ok, parameters: { call_type: "chat" } }),
          400,
          "HH_E_VALIDATION",
          "parameters.model",
        );
        refused(
          await http.post("/configurations", { configuration: { ...ok, parameters: {} } }),
          400,
          "HH_E_VALIDATION",
          "configuration.parameters.model",
        );
        refused(
          await http.post("/configurations", { ...ok, project: "other" }),
          403,
          "HH_E_PROJECT_MISMATCH",
          "project",
        );
        const created = await http.post("/v1/configurations", ok);
        const dup = await http.post("/configurations", ok);
        refused(dup, 409, "HH_E_CONFLICT");
        expect(dup.body.error.hint).toMatch(/unique per project/);
        const id = created.body.id as string;
        refused(await http.put(`/configurations/${id}`, { tags: "x" }), 400, "HH_E_VALIDATION", "tags");
        refused(
          await http.put(`/configurations/${id}`, { type: "LLM", parameters: {} }),
          400,
          "HH_E_VALIDATION",
          "parameters.model",
        );
        refused(await http.put("/configurations/missing", { provider: "x" }), 404, "HH_E_NOT_FOUND");
        refused(await http.del("/v1/configurations/missing"), 404, "HH_E_NOT_FOUND");
        refused(await http.get("/v1/configurations?env=qa"), 400, "HH_E_VALIDATION", "env");
        refused(await http.get("/configurations?project=other"), 403, "HH_E_PROJECT_MISMATCH", "project");
        refused(await http.get("/v1/configurations/deployed?name=valid"), 400, "HH_E_VALIDATION", "env");
        refused(await http.get(`/v1/configurations/${id}/versions/0`), 400, "HH_E_VALIDATION", "version");
        refused(await http.get(`/v1/configurations/${id}/versions/9`), 404, "HH_E_NOT_FOUND");
        refused(
          await http.post(`/v1/configurations/${id}/deploy`, { env: "live" }),
          400,
          "HH_E_VALIDATION",
          "env",
        );
        refused(
          await http.post(`/v1/configurations/${id}/deploy`, { env: "dev", version: 5 }),
          404,
          "HH_E_NOT_FOUND",
          "version",
        );
        refused(await http.del(`/v1/configurations/${id}/deployments/live`), 400, "HH_E_VALIDATION", "env");
      });

      it("keeps another project's key out", async () => {
        const mine = await http.post("/v1/configurations", {
          name: "secret",
          provider: "openai",
          parameters: llm("m"),
          env: ["prod"],
        });
        const id = mine.body.id as string;
        expect((await other.get("/v1/configurations")).body).toEqual([]);
        refused(await other.get("/v1/configurations/deployed?name=secret&env=prod"), 404, "HH_E_NOT_FOUND");
        for (const res of [
          await other.get(`/v1/configurations/${id}`),
          await other.get(`/v1/configurations/${id}/versions`),
          await other.get(`/v1/configurations/${id}/versions/1`),
          await other.put(`/configurations/${id}`, { provider: "evil" }),
          await other.post(`/v1/configurations/${id}/deploy`, { env: "dev" }),
          await other.del(`/v1/configurations/${id}/deployments/prod`),
          await other.del(`/configurations/${id}`),
        ]) {
          refused(res, 404, "HH_E_NOT_FOUND");
        }
        // The other project may use the same name: names are unique per project only.
        expect(
          (await other.post("/configurations", { name: "secret", provider: "x", parameters: llm("m") }))
            .status,
        ).toBe(200);
        expect((await http.get(`/v1/configurations/${id}`)).body).toMatchObject({
          provider: "openai",
          deployments: { prod: 1 },
        });
      });
    });

    describe("tools", () => {
      const schema = { type: "object", properties: { q: { type: "string" } }, required: ["q"] };

      it("creates, lists, updates and deletes tools on /tools", async () => {
        const created = await http.post("/tools", {
          task: "default",
          name: "search",
          description: "Web",
          parameters: schema,
          type: "tool",
        });
        expect(created.status).toBe(200);
        expect(created.body).toMatchObject({
          name: "search",
          description: "Web",
          parameters: schema,
          tool_type: "tool",
        });
        const id = created.body.id as string;
        expect((await http.get("/tools")).body.map((t: any) => t.id)).toEqual([id]);
        expect((await http.get("/tools?name=nope")).body).toEqual([]);
        const updated = await http.put("/tools", {
          tool_id: id,
          description: "Search the web",
          tool_type: "function",
        });
        expect(updated.body).toMatchObject({
          name: "search",
          description: "Search the web",
          tool_type: "function",
          parameters: schema,
        });
        expect((await http.put("/tools", { id, name: "find" })).body.name).toBe("find");
        expect((await http.del(`/tools?tool_id=${id}`)).body).toEqual({ success: true, deleted: id });
        const again = await http.post("/tools", { name: "calc" });
        expect((await http.del(`/tools?function_id=${again.body.id}`)).status).toBe(200);
        expect((await http.get("/tools")).body).toEqual([]);
      });

      it("refuses bad input with the field named and a hint", async () => {
        refused(await http.post("/tools", { description: "no name" }), 400, "HH_E_VALIDATION", "name");
        refused(
          await http.post("/tools", { name: "t", parameters: "x" }),
          400,
          "HH_E_VALIDATION",
          "parameters",
        );
        refused(
          await http.post("/tools", { name: "t", parameters: { properties: [] } }),
          400,
          "HH_E_VALIDATION",
          "parameters.properties",
        );
        refused(
          await http.post("/tools", { name: "t", tool_type: "api" }),
          400,
          "HH_E_VALIDATION",
          "tool_type",
        );
        refused(
          await http.post("/tools", { name: "t", task: "other" }),
          403,
          "HH_E_PROJECT_MISMATCH",
          "task",
        );
        const t = await http.post("/tools", { name: "t" });
        refused(await http.post("/tools", { name: "t" }), 409, "HH_E_CONFLICT");
        refused(await http.put("/tools", { name: "x" }), 400, "HH_E_VALIDATION", "tool_id");
        refused(
          await http.put("/tools", { tool_id: t.body.id, description: 5 }),
          400,
          "HH_E_VALIDATION",
          "description",
        );
        refused(await http.put("/tools", { tool_id: "missing" }), 404, "HH_E_NOT_FOUND");
        refused(await http.del("/tools"), 400, "HH_E_VALIDATION", "tool_id");
        refused(await http.del("/tools?tool_id=missing"), 404, "HH_E_NOT_FOUND");
        await http.del(`/tools?tool_id=${t.body.id}`);
      });

      it("keeps another project's key out", async () => {
        const t = await http.post("/tools", { name: "private" });
        expect((await other.get("/tools")).body).toEqual([]);
        refused(await other.put("/tools", { tool_id: t.body.id, name: "stolen" }), 404, "HH_E_NOT_FOUND");
        refused(await other.del(`/tools?tool_id=${t.body.id}`), 404, "HH_E_NOT_FOUND");
        expect((await http.get("/tools")).body).toMatchObject([{ id: t.body.id, name: "private" }]);
        await http.del(`/tools?tool_id=${t.body.id}`);
      });
    });

    describe("metrics", () => {
      const full = {
        name: "relevance",
        type: "model",
        description: "Is the answer relevant?",
        criteria: "Rate from 1 to 5",
        return_type: "float",
        enabled_in_prod: true,
        needs_ground_truth: false,
        threshold: { min: 3, max: 5 },
        event_name: "answer",
        event_type: "model",
        model_provider: "openai",
        model_name: "gpt-4o",
        sampling_percentage: 25,
        categories: null,
      };

      it("creates, lists with filters, updates and deletes on classic and v1 paths", async () => {
        const created = await http.post("/metrics", { ...full, task: "default" });
        expect(created.status).toBe(200);
        expect(created.body).toMatchObject({ ...full, pass_when: null, child_metrics: [] });
        const id = created.body.id as string;
        const py = await http.post("/v1/metrics", {
          metric: { name: "length", type: "PYTHON", return_type: "boolean", pass_when: true },
        });
        expect(py.body).toMatchObject({ type: "PYTHON", pass_when: true, sampling_percentage: 100 });

        const names = async (path: string) => (await http.get(path)).body.map((m: any) => m.name);
        expect(await names("/metrics?project_name=default")).toEqual(["length", "relevance"]);
        expect(await names("/v1/metrics?type=LLM")).toEqual(["relevance"]);
        expect(await names("/v1/metrics?type=custom")).toEqual(["length"]);
        expect(await names("/v1/metrics?event_name=answer&enabled_in_prod=true")).toEqual(["relevance"]);
        expect(await names("/v1/metrics?name=length")).toEqual(["length"]);
        expect((await http.get(`/v1/metrics/${id}`)).body).toEqual(created.body);

        const classic = await http.put("/metrics", {
          metric_id: id,
          threshold: { min: 4 },
          description: "Stricter",
        });
        expect(classic.body).toMatchObject({
          threshold: { min: 4 },
          description: "Stricter",
          model_name: "gpt-4o",
        });
        const v1 = await http.put(`/v1/metrics/${id}`, { enabled_in_prod: false, type: "LLM", stray: 1 });
        expect(v1.body).toMatchObject({ enabled_in_prod: false, type: "LLM", threshold: { min: 4 } });
        expect(v1.body).not.toHaveProperty("stray");

        expect((await http.del(`/metrics?metric_id=${id}`)).body).toEqual({ success: true, deleted: id });
        expect((await http.del(`/v1/metrics/${py.body.id}`)).body).toEqual({
          success: true,
          deleted: py.body.id,
        });
        expect((await http.get("/v1/metrics")).body).toEqual([]);
      });

      it("refuses bad input with the field named and a hint", async () => {
        const ok = { name: "m", type: "custom" };
        refused(await http.post("/metrics", { type: "custom" }), 400, "HH_E_VALIDATION", "name");
        refused(await http.post("/metrics", { ...ok, type: "python" }), 400, "HH_E_VALIDATION", "type");
        refused(
          await http.post("/metrics", { ...ok, sampling_percentage: 150 }),
          400,
          "HH_E_VALIDATION",
          "sampling_percentage",
        );
        refused(
          await http.post("/metrics", { ...ok, return_type: "int" }),
          400,
          "HH_E_VALIDATION",
          "return_type",
        );
        refused(
          await http.post("/metrics", { ...ok, threshold: { min: 5, max: 1 } }),
          400,
          "HH_E_VALIDATION",
          "threshold",
        );
        refused(
          await http.post("/metrics", { ...ok, return_type: "boolean", threshold: { min: 1 } }),
          400,
          "HH_E_VALIDATION",
          "threshold",
        );
        refused(
          await http.post("/metrics", { ...ok, return_type: "boolean", pass_when: "yes" }),
          400,
          "HH_E_VALIDATION",
          "pass_when",
        );
        refused(await http.post("/metrics", { ...ok, pass_when: 3 }), 400, "HH_E_VALIDATION", "pass_when");
        refused(
          await http.post("/metrics", { name: "c", type: "COMPOSITE" }),
          400,
          "HH_E_VALIDATION",
          "child_metrics",
        );
        refused(
          await http.post("/v1/metrics", { metric: { ...ok, threshold: { min: 2, max: 1 } } }),
          400,
          "HH_E_VALIDATION",
          "metric.threshold",
        );
        refused(await http.post("/metrics", { ...ok, task: "other" }), 403, "HH_E_PROJECT_MISMATCH", "task");
        const m = await http.post("/metrics", ok);
        refused(await http.post("/v1/metrics", ok), 409, "HH_E_CONFLICT");
        refused(await http.put("/metrics", { description: "no id" }), 400, "HH_E_VALIDATION", "metric_id");
        refused(
          await http.put(`/v1/metrics/${m.body.id}`, { return_type: "boolean", pass_when: 2 }),
          400,
          "HH_E_VALIDATION",
          "pass_when",
        );
        refused(
          await http.put(`/v1/metrics/${m.body.id}`, { sampling_percentage: -1 }),
          400,
          "HH_E_VALIDATION",
          "sampling_percentage",
        );
        refused(await http.put("/metrics", { metric_id: "missing" }), 404, "HH_E_NOT_FOUND");
        refused(await http.get("/v1/metrics?enabled_in_prod=yes"), 400, "HH_E_VALIDATION", "enabled_in_prod");
        refused(await http.get("/metrics?project_name=other"), 403, "HH_E_PROJECT_MISMATCH", "project_name");
        refused(await http.del("/metrics"), 400, "HH_E_VALIDATION", "metric_id");
        refused(await http.del("/v1/metrics/missing"), 404, "HH_E_NOT_FOUND");
        expect((await http.get(`/v1/metrics/${m.body.id}`)).body).toMatchObject({
          return_type: "float",
          sampling_percentage: 100,
        });
        await http.del(`/v1/metrics/${m.body.id}`);
      });

      it("keeps another project's key out", async () => {
        const m = await http.post("/metrics", { name: "private", type: "human" });
        const id = m.body.id as string;
        expect((await other.get("/metrics")).body).toEqual([]);
        for (const res of [
          await other.get(`/v1/metrics/${id}`),
          await other.put("/metrics", { metric_id: id, description: "x" }),
          await other.put(`/v1/metrics/${id}`, { description: "x" }),
          await other.del(`/metrics?metric_id=${id}`),
          await other.del(`/v1/metrics/${id}`),
          await other.post("/v1/metrics/run_metric", { metric: { id }, event: { metrics: { private: 1 } } }),
        ]) {
          refused(res, 404, "HH_E_NOT_FOUND");
        }
        expect((await http.get(`/v1/metrics/${id}`)).body).toMatchObject({
          name: "private",
          description: "",
        });
        await http.del(`/v1/metrics/${id}`);
      });

      it("runs what the server can evaluate and says why it cannot run the rest", async () => {
        const run = (metric: unknown, event: unknown) =>
          http.post("/v1/metrics/run_metric", { metric, event });
        const composite = {
          name: "overall",
          type: "COMPOSITE",
          child_metrics: [{ name: "accuracy", weight: 3 }, { name: "polite" }],
          threshold: { min: 0.7 },
        };
        const scored = await run(composite, { metrics: { accuracy: 0.8, polite: true } });
        expect(scored.status).toBe(200);
        expect(scored.body.value).toBeCloseTo(0.85);
        expect(scored.body.passed).toBe(true);
        const low = await run(composite, { metrics: { accuracy: 0.2, polite: false } });
        expect(low.body.value).toBeCloseTo(0.15);
        expect(low.body.passed).toBe(false);
        const missing = await run(composite, { metrics: { accuracy: 1 } });
        refused(missing, 422, "HH_E_METRIC_NOT_RUNNABLE");
        expect(missing.body.error.message).toContain("polite");

        const saved = await http.post("/metrics", {
          name: "latency_ok",
          type: "custom",
          threshold: { max: 500 },
        });
        expect((await run({ id: saved.body.id }, { metrics: { latency_ok: 320 } })).body).toEqual({
          value: 320,
          passed: true,
        });
        expect((await run({ name: "latency_ok" }, { metrics: { latency_ok: 900 } })).body).toEqual({
          value: 900,
          passed: false,
        });
        const human = { name: "thumbs", type: "human", return_type: "boolean", pass_when: true };
        expect((await run(human, { feedback: { thumbs: true } })).body).toEqual({
          value: true,
          passed: true,
        });
        expect((await run({ name: "free", type: "LLM" }, { metrics: { free: 4 } })).body).toEqual({
          value: 4,
          passed: null,
        });

        const python = await run(
          { name: "code", type: "PYTHON", criteria: "def f(x): return 1" },
          { outputs: { a: 1 } },
        );
        refused(python, 422, "HH_E_METRIC_NOT_RUNNABLE");
        expect(python.body.error.hint).toMatch(/client-side/);
        refused(await run({ name: "judge", type: "model" }, {}), 422, "HH_E_METRIC_NOT_RUNNABLE");

        refused(
          await http.post("/v1/metrics/run_metric", { metric: { name: "x" } }),
          400,
          "HH_E_VALIDATION",
          "event",
        );
        refused(await run({ type: "LLM" }, {}), 400, "HH_E_VALIDATION", "metric.name");
        refused(
          await run({ name: "x", type: "LLM", sampling_percentage: 101 }, {}),
          400,
          "HH_E_VALIDATION",
          "metric.sampling_percentage",
        );
        refused(
          await run({ name: "c", type: "COMPOSITE" }, {}),
          400,
          "HH_E_VALIDATION",
          "metric.child_metrics",
        );
        refused(await run({}, {}), 400, "HH_E_VALIDATION", "metric");
        refused(await run({ name: "nope" }, {}), 404, "HH_E_NOT_FOUND");
        await http.del(`/v1/metrics/${saved.body.id}`);
      });
    });

    it("documents every catalog route with a titled response model", async () => {
      const doc = (await api(server.url, undefined).get("/openapi.json")).body;
      const models = Object.keys(doc.components.schemas);
      for (const title of [
        "Configuration",
        "ConfigurationVersion",
        "CreateConfigurationResponse",
        "DeleteConfigurationResponse",
        "Tool",
        "DeleteToolResponse",
        "Metric",
        "DeleteMetricResponse",
        "RunMetricResponse",
        "CreateMetricRequest",
        "CreateToolRequest",
        "UpdateConfigurationRequest",
      ]) {
        expect(models).toContain(title);
      }
      const ok = (path: string, method: string) =>
        JSON.stringify(doc.paths[path]?.[method]?.responses?.["200"]?.content?.["application/json"]?.schema);
      expect(ok("/configurations", "get")).toContain("#/components/schemas/Configuration");
      expect(ok("/v1/configurations/deployed", "get")).toContain("#/components/schemas/Configuration");
      expect(ok("/v1/configurations/{id}/versions/{version}", "get")).toContain("ConfigurationVersion");
      expect(ok("/tools", "post")).toContain("#/components/schemas/Tool");
      expect(ok("/metrics", "get")).toContain("#/components/schemas/Metric");
      expect(ok("/v1/metrics/run_metric", "post")).toContain("RunMetricResponse");
    });
  });
}

import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, startTestServer, type TestServer } from "../../server/test/helpers.js";
import { ConflictError, HoneyHive, NotFoundError } from "../src/index.js";

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

/** Every client method, end to end against the real server on each backend. */
for (const backend of await backends()) {
  describe(`HoneyHive client (${backend})`, () => {
    let server: TestServer;
    let client: HoneyHive;
    let dir: string;

    beforeAll(async () => {
      server = await startTestServer(backend);
      client = new HoneyHive({ apiKey: server.key, serverUrl: server.url });
      dir = await mkdtemp(join(tmpdir(), "hh-client-"));
    });
    afterAll(async () => {
      client?.close();
      await server?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("health: status, version and storage", async () => {
      const health = await client.health();
      expect(health).toMatchObject({ status: "ok", ready: "ready", storage: backend });
    });

    it("sessions and events: start, create, batch, model, enrich, read, tree, delete", async () => {
      const { session_id } = await client.sessions.start({ session_name: "client-e2e", inputs: { q: 1 } });
      const one = await client.events.create({ event_type: "chain", event_name: "root", session_id });
      const batch = await client.events.createBatch({
        events: [
          { event_type: "tool", event_name: "b1", session_id, parent_id: one.event_id },
          { event_type: "nope", event_name: "bad" },
        ],
      });
      expect(batch.success).toBe(false);
      expect(batch.event_ids).toHaveLength(1);
      expect(batch.errors?.[0]?.index).toBe(1);
      const model = await client.events.createModelEvent({
        model: "gpt-4o-mini",
        session_id,
        usage: { prompt_tokens: 10, completion_tokens: 5 },
      });
      const models = await client.events.createModelEventBatch({
        model_events: [{ model: "gpt-4o-mini", session_id }],
      });
      expect(models.event_ids).toHaveLength(1);
      const enriched = await client.events.update({ event_id: one.event_id, metadata: { tag: "x" } });
      expect(enriched.event.metadata["tag"]).toBe("x");
      expect((await client.events.get(model.event_id)).event_type).toBe("model");
      const all = await client.events.listBySession(session_id);
      expect(all.totalEvents).toBe(5); // the session, root, b1 and two model events
      const session = await client.sessions.get(session_id);
      expect(session.metadata["num_events"]).toBe(4);
      const tree = await client.sessions.getTree(session_id);
      const root = tree.children.find((c) => c.event_id === one.event_id);
      expect(root?.children.map((c) => c.event_name)).toEqual(["b1"]);
      expect((await client.events.delete(batch.event_ids[0] as string)).success).toBe(true);
      expect((await client.sessions.delete(session_id)).success).toBe(true);
      await expect(client.sessions.get(session_id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("events: export, list and iterate across several pages", async () => {
      const { session_id } = await client.sessions.start({ session_name: "paging" });
      const name = `page-${randomUUID()}`;
      await client.events.createBatch({
        events: Array.from({ length: 7 }, (_, i) => ({
          event_type: "tool",
          event_name: name,
          session_id,
          inputs: { i },
        })),
      });
      const filters = [{ field: "event_name", operator: "is" as const, value: name }];
      const page = await client.events.export({ filters, limit: 3, page: 3 });
      expect(page.totalEvents).toBe(7);
      expect(page.events).toHaveLength(1);
      const listed = await client.events.list({ filters, limit: 5, projections: ["inputs"] });
      expect(listed.events).toHaveLength(5);
      const seen = await collect(client.events.iterate({ filters, limit: 3 }));
      expect(seen.map((e) => e["event_id"]).sort()).toHaveLength(7);
      expect(new Set(seen.map((e) => e["event_id"])).size).toBe(7);
    });

    it("events: chart", async () => {
      const chart = await client.events.chart({ metric: "duration", bucket: "day", aggregation: "count" });
      expect(chart).toBeTypeOf("object");
    });

    it("projects and keys: list, get, create, update, api keys, revoke, delete", async () => {
      const [mine] = await client.projects.list();
      expect(mine).toBeDefined();
      expect((await client.projects.get(mine!.id)).name).toBe(mine!.name);
      const created = await client.projects.create({ name: `client-${randomUUID()}` });
      expect(created.api_key).toMatch(/^hh_/);
      const renamed = await client.projects.update(created.id, { description: "from the client" });
      expect(renamed.description).toBe("from the client");
      const key = await client.projects.createApiKey(created.id, { name: "ci" });
      expect(key.project_id).toBe(created.id);
      const keys = await client.keys.list({ project: created.id });
      expect(keys.map((k) => k.id)).toContain(key.key_id);
      expect((await client.keys.revoke(key.key_id)).success).toBe(true);
      expect((await client.projects.delete(created.id)).success).toBe(true);
    });

    it("configurations: create, list, get, update, versions, deploy, deployed, undeploy, delete", async () => {
      const name = `cfg-${randomUUID()}`;
      const created = await client.configurations.create({
        name,
        provider: "openai",
        parameters: { call_type: "chat", model: "gpt-4o-mini" },
      });
      expect((await client.configurations.list({ name })).map((c) => c.id)).toEqual([created.id]);
      expect((await client.configurations.get(created.id)).name).toBe(name);
      const updated = await client.configurations.update(created.id, {
        parameters: { call_type: "chat", model: "gpt-4o" },
      });
      expect(updated.version).toBe(2);
      expect(await client.configurations.listVersions(created.id)).toHaveLength(2);
      expect((await client.configurations.getVersion(created.id, 1)).parameters.model).toBe("gpt-4o-mini");
      await client.configurations.deploy(created.id, { env: "prod", version: 1 });
      const deployed = await client.configurations.getDeployed({ name, env: "prod" });
      expect(deployed.parameters.model).toBe("gpt-4o-mini");
      await client.configurations.undeploy(created.id, "prod");
      await expect(client.configurations.getDeployed({ name, env: "prod" })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await client.configurations.delete(created.id);
      await expect(client.configurations.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("tools: create, list, update, delete", async () => {
      const name = `tool_${randomUUID().slice(0, 8)}`;
      const tool = await client.tools.create({ name, parameters: { type: "object", properties: {} } });
      expect((await client.tools.list({ name })).map((t) => t.id)).toEqual([tool.id]);
      expect((await client.tools.update({ id: tool.id, description: "d" })).description).toBe("d");
      await client.tools.delete(tool.id);
      expect(await client.tools.list({ name })).toEqual([]);
    });

    it("metrics: create, list, get, update, run, delete", async () => {
      const name = `metric-${randomUUID()}`;
      const metric = await client.metrics.create({ name, type: "custom", return_type: "float" });
      expect((await client.metrics.list({ name })).map((m) => m.id)).toEqual([metric.id]);
      expect((await client.metrics.get(metric.id)).name).toBe(name);
      expect((await client.metrics.update(metric.id, { description: "d" })).description).toBe("d");
      const ran = await client.metrics.run({
        metric: { name, type: "custom", threshold: { min: 0.5 } },
        event: { metrics: { [name]: 0.8 } },
      });
      expect(ran).toEqual({ value: 0.8, passed: true });
      await client.metrics.delete(metric.id);
      await expect(client.metrics.get(metric.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("datasets and datapoints: CRUD, add rows, from events, streamed import and export, iterate", async () => {
      const { dataset } = await client.datasets.create({ name: `ds-${randomUUID()}` });
      expect((await client.datasets.get(dataset.id)).dataset.name).toBe(dataset.name);
      expect((await client.datasets.list({ dataset_id: dataset.id })).datasets).toHaveLength(1);
      await client.datasets.update(dataset.id, { description: "d" });
      const added = await client.datasets.addDatapoints(dataset.id, {
        data: [{ q: "a", a: "1" }],
        mapping: { inputs: ["q"], ground_truth: ["a"], history: [] },
      });
      expect(added.datapoint_ids).toHaveLength(1);
      const { session_id } = await client.sessions.start({ session_name: "for-dataset" });
      const ev = await client.events.create({
        event_type: "tool",
        event_name: "e",
        session_id,
        inputs: { x: 1 },
      });
      const fromEvents = await client.datasets.addDatapointsFromEvents(dataset.id, {
        event_ids: [ev.event_id],
      });
      expect(fromEvents.datapoint_ids).toHaveLength(1);

      const file = join(dir, "rows.jsonl");
      await writeFile(
        file,
        `${Array.from({ length: 5 }, (_, i) => JSON.stringify({ q: `f${i}`, a: i })).join("\n")}\n`,
      );
      const progress: number[] = [];
      const imported = await client.datasets.importFile(dataset.id, file, {
        mapping: { inputs: ["q"], ground_truth: ["a"] },
        onProgress: (p) => progress.push(p.bytesSent),
      });
      expect(imported).toMatchObject({ imported: 5, failed: 0 });
      expect(progress.at(-1)).toBeGreaterThan(0);
      async function* csvRows() {
        yield "q,a\n";
        yield "c1,1\nc2,2\n";
      }
      const fromCsv = await client.datasets.importFile(dataset.id, csvRows(), {
        format: "csv",
        mapping: { inputs: ["q"], ground_truth: ["a"] },
      });
      expect(fromCsv.imported).toBe(2);
      const fresh = await client.datasets.importNew(Readable.from(['{"q":"n"}\n']), {
        name: `new-${randomUUID()}`,
      });
      expect(fresh.imported).toBe(1);

      const rows = await collect(client.datasets.exportRows(dataset.id));
      expect(rows).toHaveLength(9);
      const csv = await client.datasets.exportStream(dataset.id, { format: "csv" });
      const text = (await collect(csv)).join("");
      expect(text.split("\n").filter(Boolean).length).toBe(10); // header + 9 rows

      const points = await collect(client.datapoints.iterate({ dataset_id: dataset.id }, { pageSize: 4 }));
      expect(points).toHaveLength(9);
      const first = points[0]!;
      expect((await client.datapoints.get(first.id)).datapoint[0]?.id ?? first.id).toBe(first.id);
      const made = await client.datapoints.create({ inputs: { z: 1 }, linked_datasets: [dataset.id] });
      const batch = await client.datapoints.createBatch({
        datapoints: [{ inputs: { z: 2 } }],
        dataset_id: dataset.id,
      });
      expect(batch.datapoint_ids).toHaveLength(1);
      await client.datapoints.update(made.datapoint.id, { metadata: { k: "v" } });
      expect(
        (await client.datapoints.list({ datapoint_ids: made.datapoint.id })).datapoints[0]?.metadata,
      ).toEqual({
        k: "v",
      });
      await client.datapoints.delete(made.datapoint.id);
      await client.datasets.removeDatapoint(dataset.id, first.id);
      expect((await client.datapoints.list({ dataset_id: dataset.id })).datapoints.length).toBe(9);
      await client.datasets.delete(dataset.id);
      await expect(client.datasets.get(dataset.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("runs: create, list, iterate across pages, get, update, result, metrics, compare, delete", async () => {
      const tag = randomUUID();
      const made = [];
      for (let i = 0; i < 5; i++)
        made.push(await client.runs.create({ name: `run-${tag}-${i}`, metadata: { tag } }));
      const [a, b] = made as [(typeof made)[0], (typeof made)[0]];
      expect((await client.runs.get(a.run_id)).evaluation.name).toBe(`run-${tag}-0`);
      const listed = await client.runs.list({ name: `run-${tag}-1` });
      expect(listed.evaluations.map((r) => r.run_id)).toEqual([b.run_id]);
      const all = await collect(client.runs.iterate({}, { pageSize: 2 }));
      expect(all.map((r) => r.run_id)).toEqual(expect.arrayContaining(made.map((r) => r.run_id)));
      expect(new Set(all.map((r) => r.run_id)).size).toBe(all.length);
      const done = await client.runs.update(a.run_id, { status: "completed" });
      expect(done.evaluation.status).toBe("completed");
      expect(await client.runs.result(a.run_id, { aggregate_function: "average" })).toHaveProperty("metrics");
      expect(await client.runs.metrics(a.run_id)).toHaveProperty("metrics");
      expect(await client.runs.compare(b.run_id, a.run_id)).toBeTypeOf("object");
      const events = await client.runs.compareEvents({ run_id_1: a.run_id, run_id_2: b.run_id });
      expect(events.run_id_1).toBe(a.run_id);
      for (const r of made) await client.runs.delete(r.run_id);
      await expect(client.runs.get(a.run_id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("a repeated create with the same Idempotency-Key returns the first result; another body is refused", async () => {
      const key = randomUUID();
      const first = await client.runs.create({ name: "idem" }, { idempotencyKey: key });
      const again = await client.runs.create({ name: "idem" }, { idempotencyKey: key });
      expect(again.run_id).toBe(first.run_id);
      const other = await client.runs
        .create({ name: "other" }, { idempotencyKey: key })
        .catch((e: unknown) => e);
      expect(other).toMatchObject({
        status: 422,
        code: "HH_E_IDEMPOTENCY_MISMATCH",
        field: "Idempotency-Key",
      });
      expect(other).not.toBeInstanceOf(ConflictError);
    });
  });
}

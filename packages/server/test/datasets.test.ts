import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, otherProject, startTestServer, type TestServer } from "./helpers.js";

for (const backend of await backends()) {
  describe(`datasets and datapoints (${backend})`, () => {
    let server: TestServer;
    let http: ReturnType<typeof api>;
    let other: ReturnType<typeof api>;

    beforeAll(async () => {
      server = await startTestServer(backend);
      http = api(server.url, server.key);
      other = await otherProject(http, server.url, "other");
    });
    afterAll(async () => server?.stop());

    const newDataset = async (extra: Record<string, unknown> = {}) => {
      const res = await http.post("/v1/datasets", { name: `ds-${randomUUID()}`, ...extra });
      expect(res.status).toBe(200);
      return res.body.dataset as { id: string; name: string };
    };

    it("creates, lists, reads, updates and deletes datasets on classic and v1 paths", async () => {
      const created = await http.post("/datasets", {
        project: "default",
        name: "qa",
        description: "questions",
        type: "evaluation",
        metadata: { owner: "me" },
      });
      expect(created.status).toBe(200);
      expect(created.body.inserted).toBe(true);
      const id = created.body.result.insertedId;
      expect(created.body.dataset).toMatchObject({ id, _id: id, name: "qa", num_points: 0, datapoints: [] });
      expect(created.body.dataset.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);

      const classic = await http.get(`/datasets?project=default&dataset_id=${id}`);
      expect(classic.status).toBe(200);
      expect(classic.body.testcases).toHaveLength(1);
      expect(classic.body.testcases[0]).toMatchObject({
        name: "qa",
        type: "evaluation",
        metadata: { owner: "me" },
      });
      expect(
        (await http.get("/datasets?type=fine-tuning")).body.testcases.map((d: any) => d.id),
      ).not.toContain(id);

      const v1 = await http.get("/v1/datasets");
      expect(v1.body.datasets.find((d: any) => d.id === id).datapoints).toBeUndefined();
      const withPoints = await http.get("/v1/datasets?include_datapoints=true");
      expect(withPoints.body.datasets.find((d: any) => d.id === id).datapoints).toEqual([]);

      const put = await http.put("/datasets", {
        dataset_id: id,
        description: "changed",
        linked_evals: ["run1"],
      });
      expect(put.status).toBe(200);
      expect(put.body.dataset).toMatchObject({ description: "changed", linked_evals: ["run1"], name: "qa" });
      const putV1 = await http.put(`/v1/datasets/${id}`, { name: "qa2", type: "fine-tuning" });
      expect(putV1.body.dataset).toMatchObject({ name: "qa2", type: "fine-tuning", description: "changed" });
      expect((await http.get(`/v1/datasets/${id}`)).body.dataset.name).toBe("qa2");

      expect((await http.del(`/datasets?dataset_id=${id}`)).body).toMatchObject({
        success: true,
        deleted: true,
      });
      expect((await http.get(`/v1/datasets/${id}`)).status).toBe(404);
      expect((await http.del(`/v1/datasets/${id}`)).status).toBe(404);
      const second = await newDataset();
      expect((await http.del(`/v1/datasets/${second.id}`)).status).toBe(200);
    });

    it("refuses bad dataset input with a 400 naming the field, and duplicate names with 409", async () => {
      const noName = await http.post("/v1/datasets", { description: "x" });
      expect(noName.status).toBe(400);
      expect(noName.body.error).toMatchObject({ code: "HH_E_VALIDATION", field: "name" });
      expect(noName.body.error.hint).toBeTruthy();
      const badType = await http.post("/v1/datasets", { name: "t", type: "training" });
      expect(badType.status).toBe(400);
      expect(badType.body.error.field).toBe("type");
      const ds = await newDataset();
      const dup = await http.post("/datasets", { name: ds.name });
      expect(dup.status).toBe(409);
      expect(dup.body.error.code).toBe("HH_E_CONFLICT");
      expect((await http.put("/datasets", { description: "no id" })).body.error.field).toBe("dataset_id");
      expect((await http.del("/datasets")).status).toBe(400);
      const unknownPoint = await http.put(`/v1/datasets/${ds.id}`, { datapoints: ["nope"] });
      expect(unknownPoint.status).toBe(400);
      expect(unknownPoint.body.error.field).toBe("datapoints[0]");
      expect((await http.post("/datasets", { project: "not-mine", name: "x" })).status).toBe(403);
    });

    it("adds rows through a field mapping, reporting bad rows by index and keeping the good ones", async () => {
      const ds = await newDataset();
      const res = await http.post(`/datasets/${ds.id}/datapoints`, {
        project: "default",
        data: [
          { q: "2+2", a: "4", chat: [{ role: "user", content: "hi" }], source: "book" },
          "not a row",
          { q: "3+3", a: "6", chat: "oops" },
          { q: "1+1", a: "2" },
        ],
        mapping: { inputs: ["q"], ground_truth: ["a"], history: ["chat"] },
      });
      expect(res.status).toBe(200);
      expect(res.body.datapoint_ids).toHaveLength(2);
      expect(res.body.success).toBe(false);
      expect(res.body.errors.map((e: any) => e.index)).toEqual([1, 2]);
      const list = await http.get(`/datapoints?dataset_name=${ds.name}`);
      expect(list.body.datapoints).toHaveLength(2);
      expect(list.body.datapoints[0]).toMatchObject({
        inputs: { q: "2+2" },
        ground_truth: { a: "4" },
        history: [{ role: "user", content: "hi" }],
        metadata: { source: "book" },
        linked_datasets: [ds.id],
      });
      expect(list.body.datapoints[1].inputs).toEqual({ q: "1+1" });
      const read = await http.get(`/v1/datasets/${ds.id}`);
      expect(read.body.dataset.num_points).toBe(2);
      expect(read.body.dataset.datapoints).toEqual(res.body.datapoint_ids);
      expect((await http.post(`/v1/datasets/${randomUUID()}/datapoints`, { data: [] })).status).toBe(404);
      const bad = await http.post(`/v1/datasets/${ds.id}/datapoints`, { data: {} });
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe("data");
    });

    it("creates, reads, updates and deletes datapoints; one datapoint may sit in several datasets", async () => {
      const a = await newDataset();
      const b = await newDataset();
      const created = await http.post("/datapoints", {
        project: "default",
        inputs: { question: "capital of France?" },
        ground_truth: { answer: "Paris" },
        history: [{ role: "system", content: "be brief" }],
        linked_datasets: [a.id],
        metadata: { level: 1 },
      });
      expect(created.status).toBe(200);
      const id = created.body.result.insertedId;
      const read = await http.get(`/datapoints/${id}`);
      expect(read.body.datapoint).toHaveLength(1);
      expect(read.body.datapoint[0]).toMatchObject({
        id,
        _id: id,
        linked_datasets: [a.id],
        linked_event: null,
      });

      const moved = await http.put(`/v1/datapoints/${id}`, {
        ground_truth: { answer: "Paris, France" },
        linked_datasets: [a.id, b.id],
      });
      expect(moved.status).toBe(200);
      expect(moved.body.datapoint.ground_truth).toEqual({ answer: "Paris, France" });
      expect(moved.body.datapoint.inputs).toEqual({ question: "capital of France?" });
      expect([...moved.body.datapoint.linked_datasets].sort()).toEqual([a.id, b.id].sort());
      expect((await http.get(`/v1/datasets/${b.id}`)).body.dataset.datapoints).toEqual([id]);

      // Taking it out of one dataset keeps it in the other.
      expect((await http.del(`/v1/datasets/${a.id}/datapoints/${id}`)).status).toBe(200);
      expect((await http.del(`/v1/datasets/${a.id}/datapoints/${id}`)).status).toBe(404);
      expect((await http.get(`/v1/datapoints/${id}`)).body.datapoint[0].linked_datasets).toEqual([b.id]);

      const byIds = await http.get(`/datapoints?datapoint_ids=${id}&datapoint_ids=${randomUUID()}`);
      expect(byIds.body.datapoints.map((d: any) => d.id)).toEqual([id]);
      expect((await http.get(`/v1/datapoints?datapoint_ids=${id},x`)).body.datapoints).toHaveLength(1);

      expect((await http.del(`/datapoints/${id}`)).body).toMatchObject({ success: true, deleted: true });
      expect((await http.get(`/datapoints/${id}`)).status).toBe(404);
      expect((await http.get(`/v1/datasets/${b.id}`)).body.dataset.num_points).toBe(0);
    });

    it("refuses bad datapoint input with a 400 naming the field", async () => {
      const noInputs = await http.post("/v1/datapoints", { ground_truth: {} });
      expect(noInputs.status).toBe(400);
      expect(noInputs.body.error.field).toBe("inputs");
      const badHistory = await http.post("/v1/datapoints", { inputs: {}, history: ["hi"] });
      expect(badHistory.status).toBe(400);
      expect(badHistory.body.error.field).toBe("history.0");
      const unknownDataset = await http.post("/v1/datapoints", { inputs: {}, linked_datasets: ["nope"] });
      expect(unknownDataset.status).toBe(400);
      expect(unknownDataset.body.error.field).toBe("linked_datasets[0]");
      expect((await http.put(`/v1/datapoints/${randomUUID()}`, { inputs: {} })).status).toBe(404);
      expect((await http.get("/v1/datapoints?limit=abc")).body.error.field).toBe("limit");
    });

    it("creates datapoints in batch, keeping the valid ones and reporting the others by index", async () => {
      const ds = await newDataset();
      const res = await http.post("/v1/datapoints/batch", {
        dataset_id: ds.id,
        datapoints: [
          { inputs: { n: 1 } },
          { ground_truth: { n: 2 } },
          { inputs: { n: 3 }, linked_datasets: ["missing"] },
          { inputs: { n: 4 }, history: [{ role: "user", content: "x" }] },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.datapoint_ids).toHaveLength(2);
      expect(res.body.errors.map((e: any) => e.index)).toEqual([1, 2]);
      expect(res.body.errors[0].message).toContain("datapoints[1]");
      const list = await http.get(`/v1/datapoints?dataset_id=${ds.id}`);
      expect(list.body.datapoints.map((d: any) => d.inputs.n)).toEqual([1, 4]);
    });

    it("makes datapoints from traced events and links them; unknown events are reported", async () => {
      const ds = await newDataset();
      const ev = await http.post("/events", {
        event: {
          event_type: "model",
          event_name: "answer",
          inputs: { question: "why?" },
          outputs: { content: "because" },
          config: {},
          duration: 5,
          source: "prod",
        },
      });
      expect(ev.status).toBe(200);
      const eventId = ev.body.event_id;
      const missing = randomUUID();
      const res = await http.post(`/v1/datasets/${ds.id}/datapoints/from-events`, {
        event_ids: [eventId, missing],
      });
      expect(res.status).toBe(200);
      expect(res.body.datapoint_ids).toHaveLength(1);
      expect(res.body.errors).toEqual([{ index: 1, message: expect.stringContaining(missing) }]);
      const dp = (await http.get(`/datapoints/${res.body.datapoint_ids[0]}`)).body.datapoint[0];
      expect(dp).toMatchObject({
        inputs: { question: "why?" },
        ground_truth: { content: "because" },
        linked_event: eventId,
        linked_datasets: [ds.id],
      });
      const mapped = await http.post(`/datasets/${ds.id}/datapoints/from-events`, {
        event_ids: [eventId],
        mapping: { inputs: ["inputs.question", "event_name"], ground_truth: ["outputs.content"] },
      });
      const dp2 = (await http.get(`/datapoints/${mapped.body.datapoint_ids[0]}`)).body.datapoint[0];
      expect(dp2.inputs).toEqual({ question: "why?", event_name: "answer" });
      expect(dp2.ground_truth).toEqual({ content: "because" });
      // Another project's key cannot read this project's events through a dataset of its own.
      const own = await other.post("/v1/datasets", { name: "theirs" });
      const foreign = await other.post(`/v1/datasets/${own.body.dataset.id}/datapoints/from-events`, {
        event_ids: [eventId],
      });
      expect(foreign.body.datapoint_ids).toEqual([]);
      expect(foreign.body.errors).toHaveLength(1);
      expect(
        (await http.post(`/v1/datasets/${ds.id}/datapoints/from-events`, { event_ids: [] })).status,
      ).toBe(400);
    });

    it("keeps another project's key from reading or changing datasets and datapoints", async () => {
      const ds = await newDataset();
      const dp = await http.post("/v1/datapoints", { inputs: { secret: 1 }, linked_datasets: [ds.id] });
      const dpId = dp.body.result.insertedId;
      expect((await other.get(`/v1/datasets/${ds.id}`)).status).toBe(404);
      expect((await other.get("/datasets")).body.testcases.map((d: any) => d.id)).not.toContain(ds.id);
      expect((await other.get(`/datasets?dataset_id=${ds.id}`)).body.testcases).toEqual([]);
      expect((await other.put(`/v1/datasets/${ds.id}`, { name: "stolen" })).status).toBe(404);
      expect((await other.del(`/datasets?dataset_id=${ds.id}`)).status).toBe(404);
      expect((await other.post(`/datasets/${ds.id}/datapoints`, { data: [{ a: 1 }] })).status).toBe(404);
      expect((await other.get(`/datapoints/${dpId}`)).status).toBe(404);
      expect((await other.get(`/datapoints?datapoint_ids=${dpId}`)).body.datapoints).toEqual([]);
      expect((await other.put(`/datapoints/${dpId}`, { inputs: {} })).status).toBe(404);
      expect((await other.del(`/datapoints/${dpId}`)).status).toBe(404);
      expect((await other.del(`/v1/datasets/${ds.id}/datapoints/${dpId}`)).status).toBe(404);
      expect((await other.post("/v1/datapoints", { inputs: {}, linked_datasets: [ds.id] })).status).toBe(400);
      expect((await other.get(`/v1/datasets/${ds.id}/export`)).status).toBe(404);
      expect((await http.get(`/datapoints/${dpId}`)).body.datapoint[0].inputs).toEqual({ secret: 1 });
      expect((await http.get(`/v1/datasets/${ds.id}`)).body.dataset.num_points).toBe(1);
    });

    it("deletes a dataset's own datapoints with it but keeps ones shared with another dataset", async () => {
      const a = await newDataset();
      const b = await newDataset();
      const own = (await http.post("/v1/datapoints", { inputs: { k: "own" }, linked_datasets: [a.id] })).body
        .result.insertedId;
      const shared = (
        await http.post("/v1/datapoints", { inputs: { k: "shared" }, linked_datasets: [a.id, b.id] })
      ).body.result.insertedId;
      expect((await http.del(`/v1/datasets/${a.id}`)).status).toBe(200);
      expect((await http.get(`/datapoints/${own}`)).status).toBe(404);
      expect((await http.get(`/datapoints/${shared}`)).body.datapoint[0].linked_datasets).toEqual([b.id]);
    });

    it("replaces a dataset's content and order with PUT datapoints", async () => {
      const ds = await newDataset();
      const add = await http.post(`/v1/datasets/${ds.id}/datapoints`, {
        data: [{ n: 1 }, { n: 2 }, { n: 3 }],
      });
      const [x, y, z] = add.body.datapoint_ids;
      const put = await http.put(`/v1/datasets/${ds.id}`, { datapoints: [z, x] });
      expect(put.body.dataset.datapoints).toEqual([z, x]);
      expect(put.body.dataset.num_points).toBe(2);
      const more = await http.post(`/v1/datasets/${ds.id}/datapoints`, { data: [{ n: 4 }] });
      expect((await http.get(`/v1/datasets/${ds.id}`)).body.dataset.datapoints).toEqual([
        z,
        x,
        ...more.body.datapoint_ids,
      ]);
      expect((await http.get(`/datapoints/${y}`)).body.datapoint[0].linked_datasets).toEqual([]);
    });

    it("documents every dataset and datapoint route with titled schemas", async () => {
      const doc = (await api(server.url, undefined).get("/openapi.json")).body;
      const paths = [
        "/datasets",
        "/v1/datasets",
        "/v1/datasets/{id}",
        "/datasets/{id}/datapoints",
        "/v1/datasets/{id}/datapoints/{datapoint_id}",
        "/v1/datasets/{id}/datapoints/from-events",
        "/v1/datasets/{id}/import",
        "/v1/datasets/import",
        "/v1/datasets/{id}/export",
        "/datapoints",
        "/v1/datapoints/batch",
        "/datapoints/{id}",
      ];
      for (const p of paths) expect(doc.paths[p], p).toBeDefined();
      const named = (schema: any) => {
        const ref = schema.$ref ?? schema.items?.$ref;
        return ref ? doc.components.schemas[ref.split("/").pop()] : schema;
      };
      const ok = (p: string, m: string) =>
        named(doc.paths[p][m].responses["200"].content["application/json"].schema);
      expect(ok("/datasets", "get").title).toBe("DatasetList");
      expect(named(ok("/datasets", "get").properties.testcases).title).toBe("Dataset");
      expect(named(ok("/datapoints/{id}", "get").properties.datapoint).title).toBe("Datapoint");
      expect(ok("/v1/datasets/{id}/import", "post").title).toBe("ImportResult");
      expect(named(doc.paths["/v1/datasets"].post.requestBody.content["application/json"].schema).title).toBe(
        "CreateDatasetRequest",
      );
    });
  });
}

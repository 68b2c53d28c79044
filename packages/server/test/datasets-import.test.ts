import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, startTestServer, type TestServer } from "./helpers.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

for (const backend of await backends()) {
  describe(`dataset import and export (${backend})`, () => {
    let server: TestServer;
    let http: ReturnType<typeof api>;
    let dir: string;

    beforeAll(async () => {
      server = await startTestServer(backend);
      http = api(server.url, server.key);
      dir = await mkdtemp(join(tmpdir(), "hh-import-"));
    });
    afterAll(async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const newDataset = async () =>
      (await http.post("/v1/datasets", { name: `ds-${randomUUID()}` })).body.dataset.id;
    const upload = (path: string, body: string, type: string) =>
      http.post(path, body, { "content-type": type });
    const contents = async (id: string) =>
      (await http.get(`/v1/datapoints?dataset_id=${id}`)).body.datapoints.map((d: any) => ({
        inputs: d.inputs,
        ground_truth: d.ground_truth,
        history: d.history,
        metadata: d.metadata,
      }));

    it("imports JSONL with a mapping, reporting bad lines by number and keeping the rest", async () => {
      const id = await newDataset();
      const file = [
        JSON.stringify({ q: "a", answer: 1, chat: [{ role: "user", content: "x" }], tag: "t" }),
        "{not json",
        "",
        JSON.stringify([1, 2]),
        JSON.stringify({ q: "b", answer: 2, chat: "no" }),
        `${JSON.stringify({ q: "c", answer: 3 })}\r`,
      ].join("\n");
      const mapping = encodeURIComponent(
        JSON.stringify({ inputs: ["q"], ground_truth: ["answer"], history: ["chat"] }),
      );
      const res = await upload(
        `/v1/datasets/${id}/import?format=jsonl&mapping=${mapping}`,
        file,
        "application/x-ndjson",
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dataset_id: id, imported: 2, failed: 3 });
      expect(res.body.errors.map((e: any) => e.line)).toEqual([2, 4, 5]);
      expect(res.body.errors[0].message).toContain("invalid JSON");
      expect(await contents(id)).toEqual([
        {
          inputs: { q: "a" },
          ground_truth: { answer: 1 },
          history: [{ role: "user", content: "x" }],
          metadata: { tag: "t" },
        },
        { inputs: { q: "c" }, ground_truth: { answer: 3 }, history: [], metadata: {} },
      ]);
      const listed = await upload(
        `/datasets/${id}/import?inputs=q&ground_truth=answer`,
        `${JSON.stringify({ q: "d", answer: 4, extra: true })}\n`,
        "application/jsonl",
      );
      expect(listed.body.imported).toBe(1);
      expect((await contents(id))[2]).toMatchObject({
        inputs: { q: "d" },
        ground_truth: { answer: 4 },
        metadata: { extra: true },
      });
    });

    it("reads CSV quoting: commas, doubled quotes, newlines, CRLF, BOM, and empty vs missing cells", async () => {
      const id = await newDataset();
      const csv = [
        "\uFEFFquestion,answer,note",
        '"hello, world","say ""hi""",plain',
        '"multi',
        'line",42,',
        'x,"",y',
        "too,many,fields,here",
        'bad,"quote"x,z',
        "last,row,ok",
        "",
      ].join("\r\n");
      const res = await upload(
        `/v1/datasets/${id}/import?inputs=question&ground_truth=answer`,
        csv,
        "text/csv",
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ imported: 4, failed: 2 });
      expect(res.body.errors).toEqual([
        { line: 6, message: "4 fields where the header has 3" },
        { line: 7, message: expect.stringContaining("closing quote") },
      ]);
      expect(await contents(id)).toEqual([
        {
          inputs: { question: "hello, world" },
          ground_truth: { answer: 'say "hi"' },
          history: [],
          metadata: { note: "plain" },
        },
        { inputs: { question: "multi\r\nline" }, ground_truth: { answer: "42" }, history: [], metadata: {} },
        { inputs: { question: "x" }, ground_truth: { answer: "" }, history: [], metadata: { note: "y" } },
        {
          inputs: { question: "last" },
          ground_truth: { answer: "row" },
          history: [],
          metadata: { note: "ok" },
        },
      ]);
      const unterminated = await upload(`/v1/datasets/${id}/import`, 'a,b\n1,2\n"open,3\n4,5', "text/csv");
      expect(unterminated.body).toMatchObject({
        imported: 1,
        failed: 1,
        errors: [{ line: 3, message: "unterminated quoted field" }],
      });
    });

    it("refuses bad imports with clear errors", async () => {
      const id = await newDataset();
      const wrongType = await upload(`/v1/datasets/${id}/import`, "a\n1", "text/plain");
      expect(wrongType.status).toBe(415);
      const badMapping = await upload(
        `/v1/datasets/${id}/import?mapping=%7Bnope`,
        "{}",
        "application/x-ndjson",
      );
      expect(badMapping.status).toBe(400);
      expect(badMapping.body.error.field).toBe("mapping");
      const badFormat = await upload(`/v1/datasets/${id}/import?format=xml`, "{}", "application/x-ndjson");
      expect(badFormat.body.error.field).toBe("format");
      const header = await upload(`/v1/datasets/${id}/import`, "a,a\n1,2", "text/csv");
      expect(header.status).toBe(400);
      expect(header.body.error.message).toContain("appears twice");
      expect((await upload(`/v1/datasets/${randomUUID()}/import`, "{}", "application/x-ndjson")).status).toBe(
        404,
      );
      expect((await upload("/v1/datasets/import", "{}", "application/x-ndjson")).body.error.field).toBe(
        "name",
      );
    });

    it("creates a dataset from a file in one call", async () => {
      const name = `from-file-${randomUUID()}`;
      const res = await upload(
        `/v1/datasets/import?name=${name}&ground_truth=y`,
        "x,y\n1,2\n3,4\n",
        "text/csv",
      );
      expect(res.status).toBe(200);
      expect(res.body.imported).toBe(2);
      const ds = (await http.get(`/v1/datasets/${res.body.dataset_id}`)).body.dataset;
      expect(ds).toMatchObject({ name, num_points: 2 });
    });

    it("exports JSONL and CSV that import back to the same datapoints", async () => {
      const id = await newDataset();
      await http.post(`/v1/datasets/${id}/datapoints`, {
        data: [
          {
            q: "one",
            n: 1,
            nested: { deep: [1, 2] },
            chat: [{ role: "user", content: 'hi,\n"there"' }],
            src: "a",
          },
          { q: "", a: "2", src: "b" },
          { q: "three" },
        ],
        mapping: { inputs: ["q", "n", "nested"], ground_truth: ["a"], history: ["chat"] },
      });
      const original = await contents(id);

      const jsonl = await fetch(`${server.url}/v1/datasets/${id}/export?format=jsonl`, {
        headers: { authorization: `Bearer ${server.key}` },
      });
      expect(jsonl.headers.get("content-type")).toContain("application/x-ndjson");
      const jsonlText = await jsonl.text();
      expect(jsonlText.trim().split("\n")).toHaveLength(3);
      const back = await newDataset();
      expect(
        (await upload(`/v1/datasets/${back}/import`, jsonlText, "application/x-ndjson")).body.imported,
      ).toBe(3);
      expect(await contents(back)).toEqual(original);

      // CSV is text: a dataset of strings survives CSV → export → CSV unchanged.
      const fromCsv = await newDataset();
      const csvIn = 'q,a,chat,src\n"x, y","","[{""role"":""user"",""content"":""c""}]",s1\nz,w,,s2\n';
      await upload(`/v1/datasets/${fromCsv}/import?inputs=q&ground_truth=a&history=chat`, csvIn, "text/csv");
      const csvOut = await (
        await fetch(`${server.url}/v1/datasets/${fromCsv}/export?format=csv`, {
          headers: { authorization: `Bearer ${server.key}` },
        })
      ).text();
      expect(csvOut.split("\r\n")[0]).toBe("inputs.q,ground_truth.a,metadata.src,history");
      const again = await newDataset();
      expect((await upload(`/v1/datasets/${again}/import`, csvOut, "text/csv")).body.imported).toBe(2);
      expect(await contents(again)).toEqual(await contents(fromCsv));
      expect((await contents(again))[0]).toEqual({
        inputs: { q: "x, y" },
        ground_truth: { a: "" },
        history: [{ role: "user", content: "c" }],
        metadata: { src: "s1" },
      });
    });

    it("streams a 100,000-row JSONL import with server memory far below the file size, then exports it", async () => {
      const path = join(dir, "big.jsonl");
      const out = createWriteStream(path);
      const pad = "x".repeat(300);
      for (let i = 0; i < 100_000; i++) {
        const line = `${JSON.stringify({ question: `q${i}`, context: pad, answer: `a${i}`, idx: i })}\n`;
        if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
      }
      out.end();
      await finished(out);
      const size = (await stat(path)).size;
      expect(size).toBeGreaterThan(30 * 1024 * 1024);

      const id = await newDataset();
      gc();
      const base = process.memoryUsage().heapUsed;
      let peak = 0;
      const sampler = setInterval(() => {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }, 250);
      let res: Response;
      try {
        res = await fetch(
          `${server.url}/v1/datasets/${id}/import?inputs=question,context&ground_truth=answer`,
          {
            method: "POST",
            headers: { authorization: `Bearer ${server.key}`, "content-type": "application/x-ndjson" },
            body: Readable.toWeb(createReadStream(path)) as ReadableStream,
            duplex: "half",
          } as RequestInit,
        );
      } finally {
        clearInterval(sampler);
      }
      const body = (await res.json()) as { imported: number; failed: number };
      expect(res.status).toBe(200);
      expect(body).toMatchObject({ imported: 100_000, failed: 0 });
      // Buffering the file would hold at least its size; streaming holds a few chunks.
      expect(peak).toBeLessThan(size / 4);

      const ds = (await http.get(`/v1/datasets/${id}`)).body.dataset;
      expect(ds.num_points).toBe(100_000);
      const first = (await http.get(`/v1/datapoints?datapoint_ids=${ds.datapoints[0]}`)).body.datapoints[0];
      expect(first).toMatchObject({
        inputs: { question: "q0", context: pad },
        ground_truth: { answer: "a0" },
        metadata: { idx: 0 },
      });

      const exported = await fetch(`${server.url}/v1/datasets/${id}/export`, {
        headers: { authorization: `Bearer ${server.key}` },
      });
      let lines = 0;
      let last = "";
      let carry = "";
      const decoder = new TextDecoder();
      for await (const chunk of exported.body as unknown as AsyncIterable<Uint8Array>) {
        const parts = (carry + decoder.decode(chunk, { stream: true })).split("\n");
        carry = parts.pop() ?? "";
        lines += parts.length;
        if (parts.length > 0) last = parts[parts.length - 1] as string;
      }
      expect(lines).toBe(100_000);
      expect(JSON.parse(last).inputs.question).toBe("q99999");
    }, 120_000);
  });
}

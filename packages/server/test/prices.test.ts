import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@honeyhive-ts/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "./helpers.js";
import { otlpProtobufBody, uuidOfTrace } from "./otlp-fixtures.js";

describe("model price overrides (HH_PRICES_FILE)", () => {
  let dir: string;
  let server: TestServer;
  let http: ReturnType<typeof api>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hh-prices-"));
    const pricesFile = join(dir, "prices.json");
    // USD per million tokens: a private model, and gpt-4o at a negotiated price.
    await writeFile(
      pricesFile,
      JSON.stringify({ "acme-llm-7b": { input: 1, output: 2 }, "gpt-4o": { input: 1, output: 1 } }),
    );
    server = await startTestServer("sqlite", { pricesFile });
    http = api(server.url, server.key);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("prices REST model events with the overriding table", async () => {
    const usage = { prompt_tokens: 1_000_000, completion_tokens: 500_000 };
    const priv = await http.post("/events/model", {
      model_event: { model: "acme-llm-7b", usage, duration: 1 },
    });
    const known = await http.post("/events/model", {
      model_event: { model: "gpt-4o-2024-08-06", usage, duration: 1 },
    });
    const mini = await http.post("/events/model", {
      model_event: { model: "gpt-4o-mini", usage, duration: 1 },
    });
    expect((await http.get(`/events/${priv.body.event_id}`)).body.metadata.cost).toBeCloseTo(2, 9);
    expect((await http.get(`/events/${known.body.event_id}`)).body.metadata.cost).toBeCloseTo(1.5, 9);
    // Models not overridden keep the built-in list price (gpt-4o-mini: 0.15 in, 0.60 out).
    expect((await http.get(`/events/${mini.body.event_id}`)).body.metadata.cost).toBeCloseTo(0.45, 9);
  });

  it("prices spans with the overriding table", async () => {
    const { body, traceId } = otlpProtobufBody([
      {
        name: "chat acme",
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.model": "acme-llm-7b",
          "gen_ai.usage.input_tokens": 2_000_000,
          "gen_ai.usage.output_tokens": 0,
        },
      },
    ]);
    const res = await fetch(`${server.url}/v1/traces`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.key}`, "content-type": "application/x-protobuf" },
      body,
    });
    expect(res.status).toBe(200);
    const events = (await http.get(`/v1/events/${uuidOfTrace(traceId)}`)).body.events;
    const model = events.find((e: any) => e.event_type === "model");
    expect(model.metadata.cost).toBeCloseTo(2, 9);
  });

  it("refuses a malformed prices file at start, naming the file and the entry", async () => {
    const bad = join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ "acme-llm-7b": { input: "cheap" } }));
    await expect(
      startServer({ port: 0, dataDir: join(dir, "data"), logLevel: "silent", pricesFile: bad }),
    ).rejects.toThrow(/bad\.json: "acme-llm-7b" needs numeric "input" and "output"/);
  });
});

import type Together from "together-ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, instrument } from "../src/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";
import { compatibleContract, TOGETHER } from "./instrumentation-compatible-contract.js";
import { eventsOfSession, runInstrumentationContract } from "./instrumentation-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

runInstrumentationContract({
  ...compatibleContract({
    ...TOGETHER,
    name: "together-ai, instrument(client) (provider together at any base URL)",
    providerName: "together",
    instrumentClient: (client) => instrument(client),
  }),
  // Together's own prices are not in the table, and Mistral's list price would be wrong.
  unpriced: true,
});

describe("together instrumentation: completions, embeddings, images", () => {
  let srv: SdkTestServer;
  let fake: FakeOpenAI;
  let tracer: HoneyHiveTracer;
  let client: Together;

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeOpenAI({ streamUsage: "last-chunk" });
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
    client = instrument(TOGETHER.newClient(fake) as Together);
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  const modelEvent = async (fn: () => Promise<unknown>): Promise<any> => {
    const events = await eventsOfSession(srv, tracer, "together", fn, (ev) =>
      ev.some((e) => e.event_type === "model"),
    );
    return events.find((e) => e.event_type === "model");
  };

  it("a text completion records the prompt, the text, the finish reason and usage", async () => {
    const ev = await modelEvent(() =>
      client.completions.create({ model: TOGETHER.model, prompt: "once upon", max_tokens: 50 }),
    );
    expect(ev.event_name).toBe(`text_completion ${TOGETHER.model}`);
    expect(ev.config).toMatchObject({ provider: "together", model: TOGETHER.model, max_tokens: 50 });
    expect(JSON.stringify(ev.inputs.chat_history)).toContain("once upon");
    expect(ev.outputs).toMatchObject({ content: "echo: once upon", finish_reason: "stop" });
    expect(ev.metadata.prompt_tokens).toBeGreaterThan(0);
    expect(ev.metadata.cost ?? null).toBeNull();
  });

  it("a streamed text completion is assembled with the usage of its last chunk", async () => {
    let text = "";
    const ev = await modelEvent(async () => {
      const stream = await client.completions.create({
        model: TOGETHER.model,
        prompt: "streamed",
        stream: true,
      });
      for await (const chunk of stream) text += chunk.choices[0]?.text ?? "";
    });
    expect(text).toBe("echo: streamed");
    expect(fake.requests.at(-1)?.body.stream_options).toBeUndefined();
    expect(ev.outputs).toMatchObject({ content: "echo: streamed", finish_reason: "stop" });
    expect(ev.metadata.completion_tokens).toBeGreaterThan(0);
    expect(ev.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
  });

  it("embeddings record the input and usage, not the vectors", async () => {
    const ev = await modelEvent(() =>
      client.embeddings.create({ model: "BAAI/bge-base-en-v1.5", input: "abcdefgh" }),
    );
    expect(ev.event_name).toBe("embeddings BAAI/bge-base-en-v1.5");
    expect(ev.inputs).toEqual({ input: "abcdefgh" });
    expect(ev.metadata).toMatchObject({ prompt_tokens: 2, embedding_count: 1 });
  });

  it("generated images are references with their size", async () => {
    const ev = await modelEvent(() =>
      client.images.generate({ model: "black-forest-labs/FLUX.1-schnell", prompt: "a cat", n: 2 }),
    );
    expect(ev.config).toMatchObject({ provider: "together" });
    const outputs = JSON.stringify(ev.outputs);
    expect(outputs.match(/"size":300/g)).toHaveLength(2);
    expect(outputs).not.toContain(Buffer.alloc(300, 7).toString("base64"));
  });
});

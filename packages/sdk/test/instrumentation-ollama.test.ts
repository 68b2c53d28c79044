import ollama, { Ollama } from "ollama";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, instrument } from "../src/index.js";
import { FAKE_DURATIONS, type FakeOllama, startFakeOllama } from "./fake-ollama.js";
import { eventsOfSession, runInstrumentationContract } from "./instrumentation-contract.js";
import { OLLAMA_MODEL, ollamaContract } from "./instrumentation-ollama-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

runInstrumentationContract(
  ollamaContract({ name: "ollama, instrument(client)", instrumentClient: (client) => instrument(client) }),
);

describe("ollama instrumentation: generate, images, tools, thinking, embed, durations, aborts", () => {
  let srv: SdkTestServer;
  let fake: FakeOllama;
  let tracer: HoneyHiveTracer;
  let client: Ollama;

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeOllama();
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
    client = instrument(new Ollama({ host: fake.host }));
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  const modelEvent = async (fn: () => Promise<unknown>): Promise<any> => {
    const events = await eventsOfSession(srv, tracer, "ollama", fn, (ev) =>
      ev.some((e) => e.event_type === "model"),
    );
    return events.find((e) => e.event_type === "model");
  };

  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(992, 3),
  ]);

  it("generate: system, prompt and images (bytes and base64) as references, text, done_reason, durations", async () => {
    fake.options.reply = () => ({
      content: "a small square",
      done_reason: "length",
      usage: { prompt_eval_count: 40, eval_count: 3 },
    });
    const base64 = png.toString("base64");
    const ev = await modelEvent(() =>
      client.generate({
        model: "llava",
        system: "describe images",
        prompt: "what are these?",
        // Both kinds in one list: the client's type allows one kind per list, its code either.
        images: [new Uint8Array(png), base64] as unknown as string[],
        options: { temperature: 0.2, num_predict: 3, top_k: 5 },
      }),
    );
    fake.options.reply = undefined;
    expect(ev.event_name).toBe("text_completion llava");
    expect(ev.config).toMatchObject({ provider: "ollama", model: "llava", temperature: 0.2, max_tokens: 3 });
    const inputs = JSON.stringify(ev.inputs);
    expect(inputs).toContain("what are these?");
    expect(inputs).toContain("describe images");
    expect(inputs.match(/"mime_type":"image\/png","size":1000/g)).toHaveLength(2);
    expect(JSON.stringify(ev)).not.toContain(base64.slice(0, 60));
    expect(ev.outputs).toMatchObject({ content: "a small square", finish_reason: "length" });
    expect(ev.metadata).toMatchObject({
      prompt_tokens: 40,
      completion_tokens: 3,
      total_tokens: 43,
      ...FAKE_DURATIONS,
    });
    expect(ev.metadata.cost ?? null).toBeNull();
  });

  it("chat: tool definitions, a tool result in the input, tool calls with arguments in the output", async () => {
    const call = { function: { name: "weather", arguments: { city: "Lima" } } };
    fake.options.reply = () => ({ tool_calls: [call] });
    const res = await client.chat({ model: OLLAMA_MODEL, messages: [{ role: "user", content: "x" }] });
    expect(res.message.tool_calls).toEqual([call]);
    const ev = await modelEvent(() =>
      client.chat({
        model: OLLAMA_MODEL,
        messages: [
          { role: "user", content: "weather in Lima?" },
          { role: "assistant", content: "", tool_calls: [call] },
          { role: "tool", content: "sunny", tool_name: "weather" },
        ],
        tools: [
          {
            type: "function",
            function: { name: "weather", description: "Weather", parameters: { type: "object" } },
          },
        ],
      }),
    );
    fake.options.reply = undefined;
    expect(ev.config.tools).toEqual([
      { type: "function", name: "weather", description: "Weather", parameters: { type: "object" } },
    ]);
    expect(ev.inputs.chat_history).toContainEqual(
      expect.objectContaining({ role: "tool", content: "sunny" }),
    );
    expect(ev.outputs.tool_calls).toEqual([
      expect.objectContaining({ function: { name: "weather", arguments: '{"city":"Lima"}' } }),
    ]);
  });

  it("a stream assembles thinking, text and tool calls, with the last chunk's counts", async () => {
    fake.options.reply = () => ({
      thinking: "let me see",
      content: "calling a tool",
      tool_calls: [{ function: { name: "lookup", arguments: { q: "ollama" } } }],
      usage: { prompt_eval_count: 12, eval_count: 21 },
    });
    const ev = await modelEvent(async () => {
      const stream = await client.chat({
        model: OLLAMA_MODEL,
        messages: [{ role: "user", content: "q" }],
        stream: true,
        think: true,
      });
      for await (const _ of stream);
    });
    fake.options.reply = undefined;
    const outputs = JSON.stringify(ev.outputs);
    expect(outputs).toContain("let me see");
    expect(outputs).toContain("calling a tool");
    expect(outputs).toContain("lookup");
    expect(ev.metadata).toMatchObject({
      prompt_tokens: 12,
      completion_tokens: 21,
      total_duration: FAKE_DURATIONS.total_duration,
    });
    expect(ev.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
  });

  it("embed records inputs, the prompt token count and the dimension, not the vectors", async () => {
    const ev = await modelEvent(() => client.embed({ model: "nomic-embed-text", input: ["abcd", "efgh"] }));
    expect(ev.event_name).toBe("embeddings nomic-embed-text");
    expect(ev.inputs).toEqual({ input: ["abcd", "efgh"] });
    expect(ev.metadata).toMatchObject({
      prompt_tokens: 2,
      embedding_count: 2,
      load_duration: FAKE_DURATIONS.load_duration,
    });
  });

  it("an error line mid-stream fails the span and reaches the caller", async () => {
    fake.options.streamError = "model runner crashed";
    let caught: unknown;
    const ev = await modelEvent(async () => {
      const stream = await client.chat({
        model: OLLAMA_MODEL,
        messages: [{ role: "user", content: "a long answer" }],
        stream: true,
      });
      caught = await (async () => {
        for await (const _ of stream);
      })().catch((e: unknown) => e);
    });
    fake.options.streamError = undefined;
    expect((caught as Error).message).toBe("model runner crashed");
    expect(ev.error).toContain("model runner crashed");
    expect(ev.outputs).toMatchObject({ content: "echo" });
  });

  it("stream.abort() and client.abort() end the span as cancelled", async () => {
    fake.options.stall = true;
    const read = async (stream: AsyncIterable<unknown>) => {
      for await (const _ of stream);
    };
    const own = await modelEvent(async () => {
      const stream = await client.chat({
        model: OLLAMA_MODEL,
        messages: [{ role: "user", content: "one two three" }],
        stream: true,
      });
      const reading = read(stream).catch((e: unknown) => e);
      stream.abort();
      expect(((await reading) as Error).name).toBe("AbortError");
    });
    const all = await modelEvent(async () => {
      const stream = await client.generate({ model: OLLAMA_MODEL, prompt: "four five six", stream: true });
      const reading = read(stream).catch((e: unknown) => e);
      client.abort();
      expect(((await reading) as Error).name).toBe("AbortError");
    });
    fake.options.stall = undefined;
    for (const ev of [own, all]) expect(ev.metadata.stream_abandoned).toBe("cancel");
  });

  it("the default instance can be instrumented", async () => {
    // `config` is protected in the client's types; the host is its public setting.
    const config = (ollama as unknown as { config: { host: string } }).config;
    const host = config.host;
    config.host = fake.host;
    try {
      const ev = await modelEvent(() =>
        instrument(ollama).chat({ model: OLLAMA_MODEL, messages: [{ role: "user", content: "default" }] }),
      );
      expect(ev.config).toMatchObject({ provider: "ollama", model: OLLAMA_MODEL });
      expect(ev.outputs).toMatchObject({ content: "echo: default" });
    } finally {
      config.host = host;
    }
  });
});

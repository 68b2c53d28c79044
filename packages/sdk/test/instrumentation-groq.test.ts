import Groq, * as groqModule from "groq-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GroqInstrumentation, HoneyHiveTracer, instrument } from "../src/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";
import { compatibleContract, GROQ } from "./instrumentation-compatible-contract.js";
import { eventsOfSession, runInstrumentationContract } from "./instrumentation-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

runInstrumentationContract({
  ...compatibleContract({
    ...GROQ,
    name: "groq-sdk, instrument(client) (provider groq at any base URL)",
    providerName: "groq",
    instrumentClient: (client) => instrument(client),
  }),
});

describe("groq instrumentation: x_groq usage, tool calls, embeddings, one span per call", () => {
  let srv: SdkTestServer;
  let fake: FakeOpenAI;
  let tracer: HoneyHiveTracer;
  let client: Groq;

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeOpenAI({ streamUsage: "x_groq" });
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
    client = instrument(GROQ.newClient(fake) as Groq);
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  const modelEvents = async (fn: () => Promise<unknown>, count = 1): Promise<any[]> => {
    const events = await eventsOfSession(
      srv,
      tracer,
      "groq",
      fn,
      (ev) => ev.filter((e) => e.event_type === "model").length >= count,
    );
    return events.filter((e) => e.event_type === "model");
  };

  it("a streamed tool call is assembled and its usage read from x_groq, the chunks left as Groq sent them", async () => {
    fake.options.chat = () => ({
      content: null,
      tool_calls: [
        { id: "call_7", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } },
      ],
      usage: { prompt_tokens: 31, completion_tokens: 9 },
    });
    const chunks: any[] = [];
    const [ev] = await modelEvents(async () => {
      const stream = await client.chat.completions.create({
        model: GROQ.model,
        messages: [{ role: "user", content: "weather in Oslo?" }],
        tools: [{ type: "function", function: { name: "weather", parameters: { type: "object" } } }],
        stream: true,
      });
      for await (const chunk of stream) chunks.push(chunk);
    });
    fake.options.chat = undefined;
    expect(fake.requests.at(-1)?.body.stream_options).toBeUndefined();
    expect(chunks.at(-1).x_groq.usage).toMatchObject({ prompt_tokens: 31, completion_tokens: 9 });
    expect(ev.config).toMatchObject({ provider: "groq", model: GROQ.model });
    expect(ev.outputs.tool_calls).toEqual([
      { id: "call_7", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } },
    ]);
    expect(ev.outputs.finish_reason).toBe("tool_calls");
    expect(ev.metadata).toMatchObject({ prompt_tokens: 31, completion_tokens: 9, total_tokens: 40 });
  });

  it("embeddings record the input and usage, not the vectors", async () => {
    const [ev] = await modelEvents(() =>
      client.embeddings.create({ model: "nomic-embed-text-v1_5", input: ["abc", "defg"] }),
    );
    expect(ev.config).toMatchObject({ provider: "groq", model: "nomic-embed-text-v1_5" });
    expect(ev.inputs).toEqual({ input: ["abc", "defg"] });
    expect(ev.metadata).toMatchObject({ prompt_tokens: 2, embedding_count: 2 });
  });

  it("a server error carries the provider's type and status", async () => {
    fake.options.fail = () => 500;
    let caught: any;
    const [ev] = await modelEvents(async () => {
      caught = await client.chat.completions
        .create({ model: GROQ.model, messages: [{ role: "user", content: "x" }] })
        .catch((e: unknown) => e);
    });
    fake.options.fail = undefined;
    expect(caught).toBeInstanceOf(Groq.InternalServerError);
    expect(ev.metadata.error).toMatchObject({ type: "server_error" });
    expect(ev.metadata.http).toMatchObject({ response: { status_code: 500 } });
  });

  it("a client both hooked and instrumented makes one span per call", async () => {
    const hook = new GroqInstrumentation({ enabled: false });
    hook.patchModule(groqModule);
    try {
      const both = instrument(GROQ.newClient(fake) as Groq);
      const events = await modelEvents(async () => {
        await both.chat.completions.create({
          model: GROQ.model,
          messages: [{ role: "user", content: "once" }],
        });
        await client.chat.completions.create({
          model: GROQ.model,
          messages: [{ role: "user", content: "twice" }],
        });
      }, 2);
      expect(events.map((e) => e.outputs.content).sort()).toEqual(["echo: once", "echo: twice"]);
    } finally {
      hook.unpatchModule(groqModule);
    }
  });
});

import { context } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import { CohereClient, CohereClientV2 } from "cohere-ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, instrument } from "../src/index.js";
import { type FakeCohere, startFakeCohere } from "./fake-cohere.js";
import { COHERE_MODEL, cohereContract } from "./instrumentation-cohere-contract.js";
import { eventsOfSession, runInstrumentationContract } from "./instrumentation-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

runInstrumentationContract(
  cohereContract({ name: "cohere, instrument(client)", instrumentClient: (client) => instrument(client) }),
);

describe("cohere instrumentation: tool calls, usage, rerank, embed, v1 chat, errors, content off", () => {
  let srv: SdkTestServer;
  let fake: FakeCohere;
  let tracer: HoneyHiveTracer;
  let client: CohereClientV2;

  const options = () => ({ token: "test", environment: fake.baseUrl, maxRetries: 0 });

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeCohere();
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
    client = instrument(new CohereClientV2(options()));
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  const modelEvents = async (fn: () => Promise<unknown>, count = 1, on = tracer): Promise<any[]> => {
    const events = await eventsOfSession(
      srv,
      on,
      "cohere",
      fn,
      (ev) => ev.filter((e) => e.event_type === "model").length >= count,
    );
    return events.filter((e) => e.event_type === "model");
  };
  const modelEvent = async (fn: () => Promise<unknown>, on = tracer) => (await modelEvents(fn, 1, on))[0];

  const weatherTool = {
    type: "function" as const,
    function: { name: "weather", description: "Weather of a city", parameters: { type: "object" } },
  };
  const history = [
    { role: "user" as const, content: "weather in Paris?" },
    {
      role: "assistant" as const,
      toolPlan: "look it up",
      toolCalls: [
        {
          id: "call0",
          type: "function" as const,
          function: { name: "weather", arguments: '{"city":"Paris"}' },
        },
      ],
    },
    { role: "tool" as const, toolCallId: "call0", content: "sunny" },
    { role: "user" as const, content: "and in Lyon?" },
  ];

  for (const streamed of [false, true])
    it(`${streamed ? "streamed" : "plain"} tool calls: plan, calls with arguments, TOOL_CALL as tool_call, tokens and billed units`, async () => {
      fake.options.reply = () => ({
        tool_plan: "I will check Lyon",
        tool_calls: [{ id: "call1", name: "weather", arguments: '{"city":"Lyon"}' }],
        tokens: { input_tokens: 120, output_tokens: 20 },
        billed_units: { input_tokens: 30, output_tokens: 20 },
      });
      const request = {
        model: COHERE_MODEL,
        messages: history,
        tools: [weatherTool],
        temperature: 0.3,
        maxTokens: 64,
      };
      const ev = await modelEvent(async () => {
        if (!streamed) {
          await client.chat(request);
          return;
        }
        for await (const _ of await client.chatStream(request));
      });
      fake.options.reply = undefined;
      expect(ev.config).toMatchObject({
        provider: "cohere",
        model: COHERE_MODEL,
        temperature: 0.3,
        max_tokens: 64,
      });
      expect(ev.config.tools).toEqual([
        {
          type: "function",
          name: "weather",
          description: "Weather of a city",
          parameters: { type: "object" },
        },
      ]);
      expect(ev.outputs.tool_calls).toEqual([
        { id: "call1", type: "function", function: { name: "weather", arguments: '{"city":"Lyon"}' } },
      ]);
      expect(ev.outputs.finish_reason).toBe("tool_call");
      expect(JSON.stringify(ev.outputs)).toContain("I will check Lyon");
      const inputs = JSON.stringify(ev.inputs.chat_history);
      for (const seen of ["call0", "sunny", "Paris", "look it up"]) expect(inputs).toContain(seen);
      expect(ev.metadata).toMatchObject({
        prompt_tokens: 120,
        completion_tokens: 20,
        total_tokens: 140,
        billed_units: { input_tokens: 30, output_tokens: 20 },
        cohere: { response: { finish_reason: "TOOL_CALL" } },
      });
      if (streamed) expect(ev.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
    });

  it("images in inputs are references with type and size, never the base64 payload", async () => {
    const data = Buffer.alloc(3000, 1).toString("base64");
    const ev = await modelEvent(() =>
      client.chat({
        model: COHERE_MODEL,
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "what is this?" },
              { type: "image_url", imageUrl: { url: `data:image/png;base64,${data}` } },
            ],
          },
        ],
      }),
    );
    const inputs = JSON.stringify(ev.inputs);
    expect(JSON.stringify(ev)).not.toContain(data.slice(0, 100));
    expect(inputs).toContain('"size":3000');
    expect(inputs).toContain("image/png");
  });

  it("rerank: model, query, document count, ranked indices and scores, search units; never the documents", async () => {
    const documents = ["paris is the capital of france", "lyon food guide", "paris weather in june"];
    let value: Awaited<ReturnType<CohereClientV2["rerank"]>> | undefined;
    const ev = await modelEvent(async () => {
      value = await client.rerank({ model: "rerank-v3.5", query: "paris weather", documents, topN: 2 });
    });
    expect(value?.results.map((r) => r.index)).toEqual([2, 0]);
    expect(ev.event_name).toBe("rerank rerank-v3.5");
    expect(ev.config).toMatchObject({ provider: "cohere", model: "rerank-v3.5" });
    expect(ev.inputs).toEqual({ query: "paris weather" });
    expect(ev.outputs).toEqual({
      results: value?.results.map((r) => ({ index: r.index, relevance_score: r.relevanceScore })),
    });
    expect(ev.metadata).toMatchObject({
      document_count: 3,
      result_count: 2,
      billed_units: { search_units: 1 },
    });
    expect(JSON.stringify(ev)).not.toContain("food guide");
  });

  it("embed: texts as inputs, billed tokens, count and dimension, never the vectors; the result is untouched", async () => {
    const request = {
      model: "embed-v4.0",
      texts: ["abc", "xyzw"],
      inputType: "search_document" as const,
      embeddingTypes: ["float" as const],
    };
    let traced: unknown;
    const ev = await modelEvent(async () => {
      traced = await client.embed(request);
    });
    const plain = await context.with(suppressTracing(context.active()), () => client.embed(request));
    expect({ ...(traced as object), id: "_" }).toEqual({ ...plain, id: "_" });
    expect(ev.inputs).toEqual({ input: ["abc", "xyzw"] });
    expect(ev.metadata).toMatchObject({
      prompt_tokens: 2,
      embedding_count: 2,
      billed_units: { input_tokens: 2 },
    });
    expect(ev.config).toMatchObject({ provider: "cohere", model: "embed-v4.0" });
    expect(JSON.stringify(ev)).not.toContain("[0,1,1,1]"); // the vector of "abc"
  });

  it("errors: the Fern error class and the status (400, 503)", async () => {
    for (const [status, type] of [
      [400, "BadRequestError"],
      [503, "ServiceUnavailableError"],
    ] as const) {
      fake.options.fail = () => status;
      let caught: any;
      const ev = await modelEvent(async () => {
        caught = await client
          .chat({ model: COHERE_MODEL, messages: [{ role: "user", content: "x" }] })
          .catch((e: unknown) => e);
      });
      fake.options.fail = undefined;
      expect(caught.statusCode).toBe(status);
      expect(caught.name).toBe(type);
      expect(ev.error).toContain(String(status));
      expect(ev.metadata.error).toMatchObject({ type });
      expect(ev.metadata.http).toMatchObject({ response: { status_code: status } });
    }
  });

  it("the v1 client: chat and chatStream (preamble, history, message) and its v2 resource, one span per call", async () => {
    const v1 = instrument(new CohereClient(options()));
    const request = {
      model: COHERE_MODEL,
      preamble: "be brief",
      chatHistory: [
        { role: "USER" as const, message: "hi" },
        { role: "CHATBOT" as const, message: "hello" },
      ],
      message: "how are you?",
    };
    let streamed = "";
    const [plain, stream, viaV2] = await modelEvents(async () => {
      await v1.chat(request);
      for await (const event of await v1.chatStream(request))
        if (event.eventType === "text-generation") streamed += event.text;
      await v1.v2.chat({ model: COHERE_MODEL, messages: [{ role: "user", content: "v2 inside v1" }] });
    }, 3);
    expect(streamed).toBe("echo: how are you?");
    for (const ev of [plain, stream]) {
      expect(ev.config).toMatchObject({ provider: "cohere", model: COHERE_MODEL });
      expect(ev.outputs).toMatchObject({
        role: "assistant",
        content: "echo: how are you?",
        finish_reason: "stop",
      });
      expect(ev.inputs.chat_history.map((m: { role: string }) => m.role)).toEqual([
        "system",
        "user",
        "assistant",
        "user",
      ]);
      expect(ev.metadata.prompt_tokens).toBeGreaterThan(0);
      expect(ev.metadata.cost).toBeGreaterThan(0);
    }
    expect(stream.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
    expect(viaV2.outputs.content).toBe("echo: v2 inside v1");
  });

  it("recordInputs / recordOutputs off: no content; model, usage and parameters kept", async () => {
    const quiet = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
      recordInputs: false,
      recordOutputs: false,
    });
    const quietClient = instrument(new CohereClientV2(options()), { tracer: quiet });
    fake.options.reply = () => ({
      text: "private answer",
      tool_calls: [{ id: "c", name: "weather", arguments: '{"city":"Paris"}' }],
    });
    const events = await modelEvents(
      async () => {
        const stream = await quietClient.chatStream({
          model: COHERE_MODEL,
          temperature: 0.5,
          tools: [weatherTool],
          messages: [
            { role: "system", content: "private system" },
            { role: "user", content: "private question" },
          ],
        });
        for await (const _ of stream);
        await quietClient.rerank({
          model: "rerank-v3.5",
          query: "private query",
          documents: ["private doc"],
        });
      },
      2,
      quiet,
    );
    fake.options.reply = undefined;
    await quiet.shutdown();
    const text = JSON.stringify(events);
    for (const secret of ["private", "Paris", "weather"]) expect(text).not.toContain(secret);
    const chat = events.find((e) => e.config.model === COHERE_MODEL);
    const rerank = events.find((e) => e.config.model === "rerank-v3.5");
    expect(chat.config).toMatchObject({ temperature: 0.5 });
    expect(chat.metadata.completion_tokens).toBeGreaterThan(0);
    expect(rerank.metadata).toMatchObject({ document_count: 1, result_count: 1 });
  });
});

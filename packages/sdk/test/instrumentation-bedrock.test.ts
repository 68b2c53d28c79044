import * as bedrockModule from "@aws-sdk/client-bedrock-runtime";
import {
  BedrockRuntime,
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  CountTokensCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { computeCost } from "@honeyhive-ts/semconv";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BedrockInstrumentation, HoneyHiveTracer, instrument, trace } from "../src/index.js";
import { type FakeBedrock, startFakeBedrock } from "./fake-bedrock.js";
import { BEDROCK_MODEL, FAKE_AWS } from "./instrumentation-bedrock-contract.js";
import { eventsOfSession } from "./instrumentation-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

describe("bedrock instrumentation: Converse details, InvokeModel families, errors, other commands", () => {
  let srv: SdkTestServer;
  let fake: FakeBedrock;
  let tracer: HoneyHiveTracer;
  let client: BedrockRuntimeClient;

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeBedrock();
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
    client = instrument(new BedrockRuntimeClient({ ...FAKE_AWS, endpoint: fake.endpoint, maxAttempts: 1 }));
  });
  afterEach(() => {
    fake.options.reply = undefined;
    fake.options.usage = undefined;
    fake.options.fail = undefined;
    fake.options.streamError = undefined;
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  const sessionEvents = (fn: () => Promise<unknown>, count = 1) =>
    eventsOfSession(srv, tracer, "bedrock", fn, (ev) => ev.length >= count);
  const modelEvent = async (fn: () => Promise<unknown>): Promise<any> =>
    (await sessionEvents(fn)).find((e) => e.event_type === "model");

  const weather = {
    toolSpec: {
      name: "weather",
      description: "Weather of a city",
      inputSchema: { json: { type: "object", properties: { city: { type: "string" } } } },
    },
  };
  const toolAnswer = {
    content: [{ toolUse: { toolUseId: "tool-1", name: "weather", input: { city: "Paris" } } }],
  };
  const image = new Uint8Array(3000).fill(7);

  it("Converse: system, image and document references, tool use and results, tools, parameters, output tool call", async () => {
    fake.options.reply = () => toolAnswer;
    fake.options.usage = { input: 30, output: 9 };
    const ev = await modelEvent(() =>
      client.send(
        new ConverseCommand({
          modelId: BEDROCK_MODEL,
          system: [{ text: "you are a weather bot" }],
          inferenceConfig: { maxTokens: 200, temperature: 0.2, topP: 0.9, stopSequences: ["END"] },
          toolConfig: { tools: [weather, { cachePoint: { type: "default" } }] },
          messages: [
            {
              role: "user",
              content: [
                { text: "weather on this picture?" },
                { image: { format: "png", source: { bytes: image } } },
                { document: { format: "pdf", name: "notes", source: { bytes: new Uint8Array(10) } } },
              ],
            },
            {
              role: "assistant",
              content: [{ toolUse: { toolUseId: "tool-0", name: "weather", input: { city: "Oslo" } } }],
            },
            {
              role: "user",
              content: [
                {
                  toolResult: { toolUseId: "tool-0", content: [{ json: { celsius: 4 } }], status: "success" },
                },
              ],
            },
            { role: "user", content: [{ text: "and in Paris?" }] },
          ],
        }),
      ),
    );
    expect(ev.config).toMatchObject({
      model: BEDROCK_MODEL,
      provider: "aws.bedrock",
      max_tokens: 200,
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ["END"],
    });
    expect(ev.config.tools).toEqual([
      {
        type: "function",
        name: "weather",
        description: "Weather of a city",
        parameters: weather.toolSpec.inputSchema.json,
      },
    ]);
    const history = ev.inputs.chat_history;
    expect(history[0]).toMatchObject({ role: "system", content: "you are a weather bot" });
    expect(history[1].content).toEqual([
      { type: "text", content: "weather on this picture?" },
      { type: "blob", modality: "image", mime_type: "image/png", size: 3000 },
      { type: "blob", modality: "document", mime_type: "application/pdf", size: 10, name: "notes" },
    ]);
    expect(history[2].tool_calls).toEqual([
      { id: "tool-0", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } },
    ]);
    expect(history[3]).toMatchObject({ role: "tool", tool_call_id: "tool-0", content: '[{"celsius":4}]' });
    expect(JSON.stringify(ev)).not.toContain(Buffer.from(image).toString("base64").slice(0, 40));
    expect(ev.outputs).toMatchObject({
      role: "assistant",
      finish_reason: "tool_call",
      tool_calls: [
        { id: "tool-1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
      ],
    });
    expect(ev.metadata).toMatchObject({ prompt_tokens: 30, completion_tokens: 9, total_tokens: 39 });
    expect(ev.metadata.gen_ai.response.finish_reasons).toEqual(["tool_use"]);
    expect(ev.metadata.server).toEqual({ address: "127.0.0.1", port: Number(new URL(fake.endpoint).port) });
    expect(ev.metadata.aws).toMatchObject({ request_id: expect.stringMatching(/^fake-request-/) });
    expect(ev.metrics.provider_latency_ms).toBe(42);
    expect(fake.requests.at(-1)?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFAKE/);
  });

  it("Converse: cache reads and writes count as input, and the cost discounts the reads", async () => {
    fake.options.usage = { input: 5, output: 20, cacheRead: 1000, cacheWrite: 200 };
    const ev = await modelEvent(() =>
      client.send(
        new ConverseCommand({
          modelId: BEDROCK_MODEL,
          messages: [{ role: "user", content: [{ text: "hi" }] }],
        }),
      ),
    );
    expect(ev.metadata).toMatchObject({
      prompt_tokens: 1205,
      completion_tokens: 20,
      total_tokens: 1225,
      cache_read_input_tokens: 1000,
    });
    const cost = computeCost(BEDROCK_MODEL, { promptTokens: 1205, completionTokens: 20, cachedTokens: 1000 });
    expect(cost).toBeGreaterThan(0);
    expect(ev.metadata.cost).toBeCloseTo(cost ?? Number.NaN, 12);
  });

  it("ConverseStream: tool call arguments assembled from pieces, exact usage, events unchanged", async () => {
    fake.options.reply = () => ({ content: [{ text: "Let me look. " }, ...toolAnswer.content] });
    fake.options.usage = { input: 12, output: 6 };
    const events: unknown[] = [];
    const ev = await modelEvent(async () => {
      const out = await client.send(
        new ConverseStreamCommand({
          modelId: BEDROCK_MODEL,
          toolConfig: { tools: [weather] },
          messages: [{ role: "user", content: [{ text: "weather in Paris?" }] }],
        }),
      );
      for await (const e of out.stream ?? []) events.push(e);
    });
    expect(events[0]).toEqual({ messageStart: { role: "assistant" } });
    expect(events.filter((e: any) => e.contentBlockDelta?.delta?.toolUse)).toHaveLength(2);
    expect(ev.outputs).toMatchObject({
      content: "Let me look. ",
      finish_reason: "tool_call",
      tool_calls: [{ id: "tool-1", function: { name: "weather", arguments: '{"city":"Paris"}' } }],
    });
    expect(ev.metadata).toMatchObject({ prompt_tokens: 12, completion_tokens: 6 });
    expect(ev.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
  });

  it("ConverseStream: an exception event mid-stream fails the span with its type and keeps what arrived", async () => {
    fake.options.streamError = "throttlingException";
    let caught: any;
    const ev = await modelEvent(async () => {
      const out = await client.send(
        new ConverseStreamCommand({
          modelId: BEDROCK_MODEL,
          messages: [{ role: "user", content: [{ text: "one two three four" }] }],
        }),
      );
      try {
        for await (const _ of out.stream ?? []);
      } catch (err) {
        caught = err;
      }
    });
    expect(caught?.name).toBe("ThrottlingException");
    expect(ev.error).toContain("Stream interrupted");
    expect(ev.metadata.error).toMatchObject({ type: "ThrottlingException" });
    expect(ev.outputs.content).toBe("echo: ");
  });

  it("errors: a ValidationException carries its name as the type and 400 as the status", async () => {
    fake.options.fail = () => 400;
    let caught: any;
    const ev = await modelEvent(async () => {
      caught = await client
        .send(
          new ConverseCommand({
            modelId: BEDROCK_MODEL,
            messages: [{ role: "user", content: [{ text: "x" }] }],
          }),
        )
        .catch((e: unknown) => e);
    });
    expect(caught?.name).toBe("ValidationException");
    expect(caught?.$metadata?.httpStatusCode).toBe(400);
    expect(ev.metadata.error).toMatchObject({ type: "ValidationException" });
    expect(ev.metadata.http).toMatchObject({ response: { status_code: 400 } });
    expect(ev.error).toContain("not valid");
  });

  it("errors through the callback form reach the callback unchanged and fail the span", async () => {
    fake.options.fail = () => 429;
    let caught: any;
    const ev = await modelEvent(
      () =>
        new Promise<void>((resolve) => {
          void client.send(
            new ConverseCommand({
              modelId: BEDROCK_MODEL,
              messages: [{ role: "user", content: [{ text: "x" }] }],
            }),
            (err) => {
              caught = err;
              resolve();
            },
          );
        }),
    );
    expect(caught?.name).toBe("ThrottlingException");
    expect(ev.metadata.error).toMatchObject({ type: "ThrottlingException" });
    expect(ev.metadata.http).toMatchObject({ response: { status_code: 429 } });
  });

  it("InvokeModel: a body that is not JSON goes out as it is, and the call is traced with what is known", async () => {
    fake.options.usage = { input: 3, output: 2 };
    const modelId = "anthropic.claude-3-haiku-20240307-v1:0";
    const ev = await modelEvent(() => client.send(new InvokeModelCommand({ modelId, body: "not json {" })));
    expect(fake.requests.at(-1)?.body).toBe("not json {");
    expect(ev.config).toMatchObject({ model: modelId, provider: "aws.bedrock" });
    expect(ev.metadata).toMatchObject({ prompt_tokens: 3, completion_tokens: 2 });
    expect(ev.error).toBeNull();
  });

  const invokeBody = (family: string, prompt: string): unknown => {
    switch (family) {
      case "anthropic":
        return {
          anthropic_version: "bedrock-2023-05-31",
          max_tokens: 100,
          system: "be brief",
          messages: [{ role: "user", content: [{ type: "text", text: prompt }] }],
        };
      case "nova":
        return {
          schemaVersion: "messages-v1",
          system: [{ text: "be brief" }],
          messages: [{ role: "user", content: [{ text: prompt }] }],
          inferenceConfig: { maxTokens: 100 },
        };
      case "titan":
        return { inputText: prompt, textGenerationConfig: { maxTokenCount: 100 } };
      case "llama":
        return { prompt, max_gen_len: 100 };
      default:
        return { prompt, max_tokens: 100 };
    }
  };
  const FAMILIES: [string, string, string][] = [
    ["anthropic", "anthropic.claude-3-5-haiku-20241022-v1:0", "chat"],
    ["nova", "us.amazon.nova-lite-v1:0", "chat"],
    ["titan", "amazon.titan-text-express-v1", "text_completion"],
    ["llama", "meta.llama3-8b-instruct-v1:0", "text_completion"],
    ["unknown family (usage from Bedrock's headers)", "mistral.mistral-7b-instruct-v0:2", "chat"],
  ];

  for (const [family, modelId, operation] of FAMILIES) {
    it(`InvokeModel, ${family}: model, messages, output and exact usage`, async () => {
      fake.options.usage = { input: 17, output: 5 };
      const prompt = `hello ${family}`;
      let body: any;
      const ev = await modelEvent(async () => {
        const out = await client.send(
          new InvokeModelCommand({
            modelId,
            body: JSON.stringify(invokeBody(family, prompt)),
            contentType: "application/json",
          }),
        );
        body = JSON.parse(new TextDecoder().decode(out.body));
      });
      expect(body).toBeTypeOf("object");
      expect(ev.event_name).toBe(`${operation} ${modelId}`);
      expect(ev.config).toMatchObject({ model: modelId, provider: "aws.bedrock" });
      expect(ev.metadata).toMatchObject({ prompt_tokens: 17, completion_tokens: 5 });
      if (family.startsWith("unknown")) {
        expect(ev.outputs ?? {}).toEqual({});
        return;
      }
      expect(JSON.stringify(ev.inputs.chat_history)).toContain(prompt);
      expect(ev.outputs).toMatchObject({ role: "assistant", content: `echo: ${prompt}` });
      if (family === "anthropic") {
        expect(ev.config.max_tokens).toBe(100);
        expect(ev.metadata).toMatchObject({
          response_model: "claude-3-5-haiku-20241022",
          response_id: "msg_fake_1",
        });
        expect(ev.metadata.cost).toBeGreaterThan(0);
      }
    });

    it(`InvokeModelWithResponseStream, ${family}: assembled output and usage`, async () => {
      fake.options.usage = { input: 21, output: 8 };
      const prompt = `stream ${family} please`;
      let chunks = 0;
      const ev = await modelEvent(async () => {
        const out = await client.send(
          new InvokeModelWithResponseStreamCommand({
            modelId,
            body: JSON.stringify(invokeBody(family, prompt)),
          }),
        );
        for await (const e of out.body ?? []) if (e.chunk?.bytes) chunks++;
      });
      expect(chunks).toBeGreaterThan(1);
      expect(ev.metadata).toMatchObject({ prompt_tokens: 21, completion_tokens: 8 });
      if (!family.startsWith("unknown")) {
        expect(ev.outputs).toMatchObject({ content: `echo: ${prompt}` });
        expect(ev.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
      }
    });
  }

  it("InvokeModel: an Anthropic tool_use answer becomes a tool call; an image is a reference", async () => {
    fake.options.reply = () => toolAnswer;
    const data = Buffer.alloc(900, 1).toString("base64");
    const ev = await modelEvent(() =>
      client.send(
        new InvokeModelCommand({
          modelId: "anthropic.claude-3-5-sonnet-20240620-v1:0",
          body: JSON.stringify({
            anthropic_version: "bedrock-2023-05-31",
            max_tokens: 100,
            tools: [{ name: "weather", description: "Weather", input_schema: { type: "object" } }],
            messages: [
              {
                role: "user",
                content: [
                  { type: "image", source: { type: "base64", media_type: "image/jpeg", data } },
                  { type: "text", text: "weather?" },
                ],
              },
            ],
          }),
        }),
      ),
    );
    expect(ev.inputs.chat_history[0].content[0]).toEqual({
      type: "blob",
      modality: "image",
      mime_type: "image/jpeg",
      size: 900,
    });
    expect(JSON.stringify(ev)).not.toContain(data.slice(0, 40));
    expect(ev.config.tools).toEqual([
      { type: "function", name: "weather", description: "Weather", parameters: { type: "object" } },
    ]);
    expect(ev.outputs).toMatchObject({
      finish_reason: "tool_call",
      tool_calls: [{ id: "tool-1", function: { name: "weather", arguments: '{"city":"Paris"}' } }],
    });
  });

  it("other commands pass through untraced, with the client's own result", async () => {
    fake.options.usage = { input: 9, output: 1 };
    let result: any;
    const events = await sessionEvents(async () => {
      result = await client.send(
        new CountTokensCommand({
          modelId: BEDROCK_MODEL,
          input: { converse: { messages: [{ role: "user", content: [{ text: "count me" }] }] } },
        }),
      );
      await trace(async () => "marker", { tracer, name: "marker" })();
    });
    expect(result.inputTokens).toBe(9);
    expect(events.map((e) => e.event_name)).toEqual(["marker"]);
    expect(fake.requests.at(-1)?.action).toBe("count-tokens");
  });

  it("the aggregated BedrockRuntime client's converse() makes one span", async () => {
    const aggregated = instrument(
      new BedrockRuntime({ ...FAKE_AWS, endpoint: fake.endpoint, maxAttempts: 1 }),
    );
    const events = await sessionEvents(async () => {
      const out = await aggregated.converse({
        modelId: BEDROCK_MODEL,
        messages: [{ role: "user", content: [{ text: "aggregated" }] }],
      });
      expect(out.output?.message?.content?.[0]?.text).toBe("echo: aggregated");
      await trace(async () => "marker", { tracer, name: "marker" })();
    }, 2);
    expect(events.filter((e) => e.event_type === "model")).toHaveLength(1);
    expect(events.find((e) => e.event_type === "model").outputs.content).toBe("echo: aggregated");
  });

  it("a client both hooked and instrumented makes one span per call", async () => {
    const hook = new BedrockInstrumentation({ enabled: false });
    hook.patchModule(bedrockModule);
    try {
      const both = instrument(
        new BedrockRuntimeClient({ ...FAKE_AWS, endpoint: fake.endpoint, maxAttempts: 1 }),
      );
      const events = await sessionEvents(async () => {
        await both.send(
          new ConverseCommand({
            modelId: BEDROCK_MODEL,
            messages: [{ role: "user", content: [{ text: "once" }] }],
          }),
        );
        await trace(async () => "marker", { tracer, name: "marker" })();
      }, 2);
      expect(events.filter((e) => e.event_type === "model")).toHaveLength(1);
    } finally {
      hook.unpatchModule(bedrockModule);
    }
    expect(Object.hasOwn(BedrockRuntimeClient.prototype, "send")).toBe(false);
  });

  it("recordInputs and recordOutputs off keep usage and parameters, not content", async () => {
    const quiet = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
      recordInputs: false,
      recordOutputs: false,
      instrumentations: ["bedrock"],
    });
    try {
      fake.options.usage = { input: 4, output: 3 };
      const quietClient = instrument(
        new BedrockRuntimeClient({ ...FAKE_AWS, endpoint: fake.endpoint, maxAttempts: 1 }),
        { tracer: quiet },
      );
      const events = await eventsOfSession(
        srv,
        quiet,
        "quiet",
        () =>
          quietClient.send(
            new ConverseCommand({
              modelId: BEDROCK_MODEL,
              inferenceConfig: { maxTokens: 50 },
              messages: [{ role: "user", content: [{ text: "private words" }] }],
            }),
          ),
        (ev) => ev.length >= 1,
      );
      const ev = events.find((e) => e.event_type === "model");
      expect(JSON.stringify(ev)).not.toContain("private words");
      expect(ev.config.max_tokens).toBe(50);
      expect(ev.metadata).toMatchObject({ prompt_tokens: 4, completion_tokens: 3 });
    } finally {
      await quiet.shutdown();
    }
  });
});

import Anthropic, * as anthropicModule from "@anthropic-ai/sdk";
import { computeCost } from "@honeyhive-ts/semconv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnthropicInstrumentation, HoneyHiveTracer, instrument, trace } from "../src/index.js";
import { anthropicProvider } from "../src/instrumentation/anthropic/methods.js";
import { type FakeAnthropic, type MessageReply, startFakeAnthropic } from "./fake-anthropic.js";
import { ANTHROPIC_CONTRACT_MODEL, anthropicContract } from "./instrumentation-anthropic-contract.js";
import { eventsOfSession, runInstrumentationContract } from "./instrumentation-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

runInstrumentationContract(
  anthropicContract({
    name: "@anthropic-ai/sdk, instrument(client)",
    providerName: "anthropic",
    instrumentClient: (client) => instrument(client),
  }),
);

const MODEL = ANTHROPIC_CONTRACT_MODEL;

describe("anthropic instrumentation: tools, media, cache, thinking, stream(), errors, providers", () => {
  let srv: SdkTestServer;
  let fake: FakeAnthropic;
  let tracer: HoneyHiveTracer;
  let client: Anthropic;

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeAnthropic();
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
    client = instrument(new Anthropic({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 }));
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  /** Runs `fn` then a marker span, and returns the session's model events once the marker is in. */
  const modelEvents = async (fn: () => Promise<unknown>, on = tracer): Promise<any[]> => {
    const events = await eventsOfSession(
      srv,
      on,
      "anthropic",
      async () => {
        await fn();
        await trace(async () => "marker", { tracer: on, name: "marker" })();
      },
      (ev) => ev.some((e) => e.event_name === "marker"),
    );
    return events.filter((e) => e.event_type === "model");
  };
  const modelEvent = async (fn: () => Promise<unknown>, on = tracer): Promise<any> => {
    const models = await modelEvents(fn, on);
    expect(models).toHaveLength(1);
    return models[0];
  };
  const replying = (reply: MessageReply | undefined) => {
    fake.options.reply = reply && (() => reply);
  };

  const weatherTool = {
    name: "weather",
    description: "Weather of a city",
    input_schema: { type: "object" as const, properties: { city: { type: "string" } } },
  };
  const toolUse = { type: "tool_use" as const, id: "toolu_1", name: "weather", input: { city: "Paris" } };

  it("a tool use round trip: definitions, the call with its arguments, the result sent back", async () => {
    replying({ content: [toolUse] });
    const first = await modelEvent(() =>
      client.messages.create({
        model: MODEL,
        max_tokens: 100,
        tools: [weatherTool],
        messages: [{ role: "user", content: "weather in Paris?" }],
      }),
    );
    expect(first.config.tools).toEqual([
      {
        type: "function",
        name: "weather",
        description: "Weather of a city",
        parameters: weatherTool.input_schema,
      },
    ]);
    expect(first.outputs.tool_calls).toEqual([
      { id: "toolu_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
    ]);
    expect(first.outputs.finish_reason).toBe("tool_call");
    expect(first.metadata.anthropic.response.stop_reason).toBe("tool_use");

    replying(undefined);
    const second = await modelEvent(() =>
      client.messages.create({
        model: MODEL,
        max_tokens: 100,
        tools: [weatherTool],
        messages: [
          { role: "user", content: "weather in Paris?" },
          { role: "assistant", content: [toolUse] },
          {
            role: "user",
            content: [
              { type: "tool_result", tool_use_id: "toolu_1", content: "sunny, 21°C" },
              { type: "text", text: "and tomorrow?" },
            ],
          },
        ],
      }),
    );
    const history = second.inputs.chat_history;
    expect(history.find((m: any) => m.role === "assistant").tool_calls[0].function.arguments).toBe(
      '{"city":"Paris"}',
    );
    expect(history).toContainEqual({ role: "tool", content: "sunny, 21°C", tool_call_id: "toolu_1" });
    expect(history.at(-1)).toMatchObject({ role: "user", content: "and tomorrow?" });
    expect(second.outputs).toMatchObject({ content: "echo: and tomorrow?", finish_reason: "stop" });
  });

  it("streamed tool input (input_json_delta pieces) is assembled into the call's arguments", async () => {
    replying({ content: [{ type: "text", text: "Let me check." }, toolUse] });
    const ev = await modelEvent(async () => {
      const stream = await client.messages.create({
        model: MODEL,
        max_tokens: 100,
        tools: [weatherTool],
        messages: [{ role: "user", content: "weather in Paris?" }],
        stream: true,
      });
      for await (const _ of stream);
    });
    replying(undefined);
    expect(ev.outputs.content).toBe("Let me check.");
    expect(ev.outputs.tool_calls).toEqual([
      { id: "toolu_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
    ]);
    expect(ev.outputs.finish_reason).toBe("tool_call");
  });

  it("images and documents are references with media type and size, never the base64 payload", async () => {
    const png = Buffer.alloc(3000, 1).toString("base64");
    const pdf = Buffer.alloc(5000, 2).toString("base64");
    const ev = await modelEvent(() =>
      client.messages.create({
        model: MODEL,
        max_tokens: 100,
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "base64", media_type: "image/png", data: png } },
              { type: "image", source: { type: "url", url: "https://images.invalid/cat.jpg" } },
              { type: "document", source: { type: "base64", media_type: "application/pdf", data: pdf } },
              { type: "document", source: { type: "text", media_type: "text/plain", data: "plain notes" } },
              { type: "text", text: "what are these?" },
            ],
          },
        ],
      }),
    );
    const text = JSON.stringify(ev);
    expect(text).not.toContain(png.slice(0, 100));
    expect(text).not.toContain(pdf.slice(0, 100));
    expect(ev.inputs.chat_history[0].content).toEqual([
      { type: "blob", modality: "image", mime_type: "image/png", size: 3000 },
      { type: "uri", modality: "image", uri: "https://images.invalid/cat.jpg" },
      { type: "blob", modality: "document", mime_type: "application/pdf", size: 5000 },
      { type: "blob", modality: "document", mime_type: "text/plain", size: 11 },
      { type: "text", content: "what are these?" },
    ]);
  });

  it("system prompts as a string and as blocks are the system instructions", async () => {
    const ev = await modelEvent(() =>
      client.messages.create({
        model: MODEL,
        max_tokens: 100,
        system: [
          { type: "text", text: "You are terse.", cache_control: { type: "ephemeral" } },
          { type: "text", text: "Answer in French." },
        ],
        messages: [{ role: "user", content: "hi" }],
      }),
    );
    expect(ev.inputs.chat_history[0]).toEqual({
      role: "system",
      content: "You are terse.\nAnswer in French.",
    });
    expect(ev.config).toMatchObject({ model: MODEL, provider: "anthropic", max_tokens: 100 });
  });

  const cached = {
    input_tokens: 100,
    output_tokens: 20,
    cache_read_input_tokens: 400,
    cache_creation_input_tokens: 50,
  };

  it("cache reads and writes are counted in the input tokens, reads billed at the cache price", async () => {
    replying({ content: [{ type: "text", text: "cached answer" }], usage: cached });
    const plain = await modelEvent(() =>
      client.messages.create({
        model: MODEL,
        max_tokens: 100,
        messages: [{ role: "user", content: "again" }],
      }),
    );
    const streamed = await modelEvent(async () => {
      const stream = await client.messages.create({
        model: MODEL,
        max_tokens: 100,
        messages: [{ role: "user", content: "again" }],
        stream: true,
      });
      for await (const _ of stream);
    });
    replying(undefined);
    for (const ev of [plain, streamed]) {
      expect(ev.metadata).toMatchObject({
        prompt_tokens: 550,
        completion_tokens: 20,
        total_tokens: 570,
        cache_read_input_tokens: 400,
      });
      expect(ev.metadata.gen_ai.usage.cache_creation.input_tokens).toBe(50);
      const cost = computeCost(MODEL, { promptTokens: 550, completionTokens: 20, cachedTokens: 400 });
      expect(ev.metadata.cost).toBeCloseTo(cost ?? Number.NaN, 12);
    }
  });

  const thinking = {
    type: "thinking" as const,
    thinking: "The user greets me; greet back.",
    signature: "sig-1",
  };

  it("thinking blocks are recorded as reasoning, plain and streamed", async () => {
    replying({ content: [thinking, { type: "text", text: "Hello!" }] });
    const request = {
      model: MODEL,
      max_tokens: 2000,
      thinking: { type: "enabled" as const, budget_tokens: 1024 },
      messages: [{ role: "user" as const, content: "hi" }],
    };
    const plain = await modelEvent(() => client.messages.create(request));
    const streamed = await modelEvent(async () => {
      for await (const _ of await client.messages.create({ ...request, stream: true }));
    });
    replying(undefined);
    for (const ev of [plain, streamed]) {
      expect(ev.outputs.content).toEqual([
        { type: "reasoning", content: thinking.thinking },
        { type: "text", content: "Hello!" },
      ]);
      expect(ev.outputs.finish_reason).toBe("stop");
      expect(ev.metadata.anthropic.request.thinking).toEqual({ type: "enabled", budget_tokens: 1024 });
    }
    expect(streamed.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
  });

  it("messages.stream(): one model event, with its events, text listeners and finalMessage() intact", async () => {
    replying({ content: [thinking, { type: "text", text: "streamed through the helper" }] });
    const texts: string[] = [];
    let final: Anthropic.Messages.Message | undefined;
    const models = await modelEvents(async () => {
      const stream = client.messages.stream({
        model: MODEL,
        max_tokens: 2000,
        system: "be kind",
        messages: [{ role: "user", content: "hi" }],
      });
      stream.on("text", (delta) => texts.push(delta));
      final = await stream.finalMessage();
    });
    replying(undefined);
    expect(models).toHaveLength(1);
    expect(texts.join("")).toBe("streamed through the helper");
    expect(final?.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    const [ev] = models;
    expect(ev.outputs.content).toEqual([
      { type: "reasoning", content: thinking.thinking },
      { type: "text", content: "streamed through the helper" },
    ]);
    expect(ev.inputs.chat_history[0]).toEqual({ role: "system", content: "be kind" });
    expect(ev.metadata.completion_tokens).toBe(final?.usage.output_tokens);
    expect(ev.metadata.prompt_tokens).toBe(final?.usage.input_tokens);
    expect(ev.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
  });

  it("recordInputs / recordOutputs off: no content, thinking included; usage and model kept", async () => {
    const quiet = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
      recordInputs: false,
      recordOutputs: false,
    });
    const quietClient = instrument(new Anthropic({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 }), {
      tracer: quiet,
    });
    replying({ content: [thinking, { type: "text", text: "private answer" }, toolUse] });
    const ev = await modelEvent(async () => {
      const stream = await quietClient.messages.create({
        model: MODEL,
        max_tokens: 2000,
        system: "private system",
        tools: [weatherTool],
        messages: [{ role: "user", content: "private question" }],
        stream: true,
      });
      for await (const _ of stream);
    }, quiet);
    replying(undefined);
    await quiet.shutdown();
    const text = JSON.stringify(ev);
    for (const secret of ["private", thinking.thinking, "Paris", "weather"])
      expect(text).not.toContain(secret);
    expect(ev.config.model).toBe(MODEL);
    expect(ev.metadata.completion_tokens).toBeGreaterThan(0);
    expect(ev.metadata.anthropic.response.stop_reason).toBe("tool_use");
  });

  it("429 and 529 answers carry Anthropic's error type and the status", async () => {
    for (const [status, type] of [
      [429, "rate_limit_error"],
      [529, "overloaded_error"],
    ] as const) {
      fake.options.fail = () => ({ status });
      let caught: unknown;
      const ev = await modelEvent(async () => {
        caught = await client.messages
          .create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "x" }] })
          .catch((e: unknown) => e);
      });
      fake.options.fail = undefined;
      expect(caught).toBeInstanceOf(Anthropic.APIError);
      expect(caught).toMatchObject({ status, type });
      expect(ev.error).toContain(String(status));
      expect(ev.metadata.error).toMatchObject({ type });
      expect(ev.metadata.http).toMatchObject({ response: { status_code: status } });
    }
  });

  it("a call the client retries after retry-after is one successful model event", async () => {
    let failures = 0;
    fake.options.fail = () => (failures++ === 0 ? { status: 529, retryAfter: 0 } : undefined);
    const retrying = instrument(new Anthropic({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 2 }));
    const before = fake.requests.length;
    const ev = await modelEvent(() =>
      retrying.messages.create({
        model: MODEL,
        max_tokens: 10,
        messages: [{ role: "user", content: "retry" }],
      }),
    );
    fake.options.fail = undefined;
    expect(fake.requests.length - before).toBe(2);
    expect(ev.error).toBeNull();
    expect(ev.outputs.content).toBe("echo: retry");
  });

  it("an error event inside a stream fails the span with its type; the caller gets the error", async () => {
    replying({ content: [{ type: "text", text: "partial answer" }], streamError: "overloaded_error" });
    let caught: unknown;
    const ev = await modelEvent(async () => {
      const stream = await client.messages.create({
        model: MODEL,
        max_tokens: 10,
        messages: [{ role: "user", content: "x" }],
        stream: true,
      });
      try {
        for await (const _ of stream);
      } catch (e) {
        caught = e;
      }
    });
    replying(undefined);
    expect(caught).toMatchObject({ type: "overloaded_error" });
    expect(ev.error).toContain("overloaded_error");
    expect(ev.metadata.error).toMatchObject({ type: "overloaded_error" });
    expect(ev.outputs.content).toBe("partial answer");
  });

  it("countTokens is not a model call: it is not traced", async () => {
    let counted: number | undefined;
    const models = await modelEvents(async () => {
      const r = await client.messages.countTokens({
        model: MODEL,
        messages: [{ role: "user", content: "hi" }],
      });
      counted = r.input_tokens;
    });
    expect(counted).toBeGreaterThan(0);
    expect(models).toEqual([]);
  });

  it("beta.messages.create is traced like messages.create", async () => {
    const ev = await modelEvent(() =>
      client.beta.messages.create({
        model: MODEL,
        max_tokens: 10,
        messages: [{ role: "user", content: "beta" }],
      }),
    );
    expect(ev.outputs.content).toBe("echo: beta");
  });

  it("a client both hooked and instrumented makes one span per call", async () => {
    const hook = new AnthropicInstrumentation({ enabled: false });
    hook.patchModule(anthropicModule);
    try {
      const both = instrument(new Anthropic({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 }));
      const models = await modelEvents(async () => {
        await both.messages.create({
          model: MODEL,
          max_tokens: 10,
          messages: [{ role: "user", content: "once" }],
        });
        await both.messages
          .stream({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "twice" }] })
          .finalMessage();
      });
      expect(models.map((e) => e.outputs.content).sort()).toEqual(["echo: once", "echo: twice"]);
    } finally {
      hook.unpatchModule(anthropicModule);
    }
  });

  it("names the provider: providerName, the platform of the client, a known host, else anthropic", async () => {
    const named = instrument(new Anthropic({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 }), {
      providerName: "my-gateway",
    });
    const ev = await modelEvent(() =>
      named.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
    );
    expect(ev.config.provider).toBe("my-gateway");
    const name = (baseURL: string, platform?: string) =>
      anthropicProvider({ _client: { baseURL, _genAIProviderName: platform } }).name;
    expect(name("https://api.anthropic.com")).toBe("anthropic");
    expect(name("https://api.deepseek.com/anthropic")).toBe("deepseek");
    expect(name("https://llm-gateway.example.com:8443")).toBe("anthropic");
    expect(name("http://127.0.0.1:4000")).toBe("anthropic");
    expect(name("https://bedrock-runtime.us-east-1.amazonaws.com", "aws.bedrock")).toBe("aws.bedrock");
    expect(anthropicProvider({ _client: { baseURL: "https://llm-gateway.example.com:8443" } })).toMatchObject(
      {
        serverAddress: "llm-gateway.example.com",
        serverPort: 8443,
      },
    );
  });
});

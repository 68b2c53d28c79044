import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HoneyHiveTracer, instrument, providerFromBaseUrl } from "../src/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";
import { eventsOfSession, runInstrumentationContract } from "./instrumentation-contract.js";
import { openAIContract } from "./instrumentation-openai-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

runInstrumentationContract(
  openAIContract({
    name: "openai, instrument(client)",
    providerName: "openai",
    instrumentClient: (client) => instrument(client, { providerName: "openai" }),
  }),
);

describe("openai instrumentation: tool calls, Responses API, embeddings, images, providers", () => {
  let srv: SdkTestServer;
  let fake: FakeOpenAI;
  let tracer: HoneyHiveTracer;
  let client: OpenAI;

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeOpenAI();
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
    client = instrument(new OpenAI({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 }), {
      providerName: "openai",
    });
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  const modelEvent = async (fn: () => Promise<unknown>): Promise<any> => {
    const events = await eventsOfSession(srv, tracer, "openai", fn, (ev) =>
      ev.some((e) => e.event_type === "model"),
    );
    return events.find((e) => e.event_type === "model");
  };

  const weatherTool = {
    type: "function" as const,
    function: { name: "weather", description: "Weather of a city", parameters: { type: "object" } },
  };
  const toolCall = {
    id: "call_1",
    type: "function" as const,
    function: { name: "weather", arguments: '{"city":"Paris"}' },
  };

  it("streamed tool calls are assembled with their arguments; tool definitions are the config's tools", async () => {
    fake.options.chat = () => ({ content: null, tool_calls: [toolCall] });
    const ev = await modelEvent(async () => {
      const stream = await client.chat.completions.create({
        model: "gpt-4o",
        messages: [{ role: "user", content: "weather in Paris?" }],
        tools: [weatherTool],
        stream: true,
        stream_options: { include_usage: true },
      });
      const usage: unknown[] = [];
      for await (const chunk of stream) if (chunk.usage) usage.push(chunk.usage);
      expect(usage).toHaveLength(1); // asked for by the caller: kept
    });
    fake.options.chat = undefined;
    expect(ev.outputs.tool_calls).toEqual([
      { id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
    ]);
    expect(ev.outputs.finish_reason).toBe("tool_calls");
    expect(ev.config.tools).toEqual([
      { type: "function", name: "weather", description: "Weather of a city", parameters: { type: "object" } },
    ]);
  });

  it("asking a stream for its usage keeps the caller's stream options and leaves the caller's params as they were", async () => {
    const read = async (params: any) => {
      const stream = (await client.chat.completions.create(params)) as unknown as AsyncIterable<unknown>;
      for await (const _ of stream);
    };
    const params = {
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "options" }],
      stream: true,
      stream_options: { include_obfuscation: false },
    };
    const before = structuredClone(params);
    await modelEvent(() => read(params));
    expect(fake.requests.at(-1)?.body.stream_options).toEqual({
      include_obfuscation: false,
      include_usage: true,
    });
    expect(params).toEqual(before);
    // An own `__proto__` key (JSON.parse makes one) is data the client sends as it is.
    const parsed = JSON.parse('{"__proto__": {"note": "sent as data"}, "stream": true}');
    Object.assign(parsed, { model: "gpt-4o-mini", messages: [{ role: "user", content: "proto" }] });
    await modelEvent(() => read(parsed));
    const body = fake.requests.at(-1)?.body;
    expect(Object.hasOwn(body, "__proto__")).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
  });

  it("images in inputs are references with type and size, never the base64 payload", async () => {
    const data = Buffer.alloc(3000, 1).toString("base64");
    const ev = await modelEvent(() =>
      client.chat.completions.create({
        model: "gpt-4o",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "what is this?" },
              { type: "image_url", image_url: { url: `data:image/png;base64,${data}` } },
            ],
          },
        ],
      }),
    );
    expect(JSON.stringify(ev)).not.toContain(data.slice(0, 100));
    expect(JSON.stringify(ev.inputs)).toContain('"size":3000');
    expect(JSON.stringify(ev.inputs)).toContain("image/png");
  });

  it("the Responses API, plain and streamed, with usage", async () => {
    const plain = await modelEvent(() =>
      client.responses.create({ model: "gpt-4o-mini", instructions: "be brief", input: "hi there" }),
    );
    expect(plain.outputs).toMatchObject({ role: "assistant", content: "echo: hi there" });
    expect(plain.metadata.prompt_tokens).toBeGreaterThan(0);
    expect(plain.metadata.cost).toBeGreaterThan(0);
    let text = "";
    const streamed = await modelEvent(async () => {
      const stream = await client.responses.create({ model: "gpt-4o-mini", input: "streamed", stream: true });
      for await (const event of stream) if (event.type === "response.output_text.delta") text += event.delta;
    });
    expect(text).toBe("echo: streamed");
    expect(streamed.outputs).toMatchObject({ content: "echo: streamed" });
    expect(streamed.metadata.completion_tokens).toBeGreaterThan(0);
    expect(streamed.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
  });

  it("embeddings record the input and usage, not the vectors", async () => {
    const ev = await modelEvent(() =>
      client.embeddings.create({ model: "text-embedding-3-small", input: ["abc", "xyz"] }),
    );
    expect(ev.inputs).toEqual({ input: ["abc", "xyz"] });
    expect(ev.metadata.prompt_tokens).toBe(2);
    expect(ev.metadata.embedding_count).toBe(2);
  });

  it("generated images are references with their size", async () => {
    const ev = await modelEvent(() =>
      client.images.generate({ model: "gpt-image-1", prompt: "a cat", n: 2 }),
    );
    const blobs = JSON.stringify(ev.outputs);
    expect(blobs).toContain('"size":300');
    expect(blobs).not.toContain(Buffer.alloc(300, 7).toString("base64"));
    expect(ev.metadata.completion_tokens).toBe(200);
  });

  it("an internal error is reported once and the call goes on unchanged", async () => {
    let reads = 0;
    const message = {
      role: "user" as const,
      get content(): string {
        reads++;
        if (reads === 1) throw new Error("boom inside the instrumentation");
        return "still works";
      },
    };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await client.chat.completions.create({ model: "gpt-4o", messages: [message] });
    expect(res.choices[0]?.message.content).toBe("echo: still works");
    expect(warn.mock.calls.flat().join(" ")).toContain("boom inside the instrumentation");
    warn.mockRestore();
  });

  it("names providers from the base URL", () => {
    const name = (url: string) => providerFromBaseUrl(url).name;
    expect(name("https://api.openai.com/v1")).toBe("openai");
    expect(name("https://api.groq.com/openai/v1")).toBe("groq");
    expect(name("https://api.together.xyz/v1")).toBe("together");
    expect(name("http://localhost:11434/v1")).toBe("ollama");
    expect(name("https://api.mistral.ai/v1")).toBe("mistral_ai");
    expect(name("https://my-res.openai.azure.com/openai")).toBe("azure.ai.openai");
    expect(name("https://llm.example.com:8443/v1")).toBe("llm.example.com:8443");
    expect(providerFromBaseUrl("https://api.mistral.ai/v1").streamUsageOnRequest).toBe(false);
  });

  describe("legacy completions as text_completion events", () => {
    const LEGACY_MODEL = "gpt-3.5-turbo-instruct";

    it("a prompt string: the prompt, the text, the finish reason, exact usage and cost", async () => {
      fake.options.chat = () => ({
        content: "there was a fox",
        usage: { prompt_tokens: 5, completion_tokens: 4 },
      });
      const ev = await modelEvent(() =>
        client.completions.create({ model: LEGACY_MODEL, prompt: "once upon a time", temperature: 0 }),
      );
      fake.options.chat = undefined;
      expect(ev.event_name).toBe(`text_completion ${LEGACY_MODEL}`);
      expect(ev.config).toMatchObject({ provider: "openai", model: LEGACY_MODEL, temperature: 0 });
      expect(ev.inputs.chat_history).toEqual([
        expect.objectContaining({ role: "user", content: "once upon a time" }),
      ]);
      expect(ev.outputs).toMatchObject({
        role: "assistant",
        content: "there was a fox",
        finish_reason: "stop",
      });
      expect(ev.metadata).toMatchObject({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
      expect(ev.metadata.cost).toBeCloseTo((5 * 1.5 + 4 * 2) / 1_000_000, 12);
    });

    it("a prompt list: one input message per prompt, one output per choice", async () => {
      const ev = await modelEvent(() =>
        client.completions.create({ model: LEGACY_MODEL, prompt: ["red", "blue"], max_tokens: 2 }),
      );
      expect(ev.inputs.chat_history.map((m: any) => m.content)).toEqual(["red", "blue"]);
      expect(ev.outputs.choices.map((c: any) => [c.content, c.finish_reason])).toEqual([
        ["echo: red", "length"],
        ["echo: blue", "length"],
      ]);
    });

    it("a stream is assembled with usage the instrumentation asked for, hidden from the caller", async () => {
      const chunks: any[] = [];
      const ev = await modelEvent(async () => {
        const stream = await client.completions.create({
          model: LEGACY_MODEL,
          prompt: "streamed text",
          stream: true,
        });
        for await (const chunk of stream) chunks.push(chunk);
      });
      expect(fake.requests.at(-1)?.body.stream_options).toEqual({ include_usage: true });
      expect(chunks.map((c) => c.choices[0]?.text).join("")).toBe("echo: streamed text");
      expect(chunks.every((c) => c.choices.length === 1 && !("usage" in c))).toBe(true);
      expect(ev.outputs).toMatchObject({ content: "echo: streamed text", finish_reason: "stop" });
      expect(ev.metadata.completion_tokens).toBeGreaterThan(0);
      expect(ev.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
    });
  });
});

import { Mistral } from "@mistralai/mistralai";
import { context } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { HoneyHiveTracer, instrument } from "../src/index.js";
import { type FakeMistral, startFakeMistral } from "./fake-mistral.js";
import { eventsOfSession, runInstrumentationContract } from "./instrumentation-contract.js";
import { MISTRAL_MODEL, mistralContract } from "./instrumentation-mistral-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

runInstrumentationContract(
  mistralContract({ name: "mistral, instrument(client)", instrumentClient: (client) => instrument(client) }),
);

describe("mistral instrumentation: tool calls, images, FIM, embeddings, errors, content off", () => {
  let srv: SdkTestServer;
  let fake: FakeMistral;
  let tracer: HoneyHiveTracer;
  let client: Mistral;

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeMistral();
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
    });
    client = instrument(new Mistral({ apiKey: "test", serverURL: fake.serverURL }));
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  const modelEvent = async (fn: () => Promise<unknown>, on = tracer): Promise<any> => {
    const events = await eventsOfSession(srv, on, "mistral", fn, (ev) =>
      ev.some((e) => e.event_type === "model"),
    );
    return events.find((e) => e.event_type === "model");
  };

  const weatherTool = {
    type: "function" as const,
    function: { name: "weather", description: "Weather of a city", parameters: { type: "object" } },
  };
  const history = [
    { role: "user" as const, content: "weather in Paris?" },
    {
      role: "assistant" as const,
      content: "",
      toolCalls: [
        {
          id: "call0",
          type: "function" as const,
          function: { name: "weather", arguments: '{"city":"Paris"}' },
        },
      ],
    },
    { role: "tool" as const, toolCallId: "call0", name: "weather", content: "sunny" },
    { role: "user" as const, content: "and in Lyon?" },
  ];

  for (const streamed of [false, true])
    it(`${streamed ? "streamed" : "plain"} tool calls: definitions, history with a tool result, calls with arguments`, async () => {
      fake.options.reply = () => ({
        tool_calls: [{ id: "call1", name: "weather", arguments: '{"city":"Lyon"}' }],
        usage: { prompt_tokens: 30, completion_tokens: 9 },
      });
      const request = {
        model: MISTRAL_MODEL,
        messages: history,
        tools: [weatherTool],
        temperature: 0.2,
        maxTokens: 50,
      };
      const ev = await modelEvent(async () => {
        if (!streamed) {
          await client.chat.complete(request);
          return;
        }
        for await (const _ of await client.chat.stream(request));
      });
      fake.options.reply = undefined;
      expect(ev.config).toMatchObject({
        provider: "mistral_ai",
        model: MISTRAL_MODEL,
        temperature: 0.2,
        max_tokens: 50,
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
      expect(ev.outputs.finish_reason).toBe("tool_calls");
      const inputs = JSON.stringify(ev.inputs.chat_history);
      expect(inputs).toContain("call0");
      expect(inputs).toContain("sunny");
      expect(inputs).toContain("Paris");
      expect(ev.metadata).toMatchObject({ prompt_tokens: 30, completion_tokens: 9, total_tokens: 39 });
    });

  it("chat.parse (structured output) is a chat event with JSON output type; the parsed value is untouched", async () => {
    fake.options.reply = () => '{"city":"Paris","sunny":true}';
    let parsed: unknown;
    const ev = await modelEvent(async () => {
      const value = await client.chat.parse({
        model: MISTRAL_MODEL,
        messages: [{ role: "user", content: "weather?" }],
        responseFormat: z.object({ city: z.string(), sunny: z.boolean() }),
      });
      parsed = value.choices?.[0]?.message?.parsed;
    });
    fake.options.reply = undefined;
    expect(parsed).toEqual({ city: "Paris", sunny: true });
    expect(ev.event_name).toBe(`chat ${MISTRAL_MODEL}`);
    expect(ev.outputs.content).toBe('{"city":"Paris","sunny":true}');
    expect(ev.metadata.gen_ai.output.type).toBe("json");
  });

  it("images in inputs are references with type and size, never the base64 payload", async () => {
    const data = Buffer.alloc(3000, 1).toString("base64");
    const ev = await modelEvent(() =>
      client.chat.complete({
        model: "pixtral-large-latest",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "what is this?" },
              { type: "image_url", imageUrl: `data:image/png;base64,${data}` },
              { type: "image_url", imageUrl: { url: "https://example.test/cat.jpg" } },
            ],
          },
        ],
      }),
    );
    const inputs = JSON.stringify(ev.inputs);
    expect(JSON.stringify(ev)).not.toContain(data.slice(0, 100));
    expect(inputs).toContain('"size":3000');
    expect(inputs).toContain("image/png");
    expect(inputs).toContain("https://example.test/cat.jpg");
    expect(ev.metadata.cost).toBeGreaterThan(0);
  });

  it("fill-in-the-middle, plain and streamed: prompt and suffix in, completion out, exact usage", async () => {
    fake.options.reply = () => ({
      content: "return a + b",
      usage: { prompt_tokens: 12, completion_tokens: 4 },
    });
    const plain = await modelEvent(() =>
      client.fim.complete({
        model: "codestral-latest",
        prompt: "def add(a, b):",
        suffix: "# end",
        maxTokens: 20,
      }),
    );
    let text = "";
    const streamed = await modelEvent(async () => {
      for await (const event of await client.fim.stream({
        model: "codestral-latest",
        prompt: "def add(a, b):",
      }))
        text += String(event.data.choices[0]?.delta.content ?? "");
    });
    fake.options.reply = undefined;
    expect(text).toBe("return a + b");
    for (const ev of [plain, streamed]) {
      expect(ev.config).toMatchObject({ provider: "mistral_ai", model: "codestral-latest" });
      expect(ev.inputs.prompt).toBe("def add(a, b):");
      expect(ev.outputs).toMatchObject({ role: "assistant", content: "return a + b", finish_reason: "stop" });
      expect(ev.metadata).toMatchObject({ prompt_tokens: 12, completion_tokens: 4 });
      expect(ev.metadata.cost).toBeGreaterThan(0);
    }
    expect(plain.inputs.suffix).toBe("# end");
    expect(streamed.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
  });

  it("embeddings record the inputs and usage, never the vectors, and return what the untraced client does", async () => {
    const request = { model: "mistral-embed", inputs: ["abc", "xyzw"] };
    let traced: unknown;
    const ev = await modelEvent(async () => {
      traced = await client.embeddings.create(request);
    });
    const plain = await context.with(suppressTracing(context.active()), () =>
      client.embeddings.create(request),
    );
    expect({ ...(traced as object), id: "_" }).toEqual({ ...plain, id: "_" });
    expect(ev.inputs).toEqual({ input: ["abc", "xyzw"] });
    expect(ev.metadata).toMatchObject({ prompt_tokens: 2, embedding_count: 2 });
    expect(JSON.stringify(ev)).not.toContain('"embedding":[');
  });

  it("a 422 HTTPValidationError and a 500 SDKError carry their type and status", async () => {
    for (const [status, type] of [
      [422, "HTTPValidationError"],
      [500, "invalid_request_error"],
    ] as const) {
      fake.options.fail = () => status;
      let caught: any;
      const ev = await modelEvent(async () => {
        caught = await client.chat
          .complete({ model: MISTRAL_MODEL, messages: [{ role: "user", content: "x" }] })
          .catch((e: unknown) => e);
      });
      fake.options.fail = undefined;
      expect(caught.statusCode).toBe(status);
      expect(ev.error).toContain(caught.message.slice(0, 30));
      expect(ev.metadata.error).toMatchObject({ type });
      expect(ev.metadata.http).toMatchObject({ response: { status_code: status } });
    }
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
    const quietClient = instrument(new Mistral({ apiKey: "test", serverURL: fake.serverURL }), {
      tracer: quiet,
    });
    fake.options.reply = () => ({
      content: "private answer",
      tool_calls: [{ id: "c", name: "weather", arguments: '{"city":"Paris"}' }],
    });
    const ev = await modelEvent(async () => {
      const stream = await quietClient.chat.stream({
        model: MISTRAL_MODEL,
        temperature: 0.5,
        tools: [weatherTool],
        messages: [
          { role: "system", content: "private system" },
          { role: "user", content: "private question" },
        ],
      });
      for await (const _ of stream);
    }, quiet);
    fake.options.reply = undefined;
    await quiet.shutdown();
    const text = JSON.stringify(ev);
    for (const secret of ["private", "Paris", "weather"]) expect(text).not.toContain(secret);
    expect(ev.config).toMatchObject({ model: MISTRAL_MODEL, temperature: 0.5 });
    expect(ev.metadata.completion_tokens).toBeGreaterThan(0);
  });
});

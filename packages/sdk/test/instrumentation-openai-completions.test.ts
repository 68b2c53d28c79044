import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, instrument } from "../src/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";
import { eventsOfSession } from "./instrumentation-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

const MODEL = "gpt-3.5-turbo-instruct";

describe("openai legacy completions as text_completion events", () => {
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
    const events = await eventsOfSession(srv, tracer, "completions", fn, (ev) =>
      ev.some((e) => e.event_type === "model"),
    );
    return events.find((e) => e.event_type === "model");
  };

  it("a prompt string: the prompt, the text, the finish reason, exact usage and cost", async () => {
    fake.options.chat = () => ({
      content: "there was a fox",
      usage: { prompt_tokens: 5, completion_tokens: 4 },
    });
    const ev = await modelEvent(() =>
      client.completions.create({ model: MODEL, prompt: "once upon a time", temperature: 0 }),
    );
    fake.options.chat = undefined;
    expect(ev.event_name).toBe(`text_completion ${MODEL}`);
    expect(ev.config).toMatchObject({ provider: "openai", model: MODEL, temperature: 0 });
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
      client.completions.create({ model: MODEL, prompt: ["red", "blue"], max_tokens: 2 }),
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
      const stream = await client.completions.create({ model: MODEL, prompt: "streamed text", stream: true });
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

/**
 * The Vercel AI SDK beyond the contract: tool calls across steps, object
 * generation, embeddings, and the caller's own telemetry settings.
 */
import { createRequire } from "node:module";
import { createOpenAI } from "@ai-sdk/openai";
import type * as AI from "ai";
import { jsonSchema, stepCountIs, tool } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, VercelAIInstrumentation } from "../src/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";
import { eventsOfSession } from "./instrumentation-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

const ai = new VercelAIInstrumentation({ enabled: false }).patchModule(
  createRequire(import.meta.url)("ai") as typeof AI,
);

let srv: SdkTestServer;
let fake: FakeOpenAI;
let tracer: HoneyHiveTracer;
let openai: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeOpenAI({
    chat: (body) => {
      const last = body.messages.at(-1);
      if (body.response_format?.type === "json_schema") return { content: '{"city":"Paris","days":3}' };
      if (body.tools && last.role === "user")
        return {
          content: null,
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
          ],
        };
      if (last.role === "tool") return { content: `It is ${last.content} in Paris.` };
      return `echo: ${last.content}`;
    },
  });
  tracer = HoneyHiveTracer.init({
    apiKey: srv.key,
    serverUrl: srv.url,
    flushOnExit: false,
    startSession: false,
  });
  openai = createOpenAI({ apiKey: "test", baseURL: fake.baseURL });
});
afterAll(async () => {
  await tracer?.shutdown();
  await fake?.close();
  await srv?.stop();
});

const weather = tool({
  description: "The weather in a city",
  inputSchema: jsonSchema<{ city: string }>({
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  }),
  execute: async ({ city }) => (city === "Paris" ? "sunny" : "unknown"),
});

describe("vercel ai SDK", () => {
  it("tool calls across steps: a model event per step, a tool event, all under one chain", async () => {
    let text = "";
    const events = await eventsOfSession(
      srv,
      tracer,
      "tools",
      async () => {
        const r = await ai.generateText({
          model: openai.chat("gpt-4o-mini"),
          prompt: "weather in Paris?",
          tools: { weather },
          stopWhen: stepCountIs(3),
        });
        text = r.text;
      },
      (ev) => ev.length >= 4,
    );
    expect(text).toBe("It is sunny in Paris.");
    const chain = events.find((e) => e.event_type === "chain");
    const models = events.filter((e) => e.event_type === "model").sort((a, b) => a.start_time - b.start_time);
    const toolEvent = events.find((e) => e.event_type === "tool");
    expect(models).toHaveLength(2);
    for (const m of [...models, toolEvent]) expect(m.parent_id).toBe(chain.event_id);
    expect(models[0].config.tools[0]).toMatchObject({ type: "function", name: "weather" });
    expect(models[0].outputs).toMatchObject({ finish_reason: "tool-calls" });
    expect(JSON.stringify(models[0].outputs.tool_calls)).toContain("Paris");
    expect(JSON.stringify(models[1].inputs.chat_history)).toContain("sunny");
    expect(models[1].outputs).toMatchObject({ content: "It is sunny in Paris.", finish_reason: "stop" });
    expect(toolEvent.event_name).toBe("weather");
    expect(toolEvent.outputs).toMatchObject({ result: "sunny" });
  });

  it("generateObject and streamObject record the object as the model's output", async () => {
    const schema = jsonSchema<{ city: string; days: number }>({
      type: "object",
      properties: { city: { type: "string" }, days: { type: "number" } },
      required: ["city", "days"],
    });
    const objects: unknown[] = [];
    const events = await eventsOfSession(
      srv,
      tracer,
      "objects",
      async () => {
        const r = await ai.generateObject({
          model: openai.chat("gpt-4o-mini"),
          schema,
          prompt: "plan a trip",
        });
        objects.push(r.object);
        const s = ai.streamObject({ model: openai.chat("gpt-4o-mini"), schema, prompt: "plan a trip" });
        for await (const _ of s.partialObjectStream);
        objects.push(await s.object);
      },
      (ev) => ev.length >= 4,
    );
    expect(objects).toEqual([
      { city: "Paris", days: 3 },
      { city: "Paris", days: 3 },
    ]);
    const models = events.filter((e) => e.event_type === "model");
    expect(models.map((m) => m.event_name).sort()).toEqual([
      "ai.generateObject.doGenerate",
      "ai.streamObject.doStream",
    ]);
    for (const m of models) {
      expect(JSON.parse(m.outputs.content)).toEqual({ city: "Paris", days: 3 });
      expect(m.metadata.prompt_tokens).toBeGreaterThan(0);
    }
    expect(
      models.find((m) => m.event_name.endsWith("doStream")).metrics.time_to_first_token_ms,
    ).toBeGreaterThanOrEqual(0);
  });

  it("embed and embedMany: model events with token usage and inputs, never the vectors", async () => {
    const events = await eventsOfSession(
      srv,
      tracer,
      "embeddings",
      async () => {
        await ai.embed({ model: openai.embedding("text-embedding-3-small"), value: "one" });
        await ai.embedMany({ model: openai.embedding("text-embedding-3-small"), values: ["two", "three"] });
      },
      (ev) => ev.length >= 4,
    );
    const models = events.filter((e) => e.event_type === "model");
    expect(models).toHaveLength(2);
    for (const m of models) {
      expect(m.config).toMatchObject({ model: "text-embedding-3-small", provider: "openai" });
      expect(m.metadata.prompt_tokens).toBeGreaterThan(0);
      expect(m.metadata.gen_ai.embeddings.dimension.count).toBe(8);
    }
    expect(models.map((m) => m.inputs.input).sort()).toEqual([["one"], ["two", "three"]]);
    expect(JSON.stringify(events)).not.toMatch(/"ai\.embeddings?"/);
  });

  it("a call with telemetry of its own (its tracer, or turned off) is left as it is", async () => {
    const events = await eventsOfSession(
      srv,
      tracer,
      "own-telemetry",
      async () => {
        await ai.generateText({
          model: openai.chat("gpt-4o-mini"),
          prompt: "quiet",
          experimental_telemetry: { isEnabled: false },
        });
        await ai.generateText({ model: openai.chat("gpt-4o-mini"), prompt: "recorded" });
      },
      (ev) => ev.length >= 2,
    );
    const models = events.filter((e) => e.event_type === "model");
    expect(models.map((m) => m.outputs.content)).toEqual(["echo: recorded"]);
  });

  it("recordInputs / recordOutputs off: usage and model kept, no content", async () => {
    const quiet = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
      recordInputs: false,
      recordOutputs: false,
    });
    try {
      const events = await eventsOfSession(
        srv,
        quiet,
        "no-content",
        () => ai.generateText({ model: openai.chat("gpt-4o-mini"), prompt: "private words" }),
        (ev) => ev.length >= 2,
      );
      expect(JSON.stringify(events)).not.toContain("private words");
      const [model] = events.filter((e) => e.event_type === "model");
      expect(model.config.model).toBe("gpt-4o-mini");
      expect(model.metadata.completion_tokens).toBeGreaterThan(0);
    } finally {
      await quiet.shutdown();
    }
  });
});

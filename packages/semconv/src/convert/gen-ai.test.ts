import { describe, expect, it } from "vitest";
import { makeSpan, prose, spanEvent } from "../testing/span-factory.js";
import { spanToEvent } from "./span-to-event.js";

const PROMPT = prose(1200);
const ANSWER = prose(800);

describe("OpenTelemetry GenAI (current conventions)", () => {
  const span = makeSpan({
    name: "chat gpt-4o-mini",
    kind: 3,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.response.id": "chatcmpl-123",
      "gen_ai.request.temperature": 0.3,
      "gen_ai.request.max_tokens": 512,
      "gen_ai.request.top_p": 0.9,
      "gen_ai.request.stop_sequences": ["\n\n"],
      "gen_ai.request.seed": 42,
      "gen_ai.usage.input_tokens": "1200",
      "gen_ai.usage.output_tokens": 300,
      "gen_ai.usage.cache_read.input_tokens": 200,
      "gen_ai.response.finish_reasons": ["tool_calls"],
      "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "You are terse." }]),
      "gen_ai.input.messages": JSON.stringify([
        { role: "user", parts: [{ type: "text", content: PROMPT }] },
        {
          role: "assistant",
          parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
        },
        { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", response: { temp: 21 } }] },
      ]),
      "gen_ai.output.messages": JSON.stringify([
        {
          role: "assistant",
          parts: [
            { type: "text", content: ANSWER },
            { type: "tool_call", id: "call_2", name: "book", arguments: '{"when":"now"}' },
          ],
          finish_reason: "tool_calls",
        },
      ]),
      "server.address": "api.openai.com",
    },
  });
  const out = spanToEvent(span);

  it("is a model event with config from the request", () => {
    expect(out.event.event_type).toBe("model");
    expect(out.event.config).toEqual({
      model: "gpt-4o-mini",
      provider: "openai",
      temperature: 0.3,
      max_tokens: 512,
      top_p: 0.9,
      stop_sequences: ["\n\n"],
      seed: 42,
    });
  });

  it("turns messages into a HoneyHive chat history, keeping tool calls", () => {
    expect(out.event.inputs).toEqual({
      chat_history: [
        { role: "system", content: "You are terse." },
        { role: "user", content: PROMPT },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "call_1",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: "tool", content: '{"temp":21}', tool_call_id: "call_1" },
      ],
    });
    expect(out.event.outputs).toEqual({
      role: "assistant",
      content: ANSWER,
      tool_calls: [
        { id: "call_2", type: "function", function: { name: "book", arguments: '{"when":"now"}' } },
      ],
      finish_reason: "tool_calls",
    });
  });

  it("records usage and cost (cached tokens at the cached price)", () => {
    const m = out.event.metadata;
    expect(m.prompt_tokens).toBe(1200);
    expect(m.completion_tokens).toBe(300);
    expect(m.total_tokens).toBe(1500);
    expect(m.cache_read_input_tokens).toBe(200);
    expect(m.cost).toBeCloseTo((1000 * 0.15 + 200 * 0.075 + 300 * 0.6) / 1e6, 12);
    expect(m.response_model).toBe("gpt-4o-mini-2024-07-18");
    expect(m.response_id).toBe("chatcmpl-123");
  });

  it("keeps unmapped attributes and the operation name in metadata", () => {
    expect(out.event.metadata.server).toEqual({ address: "api.openai.com" });
    expect(out.event.metadata.gen_ai).toEqual({ operation: { name: "chat" } });
    expect(out.event.metadata.span_kind).toBe("client");
  });

  it("reads messages from the operation-details span event", () => {
    const fromEvent = spanToEvent(
      makeSpan({
        attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o" },
        events: [
          spanEvent("gen_ai.client.inference.operation.details", {
            "gen_ai.input.messages": [
              JSON.stringify({ role: "user", parts: [{ type: "text", content: "hi" }] }),
            ],
            "gen_ai.output.messages": JSON.stringify([
              { role: "assistant", parts: [{ type: "text", content: "yo" }] },
            ]),
          }),
        ],
      }),
    );
    expect(fromEvent.event.outputs).toEqual({ role: "assistant", content: "yo" });
    expect(fromEvent.event.metadata.events).toBeUndefined();
  });
});

describe("OpenTelemetry GenAI (deprecated / OpenLLMetry indexed form)", () => {
  const span = makeSpan({
    name: "anthropic.chat",
    attributes: {
      "gen_ai.system": "Anthropic",
      "gen_ai.request.model": "claude-3-5-sonnet-20241022",
      "gen_ai.request.max_tokens": 1024,
      "llm.request.type": "chat",
      "gen_ai.prompt.0.role": "system",
      "gen_ai.prompt.0.content": "Be helpful.",
      "gen_ai.prompt.1.role": "user",
      "gen_ai.prompt.1.content": JSON.stringify([{ type: "text", text: "What's 2+2?" }]),
      "gen_ai.completion.0.role": "assistant",
      "gen_ai.completion.0.content": "4",
      "gen_ai.completion.0.finish_reason": "end_turn",
      "gen_ai.completion.0.tool_calls.0.id": "toolu_1",
      "gen_ai.completion.0.tool_calls.0.name": "calc",
      "gen_ai.completion.0.tool_calls.0.arguments": '{"expr":"2+2"}',
      "gen_ai.usage.prompt_tokens": 20,
      "gen_ai.usage.completion_tokens": 10,
      "llm.usage.total_tokens": 30,
    },
  });
  const out = spanToEvent(span);

  it("maps indexed prompts and completions", () => {
    expect(out.event.event_type).toBe("model");
    expect(out.event.inputs).toEqual({
      chat_history: [
        { role: "system", content: "Be helpful." },
        { role: "user", content: "What's 2+2?" },
      ],
    });
    expect(out.event.outputs).toEqual({
      role: "assistant",
      content: "4",
      finish_reason: "end_turn",
      tool_calls: [
        { id: "toolu_1", type: "function", function: { name: "calc", arguments: '{"expr":"2+2"}' } },
      ],
    });
  });

  it("maps deprecated usage names, provider and call type", () => {
    expect(out.event.config).toEqual({
      model: "claude-3-5-sonnet-20241022",
      provider: "anthropic",
      max_tokens: 1024,
      call_type: "chat",
    });
    expect(out.event.metadata).toMatchObject({ prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 });
    expect(out.event.metadata.cost).toBeCloseTo((20 * 3 + 10 * 15) / 1e6, 12);
    expect(out.event.metadata.gen_ai).toBeUndefined();
    expect(out.event.metadata.llm).toBeUndefined();
  });

  it("several completions: the first is the output, all are in choices", () => {
    const multi = spanToEvent(
      makeSpan({
        attributes: {
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.completion.0.content": "a",
          "gen_ai.completion.1.content": "b",
        },
      }),
    );
    expect(multi.event.outputs).toEqual({
      role: "assistant",
      content: "a",
      choices: [
        { role: "assistant", content: "a" },
        { role: "assistant", content: "b" },
      ],
    });
  });
});

describe("cost", () => {
  const model = (attrs: Record<string, string | number>) =>
    spanToEvent(makeSpan({ attributes: { "gen_ai.operation.name": "chat", ...attrs } })).event;

  it("no cost field at all for an unknown model, tokens still recorded", () => {
    const event = model({ "gen_ai.request.model": "llama-3.1-8b", "gen_ai.usage.input_tokens": 10 });
    expect(event.metadata.prompt_tokens).toBe(10);
    expect(event.metadata.total_tokens).toBe(10);
    expect("cost" in event.metadata).toBe(false);
    expect(event.config.provider).toBeUndefined();
  });

  it("prices gpt-4o-mini snapshots as gpt-4o-mini, not gpt-4o", () => {
    const event = model({
      "gen_ai.request.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.usage.input_tokens": 1_000_000,
      "gen_ai.usage.output_tokens": 0,
    });
    expect(event.metadata.cost).toBeCloseTo(0.15, 12);
    expect(event.config.provider).toBe("openai");
  });

  it("falls back to the response model for pricing", () => {
    const event = model({
      "gen_ai.request.model": "my-azure-deployment",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.usage.input_tokens": 1_000_000,
      "gen_ai.usage.output_tokens": 1_000_000,
    });
    expect(event.metadata.cost).toBeCloseTo(12.5, 12);
  });

  it("uses option prices merged over the defaults", () => {
    const event = spanToEvent(
      makeSpan({
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.model": "my-model",
          "gen_ai.usage.input_tokens": 1000,
          "gen_ai.usage.output_tokens": 1000,
        },
      }),
      { prices: { "my-model": { input: 1, output: 2 } } },
    ).event;
    expect(event.metadata.cost).toBeCloseTo(0.003, 12);
  });

  it("computes no tokens or cost for non-model events", () => {
    const event = spanToEvent(
      makeSpan({
        attributes: {
          "gen_ai.operation.name": "invoke_agent",
          "gen_ai.usage.input_tokens": 5,
          "gen_ai.request.model": "gpt-4o",
        },
      }),
    ).event;
    expect(event.event_type).toBe("chain");
    expect(event.metadata.cost).toBeUndefined();
    expect(event.metadata.prompt_tokens).toBeUndefined();
    expect(event.metadata.gen_ai).toMatchObject({ usage: { input_tokens: 5 } });
  });
});

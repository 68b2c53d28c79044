import { describe, expect, it } from "vitest";
import { makeSpan } from "../testing/span-factory.js";
import { spanToEvent } from "./span-to-event.js";

const TELEMETRY = {
  "ai.telemetry.functionId": "joke-fn",
  "ai.telemetry.metadata.sessionId": "chat-42",
  "ai.telemetry.metadata.userId": "user-7",
  "ai.telemetry.metadata.tenant": "acme",
};

describe("Vercel AI SDK", () => {
  it("ai.generateText is a chain with the prompt as chat history", () => {
    const out = spanToEvent(
      makeSpan({
        name: "ai.generateText",
        attributes: {
          ...TELEMETRY,
          "operation.name": "ai.generateText joke-fn",
          "ai.operationId": "ai.generateText",
          "resource.name": "joke-fn",
          "ai.model.id": "gpt-4o-mini",
          "ai.model.provider": "openai.chat",
          "ai.settings.maxRetries": 2,
          "ai.prompt": JSON.stringify({ system: "You are funny.", prompt: "Tell me a joke" }),
          "ai.response.text": "Why did the otter...",
          "ai.response.finishReason": "stop",
          "ai.usage.promptTokens": 20,
          "ai.usage.completionTokens": 30,
        },
      }),
    );
    const e = out.event;
    expect(e.event_type).toBe("chain");
    expect(e.event_name).toBe("ai.generateText");
    expect(e.config).toEqual({ model: "gpt-4o-mini", provider: "openai", maxRetries: 2 });
    expect(e.inputs).toEqual({
      chat_history: [
        { role: "system", content: "You are funny." },
        { role: "user", content: "Tell me a joke" },
      ],
    });
    expect(e.outputs).toEqual({ role: "assistant", content: "Why did the otter...", finish_reason: "stop" });
    expect(e.session_id).toBe("chat-42");
    expect(e.user_properties).toEqual({ user_id: "user-7" });
    expect(e.metadata.tenant).toBe("acme");
    // a chain does not count tokens (its doGenerate child does)
    expect(e.metadata.cost).toBeUndefined();
    // Vercel's resource.name does not mix with the OTel resource
    expect(e.metadata["resource.name"]).toBe("joke-fn");
    expect(e.metadata.resource).toEqual({ service: { name: "unknown_service:node" } });
  });

  it("ai.generateText.doGenerate is a model event with messages, tool calls, usage and cost", () => {
    const out = spanToEvent(
      makeSpan({
        name: "ai.generateText.doGenerate",
        kind: 3,
        attributes: {
          ...TELEMETRY,
          "ai.operationId": "ai.generateText.doGenerate",
          "ai.model.id": "gpt-4o-mini",
          "ai.model.provider": "openai.chat",
          "ai.prompt.format": "messages",
          "ai.prompt.messages": JSON.stringify([
            { role: "system", content: "You are funny." },
            { role: "user", content: [{ type: "text", text: "Weather in SF?" }] },
            {
              role: "assistant",
              content: [{ type: "tool-call", toolCallId: "c0", toolName: "weather", args: { city: "LA" } }],
            },
            {
              role: "tool",
              content: [{ type: "tool-result", toolCallId: "c0", toolName: "weather", result: { temp: 80 } }],
            },
          ]),
          "ai.prompt.tools": [JSON.stringify({ type: "function", name: "weather", parameters: {} })],
          "ai.prompt.toolChoice": JSON.stringify({ type: "auto" }),
          "ai.response.toolCalls": JSON.stringify([
            { toolCallType: "function", toolCallId: "c1", toolName: "weather", args: '{"city":"SF"}' },
          ]),
          "ai.response.finishReason": "tool-calls",
          "ai.response.id": "resp-1",
          "ai.response.model": "gpt-4o-mini-2024-07-18",
          "ai.usage.promptTokens": 100,
          "ai.usage.completionTokens": 20,
          "gen_ai.system": "openai.chat",
          "gen_ai.request.model": "gpt-4o-mini",
          "gen_ai.response.finish_reasons": ["tool-calls"],
          "gen_ai.response.id": "resp-1",
          "gen_ai.usage.input_tokens": 100,
          "gen_ai.usage.output_tokens": 20,
        },
      }),
    );
    const e = out.event;
    expect(e.event_type).toBe("model");
    expect(e.config).toEqual({
      model: "gpt-4o-mini",
      provider: "openai",
      tools: [{ type: "function", name: "weather", parameters: {} }],
      tool_choice: { type: "auto" },
    });
    expect(e.inputs.chat_history).toEqual([
      { role: "system", content: "You are funny." },
      { role: "user", content: "Weather in SF?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "c0", type: "function", function: { name: "weather", arguments: '{"city":"LA"}' } },
        ],
      },
      { role: "tool", content: '{"temp":80}', tool_call_id: "c0", name: "weather" },
    ]);
    expect(e.outputs).toEqual({
      role: "assistant",
      content: null,
      tool_calls: [{ id: "c1", type: "function", function: { name: "weather", arguments: '{"city":"SF"}' } }],
      finish_reason: "tool-calls",
    });
    expect(e.metadata).toMatchObject({
      prompt_tokens: 100,
      completion_tokens: 20,
      total_tokens: 120,
      response_id: "resp-1",
      response_model: "gpt-4o-mini-2024-07-18",
    });
    expect(e.metadata.cost).toBeCloseTo((100 * 0.15 + 20 * 0.6) / 1e6, 12);
    expect(e.metadata.gen_ai).toBeUndefined();
    expect(e.metadata.ai).toEqual({
      operationId: "ai.generateText.doGenerate",
      telemetry: { functionId: "joke-fn" },
      prompt: { format: "messages" },
    });
  });

  it("ai.toolCall is a tool event named after the tool", () => {
    const out = spanToEvent(
      makeSpan({
        name: "ai.toolCall",
        attributes: {
          "ai.operationId": "ai.toolCall",
          "ai.toolCall.name": "weather",
          "ai.toolCall.id": "c1",
          "ai.toolCall.args": '{"city":"SF"}',
          "ai.toolCall.result": '{"temp":72}',
        },
      }),
    );
    expect(out.event.event_type).toBe("tool");
    expect(out.event.event_name).toBe("weather");
    expect(out.event.config).toEqual({ tool: { name: "weather" } });
    expect(out.event.inputs).toEqual({ city: "SF" });
    expect(out.event.outputs).toEqual({ result: { temp: 72 } });
    expect(out.event.metadata.tool_call_id).toBe("c1");
    expect(out.event.metadata.ai).toEqual({ operationId: "ai.toolCall" });
  });

  it("embeddings: ai.embed.doEmbed is a model event priced by ai.usage.tokens", () => {
    const out = spanToEvent(
      makeSpan({
        name: "ai.embed.doEmbed",
        attributes: {
          "ai.model.id": "text-embedding-3-small",
          "ai.model.provider": "openai.embedding",
          "ai.usage.tokens": 1_000_000,
        },
      }),
    );
    expect(out.event.event_type).toBe("model");
    expect(out.event.config.provider).toBe("openai");
    expect(out.event.metadata.cost).toBeCloseTo(0.02, 12);
  });
});

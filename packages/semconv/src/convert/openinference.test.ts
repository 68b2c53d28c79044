import { describe, expect, it } from "vitest";
import { makeSpan, prose } from "../testing/span-factory.js";
import { spanToEvent } from "./span-to-event.js";

const SYSTEM = prose(300);
const QUESTION = prose(900);
const ANSWER = prose(700);

describe("OpenInference LLM span", () => {
  const request = { model: "gpt-4o", messages: [{ role: "user", content: QUESTION }], temperature: 0.7 };
  const span = makeSpan({
    name: "ChatCompletion",
    attributes: {
      "openinference.span.kind": "LLM",
      "llm.model_name": "gpt-4o-2024-08-06",
      "llm.provider": "openai",
      "llm.system": "openai",
      "llm.invocation_parameters": JSON.stringify({ model: "gpt-4o", temperature: 0.7, max_tokens: 256 }),
      "input.value": JSON.stringify(request),
      "input.mime_type": "application/json",
      "llm.input_messages.0.message.role": "system",
      "llm.input_messages.0.message.content": SYSTEM,
      "llm.input_messages.1.message.role": "user",
      "llm.input_messages.1.message.contents.0.message_content.type": "text",
      "llm.input_messages.1.message.contents.0.message_content.text": QUESTION,
      "llm.input_messages.1.message.contents.1.message_content.type": "image",
      "llm.input_messages.1.message.contents.1.message_content.image.image.url": "https://x.test/cat.png",
      "llm.output_messages.0.message.role": "assistant",
      "llm.output_messages.0.message.content": ANSWER,
      "llm.output_messages.0.message.tool_calls.0.tool_call.id": "call_9",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.name": "lookup",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments": '{"q":"cats"}',
      "llm.tools.0.tool.json_schema": JSON.stringify({ type: "function", function: { name: "lookup" } }),
      "llm.token_count.prompt": 1000,
      "llm.token_count.completion": 200,
      "llm.token_count.total": 1200,
      "session.id": "conversation-7",
      "user.id": "user-3",
      metadata: JSON.stringify({ experiment: "b", nested: { k: 1 } }),
      "tag.tags": ["beta"],
    },
  });
  const out = spanToEvent(span);

  it("is a model event with config from model, provider and invocation parameters", () => {
    expect(out.event.event_type).toBe("model");
    expect(out.event.config).toEqual({
      model: "gpt-4o-2024-08-06",
      provider: "openai",
      temperature: 0.7,
      max_tokens: 256,
      tools: [{ type: "function", function: { name: "lookup" } }],
    });
  });

  it("maps input and output messages (multimodal content kept as parts)", () => {
    expect(out.event.inputs).toEqual({
      chat_history: [
        { role: "system", content: SYSTEM },
        {
          role: "user",
          content: [
            { type: "text", text: QUESTION },
            { type: "image", image: { image: { url: "https://x.test/cat.png" } } },
          ],
        },
      ],
    });
    expect(out.event.outputs).toEqual({
      role: "assistant",
      content: ANSWER,
      tool_calls: [
        { id: "call_9", type: "function", function: { name: "lookup", arguments: '{"q":"cats"}' } },
      ],
    });
  });

  it("maps token counts, cost, session, user and metadata", () => {
    expect(out.event.metadata).toMatchObject({
      prompt_tokens: 1000,
      completion_tokens: 200,
      total_tokens: 1200,
      experiment: "b",
      nested: { k: 1 },
      tag: { tags: ["beta"] },
    });
    expect(out.event.metadata.cost).toBeCloseTo((1000 * 2.5 + 200 * 10) / 1e6, 12);
    expect(out.event.session_id).toBe("conversation-7");
    expect(out.event.user_properties).toEqual({ user_id: "user-3" });
  });

  it("keeps the raw request (input.value), which lost to the messages, in metadata", () => {
    expect(out.event.metadata.input).toEqual({
      value: JSON.stringify(request),
      mime_type: "application/json",
    });
    expect(out.event.metadata.llm).toBeUndefined();
    expect(out.event.metadata.openinference).toEqual({ span: { kind: "LLM" } });
  });
});

describe("OpenInference CHAIN, TOOL and RETRIEVER spans", () => {
  it("CHAIN: JSON input becomes inputs; text output is wrapped", () => {
    const out = spanToEvent(
      makeSpan({
        name: "RunnableSequence",
        attributes: {
          "openinference.span.kind": "CHAIN",
          "input.value": '{"question":"why?"}',
          "input.mime_type": "application/json",
          "output.value": "because",
          "output.mime_type": "text/plain",
        },
      }),
    );
    expect(out.event.event_type).toBe("chain");
    expect(out.event.inputs).toEqual({ question: "why?" });
    expect(out.event.outputs).toEqual({ output: "because" });
    expect(out.event.metadata.input).toBeUndefined();
    expect(out.event.metadata.output).toBeUndefined();
  });

  it("values without a JSON mime type stay strings", () => {
    const out = spanToEvent(
      makeSpan({ attributes: { "openinference.span.kind": "AGENT", "input.value": '{"a":1}' } }),
    );
    expect(out.event.event_type).toBe("chain");
    expect(out.event.inputs).toEqual({ input: '{"a":1}' });
  });

  it("TOOL: tool definition goes to config.tool", () => {
    const out = spanToEvent(
      makeSpan({
        name: "get_weather",
        attributes: {
          "openinference.span.kind": "TOOL",
          "tool.name": "get_weather",
          "tool.description": "Weather by city",
          "tool.parameters": '{"type":"object","properties":{"city":{"type":"string"}}}',
          "input.value": '{"city":"Oslo"}',
          "input.mime_type": "application/json",
          "output.value": '{"temp":-3}',
          "output.mime_type": "application/json",
        },
      }),
    );
    expect(out.event.event_type).toBe("tool");
    expect(out.event.event_name).toBe("get_weather");
    expect(out.event.config).toEqual({
      tool: {
        name: "get_weather",
        description: "Weather by city",
        parameters: { type: "object", properties: { city: { type: "string" } } },
      },
    });
    expect(out.event.inputs).toEqual({ city: "Oslo" });
    expect(out.event.outputs).toEqual({ temp: -3 });
  });

  it("RETRIEVER: documents become outputs.documents", () => {
    const out = spanToEvent(
      makeSpan({
        attributes: {
          "openinference.span.kind": "RETRIEVER",
          "input.value": "reset password",
          "retrieval.documents.0.document.id": "d1",
          "retrieval.documents.0.document.content": "Go to settings",
          "retrieval.documents.0.document.score": 0.8,
          "retrieval.documents.1.document.id": "d2",
          "retrieval.documents.1.document.content": "Click forgot",
        },
      }),
    );
    expect(out.event.event_type).toBe("tool");
    expect(out.event.inputs).toEqual({ input: "reset password" });
    expect(out.event.outputs).toEqual({
      documents: [
        { id: "d1", content: "Go to settings", score: 0.8 },
        { id: "d2", content: "Click forgot" },
      ],
    });
  });
});

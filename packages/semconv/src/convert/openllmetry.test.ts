import { describe, expect, it } from "vitest";
import { makeRootSpan, makeSpan } from "../testing/span-factory.js";
import { spanToEvent } from "./span-to-event.js";

const ASSOC = {
  "traceloop.association.properties.session_id": "5D0B8C3E-2F6A-4C1D-9E8F-0A1B2C3D4E5F",
  "traceloop.association.properties.project": "joke-app",
  "traceloop.association.properties.session_name": "joke-session",
  "traceloop.association.properties.user_id": "u-9",
};

describe("OpenLLMetry workflow and task spans", () => {
  it("workflow: entity name, {args, kwargs} inputs, result output", () => {
    const out = spanToEvent(
      makeRootSpan({
        name: "joke_generator.workflow",
        attributes: {
          ...ASSOC,
          "traceloop.span.kind": "workflow",
          "traceloop.entity.name": "joke_generator",
          "traceloop.workflow.name": "joke_generator",
          "traceloop.entity.input": JSON.stringify({ args: [], kwargs: { topic: "otters", n: 2 } }),
          "traceloop.entity.output": JSON.stringify({ jokes: ["a", "b"] }),
        },
      }),
    );
    expect(out.event.event_type).toBe("chain");
    expect(out.event.event_name).toBe("joke_generator");
    expect(out.event.inputs).toEqual({ topic: "otters", n: 2 });
    expect(out.event.outputs).toEqual({ result: { jokes: ["a", "b"] } });
    expect(out.event.session_id).toBe("5d0b8c3e-2f6a-4c1d-9e8f-0a1b2c3d4e5f");
    expect(out.project).toBe("joke-app");
    expect(out.session.name).toBe("joke-session");
    expect(out.event.metadata.user_id).toBe("u-9");
    expect(out.event.metadata.traceloop).toEqual({
      span: { kind: "workflow" },
      workflow: { name: "joke_generator" },
    });
  });

  it("task: positional args (JS SDK) and a string result", () => {
    const out = spanToEvent(
      makeSpan({
        name: "translate.task",
        attributes: {
          "traceloop.span.kind": "task",
          "traceloop.entity.name": "translate",
          "traceloop.entity.input": JSON.stringify({ args: ["hello", "fr"] }),
          "traceloop.entity.output": '"bonjour"',
        },
      }),
    );
    expect(out.event.event_type).toBe("chain");
    expect(out.event.inputs).toEqual({ args: ["hello", "fr"] });
    expect(out.event.outputs).toEqual({ result: "bonjour" });
  });

  it("tool kind is a tool; a renamed span keeps its own name", () => {
    const out = spanToEvent(
      makeSpan({
        name: "custom name",
        attributes: { "traceloop.span.kind": "tool", "traceloop.entity.name": "search" },
      }),
    );
    expect(out.event.event_type).toBe("tool");
    expect(out.event.event_name).toBe("custom name");
    expect(out.event.metadata.traceloop).toMatchObject({ entity: { name: "search" } });
  });
});

describe("OpenLLMetry LLM span", () => {
  const out = spanToEvent(
    makeSpan({
      name: "openai.chat",
      kind: 3,
      attributes: {
        ...ASSOC,
        "llm.request.type": "chat",
        "gen_ai.system": "OpenAI",
        "gen_ai.request.model": "gpt-3.5-turbo",
        "gen_ai.response.model": "gpt-3.5-turbo-0125",
        "llm.is_streaming": false,
        "llm.request.functions.0.name": "get_time",
        "llm.request.functions.0.description": "Current time",
        "llm.request.functions.0.parameters": '{"type":"object","properties":{}}',
        "gen_ai.prompt.0.role": "user",
        "gen_ai.prompt.0.content": "What time is it?",
        "gen_ai.completion.0.role": "assistant",
        "gen_ai.completion.0.finish_reason": "function_call",
        "gen_ai.completion.0.function_call.name": "get_time",
        "gen_ai.completion.0.function_call.arguments": "{}",
        "gen_ai.usage.prompt_tokens": "50",
        "gen_ai.usage.completion_tokens": "7",
        "llm.usage.total_tokens": "57",
      },
    }),
  );

  it("maps model config, functions as tools, and messages", () => {
    expect(out.event.event_type).toBe("model");
    expect(out.event.event_name).toBe("openai.chat");
    expect(out.event.config).toEqual({
      model: "gpt-3.5-turbo",
      provider: "openai",
      call_type: "chat",
      tools: [
        { name: "get_time", description: "Current time", parameters: { type: "object", properties: {} } },
      ],
    });
    expect(out.event.inputs).toEqual({ chat_history: [{ role: "user", content: "What time is it?" }] });
    expect(out.event.outputs).toEqual({
      role: "assistant",
      content: null,
      finish_reason: "function_call",
      tool_calls: [{ type: "function", function: { name: "get_time", arguments: "{}" } }],
    });
  });

  it("coerces string token counts and prices the model", () => {
    expect(out.event.metadata).toMatchObject({ prompt_tokens: 50, completion_tokens: 7, total_tokens: 57 });
    expect(out.event.metadata.cost).toBeCloseTo((50 * 0.5 + 7 * 1.5) / 1e6, 12);
    expect(out.event.metadata.response_model).toBe("gpt-3.5-turbo-0125");
    expect(out.event.metadata.llm).toEqual({ is_streaming: false });
  });
});

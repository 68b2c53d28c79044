import { describe, expect, it } from "vitest";
import type { Attributes } from "../span.js";
import { makeSpan } from "../testing/span-factory.js";
import { spanToEvent } from "./span-to-event.js";

const typeOf = (attributes: Attributes, name = "some-span") =>
  spanToEvent(makeSpan({ name, attributes })).event.event_type;

describe("event type", () => {
  it("explicit honeyhive_event_type wins over everything", () => {
    expect(
      typeOf({
        honeyhive_event_type: "tool",
        "gen_ai.operation.name": "chat",
        "openinference.span.kind": "LLM",
        "gen_ai.request.model": "gpt-4o",
      }),
    ).toBe("tool");
    expect(typeOf({ honeyhive_event_type: "MODEL" })).toBe("model");
  });

  it('reads "session" on a span as chain, and ignores unknown explicit values', () => {
    expect(typeOf({ honeyhive_event_type: "session" })).toBe("chain");
    const out = spanToEvent(
      makeSpan({ attributes: { honeyhive_event_type: "banana", "gen_ai.operation.name": "chat" } }),
    );
    expect(out.event.event_type).toBe("model");
    expect(out.event.metadata.honeyhive_event_type).toBe("banana");
  });

  it("maps gen_ai.operation.name", () => {
    expect(typeOf({ "gen_ai.operation.name": "chat" })).toBe("model");
    expect(typeOf({ "gen_ai.operation.name": "text_completion" })).toBe("model");
    expect(typeOf({ "gen_ai.operation.name": "generate_content" })).toBe("model");
    expect(typeOf({ "gen_ai.operation.name": "embeddings" })).toBe("model");
    expect(typeOf({ "gen_ai.operation.name": "invoke_agent", "gen_ai.request.model": "gpt-4o" })).toBe(
      "chain",
    );
    expect(typeOf({ "gen_ai.operation.name": "create_agent" })).toBe("chain");
    expect(typeOf({ "gen_ai.operation.name": "execute_tool" })).toBe("tool");
  });

  it("gen_ai.operation.name beats openinference.span.kind, which beats traceloop.span.kind", () => {
    expect(typeOf({ "gen_ai.operation.name": "execute_tool", "openinference.span.kind": "LLM" })).toBe(
      "tool",
    );
    expect(typeOf({ "openinference.span.kind": "AGENT", "traceloop.span.kind": "tool" })).toBe("chain");
  });

  it("maps openinference.span.kind", () => {
    const cases: [string, string][] = [
      ["LLM", "model"],
      ["CHAIN", "chain"],
      ["AGENT", "chain"],
      ["TOOL", "tool"],
      ["RETRIEVER", "tool"],
      ["EMBEDDING", "tool"],
      ["RERANKER", "tool"],
      ["GUARDRAIL", "tool"],
      ["llm", "model"],
    ];
    for (const [kind, type] of cases) expect(typeOf({ "openinference.span.kind": kind }), kind).toBe(type);
  });

  it("maps traceloop.span.kind", () => {
    expect(typeOf({ "traceloop.span.kind": "workflow" })).toBe("chain");
    expect(typeOf({ "traceloop.span.kind": "agent" })).toBe("chain");
    expect(typeOf({ "traceloop.span.kind": "task" })).toBe("chain");
    expect(typeOf({ "traceloop.span.kind": "tool" })).toBe("tool");
  });

  it("maps Vercel AI SDK operations by ai.operationId or span name, before model hints", () => {
    expect(typeOf({ "ai.model.id": "gpt-4o" }, "ai.streamText")).toBe("chain");
    expect(typeOf({}, "ai.streamText.doStream")).toBe("model");
    expect(typeOf({}, "ai.generateObject.doGenerate")).toBe("model");
    expect(typeOf({ "ai.operationId": "ai.toolCall" }, "custom")).toBe("tool");
  });

  it("falls back to model hints and provider span names, else tool", () => {
    expect(typeOf({ "gen_ai.request.model": "gpt-4o" })).toBe("model");
    expect(typeOf({ "gen_ai.system": "openai" })).toBe("model");
    expect(typeOf({ "gen_ai.provider.name": "anthropic" })).toBe("model");
    expect(typeOf({ "llm.request.model": "x" })).toBe("model");
    expect(typeOf({ "llm.model_name": "x" })).toBe("model");
    expect(typeOf({ "ai.model.id": "x" })).toBe("model");
    for (const name of [
      "openai.chat",
      "anthropic.messages",
      "chat gpt-4o",
      "ChatOpenAI",
      "ChatAnthropic.chat",
    ]) {
      expect(typeOf({}, name), name).toBe("model");
    }
    for (const name of ["GET /users", "openai", "chatbot", "chat", "process_order"]) {
      expect(typeOf({}, name), name).toBe("tool");
    }
  });
});

/**
 * Cohere v1 `chat` and `chatStream` (`CohereClient`) as a GenAI `chat` span:
 * `preamble`, `chatHistory` and `message` become the messages; tool calls
 * have no ids (`{name, parameters}`). A stream's `stream-end` event carries
 * the whole response, usage included.
 */
import { GEN_AI, GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Operation, Params, StreamAssembler } from "../operation.js";
import { type GenAIMessage, type Part, textPart, toolCallPart, toolResultPart } from "../parts.js";
import { cohereModel, recordSampling } from "./chat.js";
import { cohereErrorDetails, recordFinishReason, recordUsage } from "./usage.js";

const ROLES: Readonly<Record<string, string>> = {
  USER: "user",
  CHATBOT: "assistant",
  SYSTEM: "system",
  TOOL: "tool",
};

export const cohereChatV1: Operation = {
  operation: GEN_AI_OPERATIONS.chat,
  model: cohereModel,
  request(params, span) {
    recordSampling(span, params);
    if (!span.recordInputs) return;
    recordTools(span, params.tools);
    const system: Part[] = typeof params.preamble === "string" ? [textPart(params.preamble)] : [];
    const messages: GenAIMessage[] = [];
    for (const m of Array.isArray(params.chatHistory) ? params.chatHistory : []) {
      const role = ROLES[String(m?.role)] ?? String(m?.role ?? "user").toLowerCase();
      if (role === "system" && typeof m?.message === "string") system.push(textPart(m.message));
      else messages.push({ role, parts: historyParts(m) });
    }
    if (Array.isArray(params.toolResults) && params.toolResults.length > 0)
      messages.push({ role: "tool", parts: toolResultParts(params.toolResults) });
    if (typeof params.message === "string" && params.message !== "")
      messages.push({ role: "user", parts: [textPart(params.message)] });
    span.prompt(system, messages);
  },
  response: (result, span) => recordResponse(span, result as Params),
  stream: (span) => new ChatV1Stream(span),
  errorDetails: cohereErrorDetails,
};

function historyParts(m: Params): Part[] {
  const parts: Part[] = typeof m?.message === "string" && m.message !== "" ? [textPart(m.message)] : [];
  for (const call of Array.isArray(m?.toolCalls) ? m.toolCalls : [])
    parts.push(toolCallPart(undefined, call?.name, call?.parameters));
  return [...parts, ...toolResultParts(m?.toolResults)];
}

function toolResultParts(results: unknown): Part[] {
  if (!Array.isArray(results)) return [];
  return results.map((r: Params) => ({
    ...toolResultPart(undefined, r?.outputs ?? null),
    name: r?.call?.name ?? null,
  }));
}

/** v1 tools: `{name, description, parameterDefinitions}`. */
function recordTools(span: ModelSpan, tools: unknown): void {
  if (!Array.isArray(tools) || tools.length === 0) return;
  span.json(
    GEN_AI.toolDefinitions,
    tools.map((t: Params) => ({
      type: "function",
      name: t?.name,
      ...(t?.description !== undefined ? { description: t.description } : {}),
      ...(t?.parameterDefinitions !== undefined ? { parameters: t.parameterDefinitions } : {}),
    })),
  );
}

function recordResponse(span: ModelSpan, r: Params): void {
  span.set(GEN_AI.responseId, r?.responseId ?? r?.generationId);
  recordUsage(span, r?.meta);
  const finish = recordFinishReason(span, r?.finishReason);
  if (!span.recordOutputs || r === null || typeof r !== "object") return;
  const parts: Part[] = typeof r.text === "string" && r.text !== "" ? [textPart(r.text)] : [];
  for (const call of Array.isArray(r.toolCalls) ? r.toolCalls : [])
    parts.push(toolCallPart(undefined, call?.name, call?.parameters));
  span.json(GEN_AI.outputMessages, [{ role: "assistant", parts, finish_reason: finish }]);
}

/** Keeps time to first token; the `stream-end` event's response is the output. */
class ChatV1Stream implements StreamAssembler {
  private response: Params;
  private text = "";

  constructor(private readonly span: ModelSpan) {}

  add(raw: unknown): boolean {
    const event = raw as Params;
    switch (event?.eventType) {
      case "text-generation":
        if (typeof event.text === "string" && event.text !== "") {
          this.span.firstToken();
          this.text += event.text;
        }
        break;
      case "tool-calls-chunk":
      case "tool-calls-generation":
        this.span.firstToken();
        break;
      case "stream-end":
        this.response = {
          ...event.response,
          finishReason: event.finishReason ?? event.response?.finishReason,
        };
        break;
    }
    return true;
  }

  finish(): void {
    // A stream cut short has no final response: what arrived is the output.
    recordResponse(this.span, this.response ?? { text: this.text });
  }
}

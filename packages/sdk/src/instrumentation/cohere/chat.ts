/**
 * Cohere v2 `chat` and `chatStream` as a GenAI `chat` span. A v2 response
 * has no model, so the request's is the response model; a stream is a
 * series of typed events (`message-start`, `content-delta`, `tool-call-*`,
 * `message-end` with the finish reason and usage), assembled here into the
 * output of a plain response.
 */
import { GEN_AI, GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Operation, Params, StreamAssembler } from "../operation.js";
import { functionToolCallParts, type Part, textPart, toolCallPart } from "../parts.js";
import { contentParts, inputMessages } from "./messages.js";
import { cohereErrorDetails, recordFinishReason, recordUsage } from "./usage.js";

export const cohereModel = (params: Params): string | undefined =>
  typeof params.model === "string" ? params.model : undefined;

export const cohereChat: Operation = {
  operation: GEN_AI_OPERATIONS.chat,
  model: cohereModel,
  request(params, span) {
    recordSampling(span, params);
    if (!span.recordInputs) return;
    recordTools(span, params.tools);
    const { system, messages } = inputMessages(params.messages);
    span.prompt(system, messages);
  },
  response(result, span) {
    const r = result as Params;
    span.set(GEN_AI.responseId, r?.id);
    recordUsage(span, r?.usage);
    const finish = recordFinishReason(span, r?.finishReason);
    if (!span.recordOutputs || !r?.message) return;
    const parts: Part[] = [];
    if (typeof r.message.toolPlan === "string" && r.message.toolPlan !== "")
      parts.push({ type: "reasoning", content: r.message.toolPlan });
    parts.push(...contentParts(r.message.content), ...functionToolCallParts(r.message.toolCalls));
    span.json(GEN_AI.outputMessages, [{ role: r.message.role ?? "assistant", parts, finish_reason: finish }]);
  },
  stream: (span) => new ChatStream(span),
  errorDetails: cohereErrorDetails,
};

/** Sampling parameters of v1 and v2 chat (the same names in both). */
export function recordSampling(span: ModelSpan, params: Params): void {
  span.set(GEN_AI.requestTemperature, params.temperature);
  span.set(GEN_AI.requestTopP, params.p);
  span.set("gen_ai.request.top_k", params.k);
  span.set(GEN_AI.requestMaxTokens, params.maxTokens);
  span.set(GEN_AI.requestFrequencyPenalty, params.frequencyPenalty);
  span.set(GEN_AI.requestPresencePenalty, params.presencePenalty);
  span.set(GEN_AI.requestSeed, params.seed);
  span.set(GEN_AI.requestStopSequences, params.stopSequences);
  const format = params.responseFormat?.type;
  if (typeof format === "string") span.set(GEN_AI.outputType, format === "text" ? "text" : "json");
  span.set("cohere.request.safety_mode", params.safetyMode);
  span.set(
    "cohere.request.document_count",
    Array.isArray(params.documents) ? params.documents.length : undefined,
  );
}

/** v2 function tools (`{type, function: {name, description, parameters}}`) as `gen_ai.tool.definitions`. */
function recordTools(span: ModelSpan, tools: unknown): void {
  if (!Array.isArray(tools) || tools.length === 0) return;
  span.json(
    GEN_AI.toolDefinitions,
    tools.map((t: Params) => ({
      type: t?.type ?? "function",
      name: t?.function?.name,
      ...(t?.function?.description !== undefined ? { description: t.function.description } : {}),
      ...(t?.function?.parameters !== undefined ? { parameters: t.function.parameters } : {}),
    })),
  );
}

/** Assembles v2 stream events into the output of a plain response. */
class ChatStream implements StreamAssembler {
  private readonly content: { kind: "text" | "thinking"; text: string }[] = [];
  private readonly calls: { id?: string; name?: string; args: string }[] = [];
  private plan = "";
  private role = "assistant";
  private finishReason: unknown;
  private usage: Params;
  private id: unknown;

  constructor(private readonly span: ModelSpan) {}

  add(raw: unknown): boolean {
    const event = raw as Params;
    const message = event?.delta?.message;
    const index = typeof event?.index === "number" ? event.index : 0;
    switch (event?.type) {
      case "message-start":
        this.id = event.id;
        if (typeof message?.role === "string") this.role = message.role;
        break;
      case "content-start":
      case "content-delta":
        this.addContent(index, message?.content);
        break;
      case "tool-plan-delta":
        if (typeof message?.toolPlan === "string") this.plan += message.toolPlan;
        break;
      case "tool-call-start":
      case "tool-call-delta":
        this.addCall(index, message?.toolCalls);
        break;
      case "message-end":
        this.finishReason = event.delta?.finishReason;
        this.usage = event.delta?.usage;
        break;
    }
    return true;
  }

  finish(): void {
    this.span.set(GEN_AI.responseId, this.id);
    recordUsage(this.span, this.usage);
    const finish = recordFinishReason(this.span, this.finishReason);
    if (!this.span.recordOutputs || (this.id === undefined && this.content.length === 0)) return;
    const parts: Part[] = this.plan === "" ? [] : [{ type: "reasoning", content: this.plan }];
    for (const c of this.content)
      if (c) parts.push(c.kind === "text" ? textPart(c.text) : { type: "reasoning", content: c.text });
    for (const call of this.calls) if (call) parts.push(toolCallPart(call.id, call.name, call.args));
    this.span.json(GEN_AI.outputMessages, [{ role: this.role, parts, finish_reason: finish }]);
  }

  private addContent(index: number, content: Params): void {
    let item = this.content[index];
    if (item === undefined) {
      item = {
        kind: content?.type === "thinking" || typeof content?.thinking === "string" ? "thinking" : "text",
        text: "",
      };
      this.content[index] = item;
    }
    const text = item.kind === "text" ? content?.text : content?.thinking;
    if (typeof text !== "string" || text === "") return;
    this.span.firstToken();
    item.text += text;
  }

  private addCall(index: number, call: Params): void {
    this.span.firstToken();
    let state = this.calls[index];
    if (state === undefined) {
      state = { args: "" };
      this.calls[index] = state;
    }
    if (typeof call?.id === "string") state.id = call.id;
    if (typeof call?.function?.name === "string") state.name = call.function.name;
    if (typeof call?.function?.arguments === "string") state.args += call.function.arguments;
  }
}

/**
 * `responses.create` (the Responses API), plain and streamed, as a GenAI
 * `chat` span. Streams always end with the full response (usage included)
 * in `response.completed` / `incomplete` / `failed`; a stream abandoned
 * earlier keeps the text deltas that arrived.
 */
import { GEN_AI, GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Operation, Params, StreamAssembler } from "../operation.js";
import {
  type GenAIMessage,
  mediaPart,
  type Part,
  plainText,
  textPart,
  toolCallPart,
  toolResultPart,
} from "../parts.js";
import { recordSampling, recordTools } from "./request.js";
import { recordUsage } from "./usage.js";

export const responses: Operation = {
  operation: GEN_AI_OPERATIONS.chat,
  model: (params) => (typeof params.model === "string" ? params.model : undefined),
  request(params, span) {
    recordSampling(span, params);
    if (!span.recordInputs) return;
    recordTools(span, params.tools);
    if (typeof params.instructions === "string")
      span.json(GEN_AI.systemInstructions, [textPart(params.instructions)]);
    span.json(GEN_AI.inputMessages, inputMessages(params.input));
  },
  response: (result, span) => recordResult(span, result as Params),
  stream: (span) => new ResponseStream(span),
};

function inputMessages(input: unknown): GenAIMessage[] {
  if (typeof input === "string") return [{ role: "user", parts: [textPart(input)] }];
  if (!Array.isArray(input)) return [];
  const out: GenAIMessage[] = [];
  for (const item of input as Params[]) {
    switch (item?.type) {
      case "function_call":
        out.push({ role: "assistant", parts: [toolCallPart(item.call_id, item.name, item.arguments)] });
        break;
      case "function_call_output":
        out.push({
          role: "tool",
          parts: [toolResultPart(item.call_id, plainText(item.output) ?? item.output)],
        });
        break;
      case undefined:
      case "message":
        out.push({ role: String(item?.role ?? "user"), parts: contentParts(item?.content) });
        break;
      default:
        out.push({ role: "user", parts: [{ type: String(item.type) }] });
    }
  }
  return out;
}

function contentParts(content: unknown): Part[] {
  if (typeof content === "string") return [textPart(content)];
  if (!Array.isArray(content)) return [];
  return content.map((p: Params): Part => {
    switch (p?.type) {
      case "input_text":
      case "output_text":
        return textPart(String(p.text ?? ""));
      case "input_image":
        return p.image_url
          ? mediaPart("image", String(p.image_url))
          : { type: "file", modality: "image", file_id: p.file_id ?? null };
      case "input_file":
        return p.file_data
          ? mediaPart("file", String(p.file_data))
          : { type: "file", modality: "file", file_id: p.file_id ?? p.file_url ?? null };
      case "refusal":
        return { type: "refusal", content: p.refusal };
      default:
        return { type: String(p?.type ?? "unknown") };
    }
  });
}

/** The finish reason of a whole response: tool calls, the reason it is incomplete, or stop. */
function finishReason(r: Params, parts: Part[]): string {
  if (r?.status === "incomplete") return String(r.incomplete_details?.reason ?? "incomplete");
  if (r?.status === "failed") return "error";
  return parts.some((p) => p.type === "tool_call") ? "tool_calls" : "stop";
}

function recordResult(span: ModelSpan, r: Params): void {
  span.set(GEN_AI.responseId, r?.id);
  span.set(GEN_AI.responseModel, r?.model);
  span.set("openai.response.service_tier", r?.service_tier);
  recordUsage(span, r?.usage);
  const parts: Part[] = [];
  for (const item of Array.isArray(r?.output) ? r.output : []) {
    if (item?.type === "message") parts.push(...contentParts(item.content));
    else if (item?.type === "function_call")
      parts.push(toolCallPart(item.call_id, item.name, item.arguments));
    else if (item?.type === "reasoning" && Array.isArray(item.summary) && item.summary.length > 0)
      parts.push({ type: "reasoning", content: plainText(item.summary) ?? "" });
    else if (item?.type) parts.push({ type: String(item.type) });
  }
  const finish = finishReason(r, parts);
  span.set(GEN_AI.responseFinishReasons, [finish]);
  if (span.recordOutputs)
    span.json(GEN_AI.outputMessages, [{ role: "assistant", parts, finish_reason: finish }]);
}

const FINAL_EVENTS = new Set(["response.completed", "response.incomplete", "response.failed"]);

class ResponseStream implements StreamAssembler {
  private final: Params;
  private started: Params;
  private text = "";

  constructor(private readonly span: ModelSpan) {}

  add(raw: unknown): boolean {
    const event = raw as Params;
    switch (event?.type) {
      case "response.created":
        this.started = event.response;
        break;
      case "response.output_text.delta":
        this.span.firstToken();
        if (typeof event.delta === "string") this.text += event.delta;
        break;
      case "response.function_call_arguments.delta":
        this.span.firstToken();
        break;
      default:
        if (FINAL_EVENTS.has(event?.type)) this.final = event.response;
    }
    return true;
  }

  finish(): void {
    if (this.final) {
      recordResult(this.span, this.final);
      return;
    }
    this.span.set(GEN_AI.responseId, this.started?.id);
    this.span.set(GEN_AI.responseModel, this.started?.model);
    if (this.span.recordOutputs && this.text !== "")
      this.span.json(GEN_AI.outputMessages, [{ role: "assistant", parts: [textPart(this.text)] }]);
  }
}

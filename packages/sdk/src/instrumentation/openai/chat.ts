/**
 * `chat.completions.create`, plain and streamed, as a GenAI `chat` span.
 * A stream the caller did not ask usage for is asked for it anyway (where
 * the service supports `stream_options.include_usage`), and the extra
 * usage-only chunk and `usage: null` fields are removed before the caller
 * sees them, so what the caller reads is what it would have read untraced.
 */
import { GEN_AI, GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Operation, Params, StreamAssembler } from "../operation.js";
import {
  blobPart,
  functionToolCallParts,
  type GenAIMessage,
  mediaPart,
  type Part,
  plainText,
  textPart,
  toolResultPart,
} from "../parts.js";
import { StreamedChoices } from "../streamed-choices.js";
import { recordSampling, recordTools } from "./request.js";
import { recordUsage, visibleWithoutUsage } from "./usage.js";

export const chatCompletions: Operation = {
  operation: GEN_AI_OPERATIONS.chat,
  model: (params) => (typeof params.model === "string" ? params.model : undefined),
  prepare(params, provider) {
    if (params.stream !== true || !provider.streamUsageOnRequest) return params;
    if (params.stream_options?.include_usage !== undefined) return params;
    return askingUsage(params);
  },
  request(params, span) {
    recordSampling(span, params);
    if (!span.recordInputs) return;
    recordTools(span, params.tools);
    const { system, messages } = inputMessages(params.messages);
    span.prompt(system, messages);
  },
  response(result, span) {
    const r = result as Params;
    recordResponse(span, r);
    recordUsage(span, r?.usage);
    if (!Array.isArray(r?.choices)) return;
    span.set(
      GEN_AI.responseFinishReasons,
      r.choices.map((c: Params) => c?.finish_reason ?? "unknown"),
    );
    if (span.recordOutputs) span.json(GEN_AI.outputMessages, r.choices.map(outputMessage));
  },
  stream: (span, params, sent) => new ChatStream(span, sent !== params),
};

/**
 * `{ ...params, stream_options: { ...params.stream_options, include_usage: true } }`,
 * made by `Object.assign`: V8 builds a literal spread followed by another
 * property on a slow path (about 1 µs for a request body; this takes 0.2 µs).
 * An own `__proto__` key, which `Object.assign` would not copy as data, is
 * copied by the spread.
 */
function askingUsage(params: Params): Params {
  const given = params.stream_options;
  const options = given == null ? { include_usage: true } : Object.assign({}, given, { include_usage: true });
  if (Object.hasOwn(params, "__proto__")) return { ...params, stream_options: options };
  return Object.assign({}, params, { stream_options: options });
}

/** System and developer messages become `gen_ai.system_instructions`; the rest the input messages. */
function inputMessages(raw: unknown): { system: Part[]; messages: GenAIMessage[] } {
  const system: Part[] = [];
  const messages: GenAIMessage[] = [];
  if (!Array.isArray(raw)) return { system, messages };
  for (const m of raw as Params[]) {
    if (m?.role === "system" || m?.role === "developer") {
      system.push(...contentParts(m.content));
      continue;
    }
    const message: GenAIMessage = { role: String(m?.role ?? "user"), parts: [] };
    if (m?.name !== undefined) message.name = m.name;
    if (m?.role === "tool")
      message.parts.push(toolResultPart(m.tool_call_id, plainText(m.content) ?? m.content));
    else message.parts.push(...contentParts(m?.content));
    message.parts.push(...functionToolCallParts(m?.tool_calls));
    messages.push(message);
  }
  return { system, messages };
}

function contentParts(content: unknown): Part[] {
  if (typeof content === "string") return [textPart(content)];
  if (!Array.isArray(content)) return [];
  return content.map((p: Params): Part => {
    switch (p?.type) {
      case "text":
        return textPart(String(p.text ?? ""));
      case "image_url":
        return mediaPart("image", String(p.image_url?.url ?? ""));
      case "input_audio":
        return blobPart(
          "audio",
          p.input_audio?.format ? `audio/${p.input_audio.format}` : undefined,
          String(p.input_audio?.data ?? ""),
        );
      case "file":
        return p.file?.file_data
          ? mediaPart("file", String(p.file.file_data))
          : { type: "file", modality: "file", file_id: p.file?.file_id ?? null };
      case "refusal":
        return { type: "refusal", content: p.refusal };
      default:
        return { type: String(p?.type ?? "unknown") };
    }
  });
}

function outputMessage(choice: Params): GenAIMessage {
  const message = choice?.message ?? {};
  const parts: Part[] = [];
  if (typeof message.content === "string") parts.push(textPart(message.content));
  if (typeof message.refusal === "string") parts.push({ type: "refusal", content: message.refusal });
  parts.push(...functionToolCallParts(message.tool_calls));
  return {
    role: String(message.role ?? "assistant"),
    parts,
    finish_reason: choice?.finish_reason ?? "unknown",
  };
}

function recordResponse(span: ModelSpan, r: Params): void {
  span.set(GEN_AI.responseId, r?.id);
  span.set(GEN_AI.responseModel, r?.model);
  span.set("openai.response.service_tier", r?.service_tier);
  span.set("openai.response.system_fingerprint", r?.system_fingerprint);
}

/** Assembles chunks into the same output as a plain response. */
class ChatStream implements StreamAssembler {
  private readonly choices: StreamedChoices;
  private head: Params;
  private usage: Params;

  constructor(
    private readonly span: ModelSpan,
    /** The instrumentation asked for usage: hide what the caller did not ask for. */
    private readonly hideUsage: boolean,
  ) {
    this.choices = new StreamedChoices(span);
  }

  add(raw: unknown): boolean {
    const chunk = raw as Params;
    if (!chunk || typeof chunk !== "object") return true;
    this.head ??= chunk;
    // Groq reports a stream's usage in `x_groq.usage` of its last chunk.
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (usage) this.usage = usage;
    const choices = chunk.choices;
    if (Array.isArray(choices)) for (const c of choices) this.addChoice(c);
    return this.hideUsage ? visibleWithoutUsage(chunk) : true;
  }

  finish(): void {
    if (this.head) recordResponse(this.span, this.head);
    recordUsage(this.span, this.usage);
    this.choices.record();
  }

  private addChoice(c: Params): void {
    const state = this.choices.choice(c?.index);
    const delta = c?.delta;
    if (delta) {
      if (typeof delta.role === "string") state.role = delta.role;
      if (typeof delta.content === "string") this.choices.text(state, delta.content);
      if (typeof delta.refusal === "string") state.refusal += delta.refusal;
      if (Array.isArray(delta.tool_calls)) for (const t of delta.tool_calls) this.choices.toolCall(state, t);
    }
    if (c?.finish_reason) state.finish = c.finish_reason;
  }
}

/**
 * `chat.complete` / `chat.stream` (GenAI `chat`) and `fim.complete` /
 * `fim.stream` (`text_completion`) of `@mistralai/mistralai`. Responses have
 * OpenAI's shape in camelCase; a stream is an `EventStream` of `{data:
 * chunk}` events whose last chunk carries the usage, unasked, so streamed
 * usage is the provider's own and nothing is added to the request.
 */
import { GEN_AI, GEN_AI_OPERATIONS, HH_ATTR } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Operation, Params, StreamAssembler } from "../operation.js";
import { StreamedChoices } from "../streamed-choices.js";
import { inputMessages, outputMessage } from "./messages.js";

const model = (params: Params): string | undefined =>
  typeof params.model === "string" ? params.model : undefined;

export const mistralChat: Operation = {
  operation: GEN_AI_OPERATIONS.chat,
  model,
  request(params, span) {
    recordSampling(span, params);
    if (!span.recordInputs) return;
    recordTools(span, params.tools);
    const { system, messages } = inputMessages(params.messages);
    span.prompt(system, messages);
  },
  response: (result, span) => recordResponse(span, result as Params),
  stream: (span) => new CompletionStream(span),
};

/** Fill-in-the-middle: the prompt (and suffix) as HoneyHive inputs, the completion as an assistant message. */
export const mistralFim: Operation = {
  operation: GEN_AI_OPERATIONS.textCompletion,
  model,
  request(params, span) {
    recordSampling(span, params);
    span.set("mistral_ai.request.min_tokens", params.minTokens);
    if (span.recordInputs)
      span.json(HH_ATTR.inputs, {
        prompt: params.prompt,
        ...(typeof params.suffix === "string" ? { suffix: params.suffix } : {}),
      });
  },
  response: (result, span) => recordResponse(span, result as Params),
  stream: (span) => new CompletionStream(span),
};

function recordSampling(span: ModelSpan, params: Params): void {
  span.set(GEN_AI.requestTemperature, params.temperature);
  span.set(GEN_AI.requestTopP, params.topP);
  span.set(GEN_AI.requestMaxTokens, params.maxTokens);
  span.set(GEN_AI.requestFrequencyPenalty, params.frequencyPenalty);
  span.set(GEN_AI.requestPresencePenalty, params.presencePenalty);
  span.set(GEN_AI.requestSeed, params.randomSeed);
  span.set(GEN_AI.requestStopSequences, typeof params.stop === "string" ? [params.stop] : params.stop);
  if (typeof params.n === "number" && params.n !== 1) span.set(GEN_AI.requestChoiceCount, params.n);
  const format = params.responseFormat?.type;
  if (typeof format === "string") span.set(GEN_AI.outputType, format === "text" ? "text" : "json");
  span.set("gen_ai.request.reasoning_effort", params.reasoningEffort);
  span.set("mistral_ai.request.safe_prompt", params.safePrompt);
  span.set("mistral_ai.request.prompt_mode", params.promptMode);
}

/** Function tools as `gen_ai.tool.definitions`. */
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

function recordResponse(span: ModelSpan, r: Params): void {
  recordHead(span, r);
  recordUsage(span, r?.usage);
  const choices: Params[] = Array.isArray(r?.choices) ? r.choices : [];
  if (choices.length === 0) return;
  span.set(
    GEN_AI.responseFinishReasons,
    choices.map((c) => c?.finishReason ?? "unknown"),
  );
  if (span.recordOutputs)
    span.json(
      GEN_AI.outputMessages,
      choices.map((c) => outputMessage(c?.message, c?.finishReason ?? "unknown")),
    );
}

function recordHead(span: ModelSpan, r: Params): void {
  span.set(GEN_AI.responseId, r?.id);
  span.set(GEN_AI.responseModel, r?.model);
}

/** Usage as the client gives it (camelCase), with cached prompt tokens when reported. */
export function recordUsage(span: ModelSpan, usage: Params): void {
  if (!usage || typeof usage !== "object") return;
  span.set(GEN_AI.inputTokens, usage.promptTokens);
  span.set(GEN_AI.outputTokens, usage.completionTokens);
  span.set(GEN_AI.totalTokens, usage.totalTokens);
  span.set(GEN_AI.cacheReadInputTokens, usage.prompt_tokens_details?.cached_tokens);
  span.set("mistral_ai.usage.prompt_audio_seconds", usage.promptAudioSeconds);
}

/** Assembles `{data: chunk}` events into the output of a plain response. */
class CompletionStream implements StreamAssembler {
  private readonly choices: StreamedChoices;
  private head: Params;
  private usage: Params;

  constructor(private readonly span: ModelSpan) {
    this.choices = new StreamedChoices(span);
  }

  add(raw: unknown): boolean {
    const chunk = (raw as Params)?.data;
    if (!chunk || typeof chunk !== "object") return true;
    this.head ??= chunk;
    if (chunk.usage) this.usage = chunk.usage;
    for (const c of Array.isArray(chunk.choices) ? chunk.choices : []) this.addChoice(c);
    return true;
  }

  finish(): void {
    if (this.head) recordHead(this.span, this.head);
    recordUsage(this.span, this.usage);
    this.choices.record();
  }

  private addChoice(c: Params): void {
    const state = this.choices.choice(c?.index);
    const delta = c?.delta ?? {};
    if (typeof delta.role === "string") state.role = delta.role;
    this.choices.text(state, deltaText(delta.content));
    if (Array.isArray(delta.toolCalls)) for (const t of delta.toolCalls) this.choices.toolCall(state, t);
    if (c?.finishReason) state.finish = c.finishReason;
  }
}

/** A delta's text: a string, or the text of its text chunks. */
function deltaText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((c: Params) => (c?.type === "text" && typeof c.text === "string" ? c.text : ""))
    .join("");
}

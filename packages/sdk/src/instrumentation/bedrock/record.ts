/**
 * What one Bedrock call asked and answered, whatever API or model family it
 * went through (Converse, or a family's own JSON through InvokeModel), and
 * the one place that writes it onto the span. Decoders produce these plain
 * values; only this module knows the attribute names.
 */
import { GEN_AI, HH_ATTR } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { GenAIMessage, Part } from "../parts.js";

export interface Prompt {
  system: Part[];
  messages: GenAIMessage[];
  /** Tool definitions as `gen_ai.tool.definitions` entries. */
  tools: unknown[];
  maxTokens?: unknown;
  temperature?: unknown;
  topP?: unknown;
  topK?: unknown;
  stopSequences?: unknown;
}

/** Token counts as the service reports them: `input` excludes the cache reads and writes (Bedrock and Anthropic count them apart). */
export interface TokenCounts {
  input?: number | undefined;
  output?: number | undefined;
  cacheRead?: number | undefined;
  cacheWrite?: number | undefined;
  total?: number | undefined;
}

export interface Outcome {
  id?: string | undefined;
  model?: string | undefined;
  /** The output message, without its finish reason. */
  message?: GenAIMessage | undefined;
  /** The provider's own stop reason (`end_turn`, `max_tokens`, `tool_use`, ...). */
  stopReason?: string | undefined;
  usage?: TokenCounts | undefined;
  /** The service's own processing time (`metrics.latencyMs`, invocation metrics). */
  latencyMs?: number | undefined;
}

export const emptyPrompt = (): Prompt => ({ system: [], messages: [], tools: [] });

/** Request parameters always; messages, system instructions and tools when inputs are recorded. */
export function recordPrompt(span: ModelSpan, prompt: Prompt): void {
  span.set(GEN_AI.requestMaxTokens, prompt.maxTokens);
  span.set(GEN_AI.requestTemperature, prompt.temperature);
  span.set(GEN_AI.requestTopP, prompt.topP);
  span.set("gen_ai.request.top_k", prompt.topK);
  span.set(
    GEN_AI.requestStopSequences,
    typeof prompt.stopSequences === "string" ? [prompt.stopSequences] : prompt.stopSequences,
  );
  if (!span.recordInputs) return;
  if (prompt.tools.length > 0) span.json(GEN_AI.toolDefinitions, prompt.tools);
  span.prompt(prompt.system, prompt.messages);
}

/** Response model and id, stop reason, usage and, when outputs are recorded, the output message. */
export function recordOutcome(span: ModelSpan, outcome: Outcome): void {
  span.set(GEN_AI.responseId, outcome.id);
  span.set(GEN_AI.responseModel, outcome.model);
  if (outcome.stopReason !== undefined) span.set(GEN_AI.responseFinishReasons, [outcome.stopReason]);
  recordTokens(span, outcome.usage);
  span.set(`${HH_ATTR.metrics}.provider_latency_ms`, outcome.latencyMs);
  if (span.recordOutputs && outcome.message)
    span.json(GEN_AI.outputMessages, [
      { ...outcome.message, finish_reason: finishReason(outcome.stopReason) },
    ]);
}

/**
 * `gen_ai.usage.input_tokens` counts every input token, cache reads and
 * writes included (the GenAI convention, and what the cost computation
 * expects); the cache figures are recorded beside it as reported.
 */
function recordTokens(span: ModelSpan, usage: TokenCounts | undefined): void {
  if (!usage) return;
  const { input, output, cacheRead, cacheWrite } = usage;
  if (input !== undefined) span.set(GEN_AI.inputTokens, input + (cacheRead ?? 0) + (cacheWrite ?? 0));
  span.set(GEN_AI.outputTokens, output);
  span.set(GEN_AI.totalTokens, usage.total);
  span.set(GEN_AI.cacheReadInputTokens, cacheRead);
  span.set(GEN_AI.cacheCreationInputTokens, cacheWrite);
}

/** Stop reasons of Bedrock and its model families → the GenAI output message's `finish_reason`. */
const FINISH_REASONS: Readonly<Record<string, string>> = {
  end_turn: "stop",
  stop_sequence: "stop",
  stop: "stop",
  FINISH: "stop",
  STOP_CRITERIA_MET: "stop",
  max_tokens: "length",
  length: "length",
  LENGTH: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_call",
  content_filtered: "content_filter",
  guardrail_intervened: "content_filter",
  CONTENT_FILTERED: "content_filter",
};

function finishReason(stopReason: string | undefined): string {
  if (stopReason === undefined) return "unknown";
  return FINISH_REASONS[stopReason] ?? stopReason;
}

/** A number when `value` is one (token counts arrive as numbers, or as header strings). */
export function count(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

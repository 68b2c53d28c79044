/**
 * Anthropic's token counts and stop reasons in GenAI terms.
 *
 * Anthropic's `input_tokens` leaves out the prompt tokens read from or
 * written to the prompt cache. The GenAI conventions count every input token
 * in `gen_ai.usage.input_tokens`, so it is the sum of the three, with the
 * cache reads and writes also given on their own
 * (`gen_ai.usage.cache_read.input_tokens`,
 * `gen_ai.usage.cache_creation.input_tokens`); the server bills the cache
 * reads at the cache price. Nothing is estimated: the figures are the
 * provider's.
 */
import { GEN_AI } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";

export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

const count = (n: unknown): number | undefined =>
  typeof n === "number" && Number.isFinite(n) ? n : undefined;

export function recordUsage(span: ModelSpan, usage: AnthropicUsage | null | undefined): void {
  if (!usage || typeof usage !== "object") return;
  const input = count(usage.input_tokens);
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  if (input !== undefined) span.set(GEN_AI.inputTokens, input + (cacheRead ?? 0) + (cacheWrite ?? 0));
  span.set(GEN_AI.outputTokens, count(usage.output_tokens));
  span.set(GEN_AI.cacheReadInputTokens, cacheRead);
  span.set(GEN_AI.cacheCreationInputTokens, cacheWrite);
}

/**
 * Usage of a stream so far: `message_start` gives the input and cache counts,
 * each `message_delta` the cumulative output count (and, from newer API
 * versions, the final input counts too); later non-null values win.
 */
export function mergeUsage(into: AnthropicUsage, update: AnthropicUsage | null | undefined): AnthropicUsage {
  if (!update || typeof update !== "object") return into;
  const merged = { ...into };
  for (const key of [
    "input_tokens",
    "output_tokens",
    "cache_creation_input_tokens",
    "cache_read_input_tokens",
  ] as const) {
    const value = count(update[key]);
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Anthropic's `stop_reason` → the GenAI finish reason (`stop`, `length`, `tool_call`, `content_filter`). */
const FINISH_REASONS: Readonly<Record<string, string>> = {
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_call",
  refusal: "content_filter",
};

/** Records the mapped finish reason and Anthropic's own value; returns the mapped one. */
export function recordStopReason(
  span: ModelSpan,
  stopReason: unknown,
  stopSequence?: unknown,
): string | undefined {
  if (typeof stopReason !== "string" || stopReason === "") return undefined;
  const finish = FINISH_REASONS[stopReason] ?? stopReason;
  span.set(GEN_AI.responseFinishReasons, [finish]);
  span.set("anthropic.response.stop_reason", stopReason);
  span.set("anthropic.response.stop_sequence", stopSequence);
  return finish;
}

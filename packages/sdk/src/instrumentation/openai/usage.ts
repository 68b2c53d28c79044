import { GEN_AI } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";

/** Usage as OpenAI reports it: chat / embeddings (`prompt_tokens`) or Responses / images (`input_tokens`). */
export interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  input_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
  output_tokens_details?: { reasoning_tokens?: number } | null;
}

/** The provider's own counts, as given: nothing is estimated. */
export function recordUsage(span: ModelSpan, usage: OpenAIUsage | null | undefined): void {
  if (!usage || typeof usage !== "object") return;
  span.set(GEN_AI.inputTokens, usage.prompt_tokens ?? usage.input_tokens);
  span.set(GEN_AI.outputTokens, usage.completion_tokens ?? usage.output_tokens);
  span.set(GEN_AI.totalTokens, usage.total_tokens);
  span.set(
    GEN_AI.cacheReadInputTokens,
    usage.prompt_tokens_details?.cached_tokens ?? usage.input_tokens_details?.cached_tokens,
  );
  span.set(
    GEN_AI.reasoningOutputTokens,
    usage.completion_tokens_details?.reasoning_tokens ?? usage.output_tokens_details?.reasoning_tokens,
  );
}

/**
 * Whether a stream chunk stays visible to a caller who did not ask for usage
 * (the instrumentation did): the usage-only last chunk is hidden and
 * `usage: null` is removed from the others, as if never asked.
 */
export function visibleWithoutUsage(chunk: { usage?: unknown; choices?: unknown }): boolean {
  const choices = Array.isArray(chunk.choices) ? chunk.choices.length : 0;
  if (choices === 0 && chunk.usage) return false;
  if (chunk.usage === null) delete chunk.usage;
  return true;
}

/**
 * What Cohere reports about a call, for every Cohere operation: token usage
 * (`tokens`, the model's own count, as the GenAI usage; `billedUnits` as
 * HoneyHive metadata), its upper-case finish reasons mapped to GenAI ones,
 * and its errors (Fern error classes with `statusCode`).
 */
import { GEN_AI, HH_ATTR } from "@honeyhive-ts/semconv";
import type { ErrorDetails, ModelSpan } from "../model-span.js";
import type { Params } from "../operation.js";

/** `usage` (v2) or `meta` (v1, embed, rerank): `{tokens, billedUnits, cachedTokens}`. */
export function recordUsage(span: ModelSpan, usage: Params): void {
  if (!usage || typeof usage !== "object") return;
  const tokens = usage.tokens ?? {};
  const billed = usage.billedUnits ?? {};
  const input = tokens.inputTokens ?? billed.inputTokens;
  const output = tokens.outputTokens ?? billed.outputTokens;
  span.set(GEN_AI.inputTokens, input);
  span.set(GEN_AI.outputTokens, output);
  if (typeof input === "number" && typeof output === "number") span.set(GEN_AI.totalTokens, input + output);
  span.set(GEN_AI.cacheReadInputTokens, usage.cachedTokens);
  span.set(`${HH_ATTR.metadata}.billed_units.input_tokens`, billed.inputTokens);
  span.set(`${HH_ATTR.metadata}.billed_units.output_tokens`, billed.outputTokens);
  span.set(`${HH_ATTR.metadata}.billed_units.search_units`, billed.searchUnits);
  span.set(`${HH_ATTR.metadata}.billed_units.classifications`, billed.classifications);
  span.set(`${HH_ATTR.metadata}.billed_units.images`, billed.images);
}

/** Cohere's `finish_reason` → the GenAI finish reason (`stop`, `length`, `tool_call`, `content_filter`, `error`). */
const FINISH_REASONS: Readonly<Record<string, string>> = {
  COMPLETE: "stop",
  STOP_SEQUENCE: "stop",
  MAX_TOKENS: "length",
  ERROR_LIMIT: "length",
  TOOL_CALL: "tool_call",
  ERROR_TOXIC: "content_filter",
  ERROR: "error",
  TIMEOUT: "error",
};

/** Records the mapped finish reason and Cohere's own value; returns the mapped one. */
export function recordFinishReason(span: ModelSpan, raw: unknown): string {
  if (typeof raw !== "string" || raw === "") return "unknown";
  const finish = FINISH_REASONS[raw] ?? raw.toLowerCase();
  span.set(GEN_AI.responseFinishReasons, [finish]);
  span.set("cohere.response.finish_reason", raw);
  return finish;
}

/** A Fern error (`TooManyRequestsError`, ...): its class name and HTTP status. */
export function cohereErrorDetails(error: unknown): ErrorDetails | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const e = error as { statusCode?: unknown; name?: unknown };
  if (typeof e.statusCode !== "number") return undefined;
  return { type: typeof e.name === "string" ? e.name : undefined, status: e.statusCode };
}

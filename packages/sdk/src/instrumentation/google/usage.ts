/**
 * Gemini's `usageMetadata` and errors on the span. The provider's counts are
 * recorded as given (`metadata.usage_metadata.*`) and mapped to GenAI usage
 * the way they are billed: prompt and tool-use prompt tokens are input,
 * candidate and thought tokens are output (as OpenAI counts reasoning
 * tokens in its completion tokens), so input + output = total.
 */
import { GEN_AI, HH_ATTR } from "@honeyhive-ts/semconv";
import type { ErrorDetails, ModelSpan } from "../model-span.js";

export interface GeminiUsage {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

const COUNTS = [
  "promptTokenCount",
  "candidatesTokenCount",
  "cachedContentTokenCount",
  "thoughtsTokenCount",
  "toolUsePromptTokenCount",
  "totalTokenCount",
] as const;

/** The provider's counts as given, and the GenAI usage they make (never estimated). */
export function recordUsage(span: ModelSpan, usage: GeminiUsage | null | undefined): void {
  if (!usage || typeof usage !== "object") return;
  for (const key of COUNTS) span.set(`${HH_ATTR.metadata}.usage_metadata.${key}`, usage[key]);
  const sum = (a: number | undefined, b: number | undefined) =>
    a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
  span.set(GEN_AI.inputTokens, sum(count(usage.promptTokenCount), count(usage.toolUsePromptTokenCount)));
  span.set(GEN_AI.outputTokens, sum(count(usage.candidatesTokenCount), count(usage.thoughtsTokenCount)));
  span.set(GEN_AI.totalTokens, usage.totalTokenCount);
  span.set(GEN_AI.cacheReadInputTokens, usage.cachedContentTokenCount);
  span.set(GEN_AI.reasoningOutputTokens, usage.thoughtsTokenCount);
}

const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

/**
 * The client's `ApiError` carries the HTTP status and, as its message, the
 * error body (`{"error": {"code", "message", "status": "RESOURCE_EXHAUSTED"}}`),
 * possibly after a prefix (errors inside a stream): the body's `status` is the error type.
 */
export function geminiErrorDetails(error: unknown): ErrorDetails | undefined {
  if (!(error instanceof Error) || error.name !== "ApiError") return undefined;
  const status = (error as { status?: unknown }).status;
  return {
    type: bodyStatus(error.message) ?? error.name,
    status: typeof status === "number" ? status : undefined,
  };
}

function bodyStatus(message: string): string | undefined {
  const start = message.indexOf("{");
  if (start < 0) return undefined;
  try {
    const body = JSON.parse(message.slice(start)) as { error?: { status?: unknown } };
    const status = body?.error?.status;
    return typeof status === "string" && status !== "" ? status : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A `GenerateContentResponse` on the span (a plain one, or a stream once
 * assembled): candidates as output messages, finish reasons in GenAI terms
 * (`STOP` → `stop`, `MAX_TOKENS` → `length`, blocks → `content_filter`),
 * `modelVersion` and `responseId`, exact usage, grounding (search queries
 * and the sources used) and, when something was blocked, the safety ratings
 * that blocked it.
 */
import { GEN_AI, HH_ATTR } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Params } from "../operation.js";
import { toPart } from "./contents.js";
import { recordUsage } from "./usage.js";

/** One candidate, from a response or assembled from a stream's chunks. */
export interface Candidate {
  /** Gemini parts, as received. */
  parts: Params[];
  finishReason?: string | undefined;
  finishMessage?: string | undefined;
  safetyRatings?: Params[] | undefined;
  groundingMetadata?: Params | undefined;
}

/** What the span needs of a response: its candidates and the response-level fields. */
export interface ResponseSummary {
  candidates: Candidate[];
  responseId?: unknown;
  modelVersion?: unknown;
  usageMetadata?: Params;
  promptFeedback?: Params;
}

const FILTERED = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
]);
const ERRORS = new Set(["MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL"]);

/** A Gemini finish reason as a GenAI one (unknown reasons lower-cased). */
export function finishReason(raw: string | undefined): string {
  if (raw === undefined || raw === "" || raw === "FINISH_REASON_UNSPECIFIED") return "unknown";
  if (raw === "STOP") return "stop";
  if (raw === "MAX_TOKENS") return "length";
  if (FILTERED.has(raw)) return "content_filter";
  if (ERRORS.has(raw)) return "error";
  return raw.toLowerCase();
}

/** The candidates of a plain (non-streamed) response. */
export function summarize(r: Params): ResponseSummary {
  const candidates: Params[] = Array.isArray(r?.candidates) ? r.candidates : [];
  return {
    candidates: candidates.map((c) => ({
      parts: Array.isArray(c?.content?.parts) ? c.content.parts : [],
      finishReason: c?.finishReason,
      finishMessage: c?.finishMessage,
      safetyRatings: c?.safetyRatings,
      groundingMetadata: c?.groundingMetadata,
    })),
    responseId: r?.responseId,
    modelVersion: r?.modelVersion,
    usageMetadata: r?.usageMetadata,
    promptFeedback: r?.promptFeedback,
  };
}

/** Response attributes, usage and blocks; messages and grounding when `span.recordOutputs`. */
export function recordResponse(span: ModelSpan, r: ResponseSummary): void {
  span.set(GEN_AI.responseId, r.responseId);
  span.set(GEN_AI.responseModel, r.modelVersion);
  recordUsage(span, r.usageMetadata);
  recordBlocks(span, r);
  if (r.candidates.length === 0) return;
  span.set(
    GEN_AI.responseFinishReasons,
    r.candidates.map((c) => finishReason(c.finishReason)),
  );
  if (!span.recordOutputs) return;
  span.json(
    GEN_AI.outputMessages,
    r.candidates.map((c) => ({
      role: "assistant",
      parts: c.parts.map(toPart),
      finish_reason: finishReason(c.finishReason),
    })),
  );
  const grounded = r.candidates.find((c) => c.groundingMetadata);
  if (grounded) span.json(`${HH_ATTR.metadata}.grounding`, grounding(grounded.groundingMetadata));
}

/** A blocked prompt (`promptFeedback.blockReason`) or candidate: the reason and the ratings behind it. */
function recordBlocks(span: ModelSpan, r: ResponseSummary): void {
  const feedback = r.promptFeedback;
  if (feedback?.blockReason) {
    span.json(`${HH_ATTR.metadata}.prompt_feedback`, {
      block_reason: feedback.blockReason,
      ...(feedback.blockReasonMessage ? { message: feedback.blockReasonMessage } : {}),
      safety_ratings: feedback.safetyRatings ?? [],
    });
  }
  const blocked = r.candidates.find(
    (c) =>
      (c.finishReason !== undefined && FILTERED.has(c.finishReason)) ||
      c.safetyRatings?.some((rating) => rating?.blocked === true),
  );
  if (blocked)
    span.json(`${HH_ATTR.metadata}.safety`, {
      finish_reason: blocked.finishReason ?? null,
      ...(blocked.finishMessage ? { message: blocked.finishMessage } : {}),
      safety_ratings: blocked.safetyRatings ?? [],
    });
}

/** Search queries and the sources (web pages, retrieved documents, places) an answer was grounded on. */
function grounding(g: Params): Params {
  const chunks: Params[] = Array.isArray(g?.groundingChunks) ? g.groundingChunks : [];
  return {
    queries: Array.isArray(g?.webSearchQueries) ? g.webSearchQueries : [],
    sources: chunks.map((chunk) => {
      const [type, source] = Object.entries(chunk ?? {}).find(([, v]) => v && typeof v === "object") ?? [];
      const s = (source ?? {}) as Params;
      return {
        type: type ?? "unknown",
        ...(s.uri !== undefined ? { uri: s.uri } : {}),
        ...(s.title !== undefined ? { title: s.title } : {}),
      };
    }),
  };
}

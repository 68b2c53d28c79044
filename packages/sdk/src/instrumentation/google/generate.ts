/**
 * `generateContent` and `generateContentStream` as GenAI `generate_content`
 * spans. A stream's chunks each carry a piece of every candidate (text
 * deltas, whole function calls) and the usage so far: the text is joined,
 * the calls kept in order, and the last usage is the call's.
 */
import { GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Operation, Params, StreamAssembler } from "../operation.js";
import { recordRequest } from "./request.js";
import { type Candidate, type ResponseSummary, recordResponse, summarize } from "./response.js";
import { geminiErrorDetails } from "./usage.js";

/** The request methods of `generateContent` and `generateContentStream` (one per model call). */
export const generateContent: Operation = {
  operation: GEN_AI_OPERATIONS.generateContent,
  model: (params) => (typeof params.model === "string" ? params.model : undefined),
  request: recordRequest,
  response: (result, span) => recordResponse(span, summarize(result)),
  stream: (span) => new ContentStream(span),
  errorDetails: geminiErrorDetails,
};

/** Assembles a stream's chunks into the same summary as a plain response. */
class ContentStream implements StreamAssembler {
  private readonly summary: ResponseSummary = { candidates: [] };

  constructor(private readonly span: ModelSpan) {}

  add(raw: unknown): boolean {
    const chunk = raw as Params;
    if (!chunk || typeof chunk !== "object") return true;
    const s = this.summary;
    s.responseId ??= chunk.responseId;
    if (chunk.modelVersion !== undefined) s.modelVersion = chunk.modelVersion;
    if (chunk.usageMetadata) s.usageMetadata = chunk.usageMetadata;
    if (chunk.promptFeedback) s.promptFeedback = chunk.promptFeedback;
    const candidates: Params[] = Array.isArray(chunk.candidates) ? chunk.candidates : [];
    for (const [i, c] of candidates.entries())
      this.addCandidate(typeof c?.index === "number" ? c.index : i, c);
    return true;
  }

  finish(): void {
    this.summary.candidates = this.summary.candidates.filter((c) => c !== undefined);
    recordResponse(this.span, this.summary);
  }

  private addCandidate(index: number, c: Params): void {
    let state: Candidate | undefined = this.summary.candidates[index];
    if (state === undefined) {
      state = { parts: [] };
      this.summary.candidates[index] = state;
    }
    for (const part of Array.isArray(c?.content?.parts) ? (c.content.parts as Params[]) : []) {
      this.span.firstToken();
      appendPart(state.parts, part);
    }
    if (c?.finishReason) state.finishReason = c.finishReason;
    if (c?.finishMessage) state.finishMessage = c.finishMessage;
    if (c?.safetyRatings) state.safetyRatings = c.safetyRatings;
    if (c?.groundingMetadata) state.groundingMetadata = c.groundingMetadata;
  }
}

/** A text delta extends the text before it (answer or thought alike); any other part is kept whole. */
function appendPart(parts: Params[], part: Params): void {
  const last = parts[parts.length - 1];
  const isText = (p: Params) => typeof p?.text === "string";
  if (last && isText(last) && isText(part) && (last.thought === true) === (part.thought === true)) {
    parts[parts.length - 1] = { ...last, text: last.text + part.text };
    return;
  }
  parts.push(part);
}

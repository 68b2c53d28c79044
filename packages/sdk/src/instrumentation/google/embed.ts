/**
 * `embedContent` as a GenAI `embeddings` span: each input (a text, or the
 * parts of one content: media as references) as HoneyHive inputs, never the
 * vectors. Vertex AI reports each embedding's token count, which becomes the
 * input usage; the Gemini API reports none, and none is made up.
 */
import { GEN_AI, GEN_AI_OPERATIONS, HH_ATTR } from "@honeyhive-ts/semconv";
import type { Operation, Params } from "../operation.js";
import type { Part } from "../parts.js";
import { toPart } from "./contents.js";
import { geminiErrorDetails } from "./usage.js";

/** The request method of `embedContent`. */
export const embedContent: Operation = {
  operation: GEN_AI_OPERATIONS.embeddings,
  model: (params) => (typeof params.model === "string" ? params.model : undefined),
  request(params, span) {
    span.set(GEN_AI.embeddingsDimensionCount, params.config?.outputDimensionality);
    span.set(`${HH_ATTR.config}.task_type`, params.config?.taskType);
    if (span.recordInputs)
      span.json(HH_ATTR.inputs, { input: embedInputs(params.contents ?? params.content) });
  },
  response(result, span) {
    const embeddings: Params[] = Array.isArray((result as Params)?.embeddings)
      ? (result as Params).embeddings
      : [];
    span.set(`${HH_ATTR.metadata}.embedding_count`, embeddings.length);
    const first = embeddings[0]?.values;
    if (Array.isArray(first)) span.set(GEN_AI.embeddingsDimensionCount, first.length);
    const counts = embeddings.map((e) => e?.statistics?.tokenCount);
    if (counts.length > 0 && counts.every((n) => typeof n === "number"))
      span.set(
        GEN_AI.inputTokens,
        counts.reduce((a: number, b: number) => a + b, 0),
      );
    span.set(
      `${HH_ATTR.metadata}.billable_character_count`,
      (result as Params)?.metadata?.billableCharacterCount,
    );
  },
  stream: () => ({ add: () => true, finish: () => {} }),
  errorDetails: geminiErrorDetails,
};

/** One entry per embedded input: a text as itself, anything else as its parts. */
function embedInputs(contents: unknown): unknown[] {
  const list = Array.isArray(contents) ? contents : contents === undefined ? [] : [contents];
  return list.map((item): unknown => {
    if (typeof item === "string") return item;
    const raw: unknown[] = Array.isArray((item as Params)?.parts) ? (item as Params).parts : [item];
    const parts: Part[] = raw.map(toPart);
    return parts.every((p) => p.type === "text") ? parts.map((p) => p.content).join("") : parts;
  });
}

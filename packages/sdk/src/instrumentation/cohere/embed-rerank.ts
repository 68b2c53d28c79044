/**
 * Cohere's `embed` (GenAI `embeddings`) and `rerank` (a model call with no
 * messages: the query as input, the ranked document indices and relevance
 * scores as output, the document count as metadata), v1 and v2 alike: both
 * versions take and return the same fields. Never the vectors, never the
 * documents' text.
 */
import { GEN_AI, GEN_AI_OPERATIONS, HH_ATTR } from "@honeyhive-ts/semconv";
import type { Operation, Params } from "../operation.js";
import { mediaPart, type Part, textPart } from "../parts.js";
import { cohereModel } from "./chat.js";
import { cohereErrorDetails, recordUsage } from "./usage.js";

const noStream = () => ({ add: () => true, finish: () => {} });

export const cohereEmbed: Operation = {
  operation: GEN_AI_OPERATIONS.embeddings,
  model: cohereModel,
  request(params, span) {
    span.set(GEN_AI.requestEncodingFormats, params.embeddingTypes);
    span.set(GEN_AI.embeddingsDimensionCount, params.outputDimension);
    span.set("cohere.request.input_type", params.inputType);
    span.set("cohere.request.truncate", params.truncate);
    if (span.recordInputs) span.json(HH_ATTR.inputs, { input: embedInputs(params) });
  },
  response(result, span) {
    const r = result as Params;
    span.set(GEN_AI.responseId, r?.id);
    recordUsage(span, r?.meta);
    const vectors = firstVectors(r?.embeddings);
    span.set(`${HH_ATTR.metadata}.embedding_count`, vectors?.length);
    const first = vectors?.[0];
    if (Array.isArray(first)) span.set(GEN_AI.embeddingsDimensionCount, first.length);
  },
  stream: noStream,
  errorDetails: cohereErrorDetails,
};

export const cohereRerank: Operation = {
  operation: "rerank",
  model: cohereModel,
  request(params, span) {
    span.set("cohere.request.top_n", params.topN);
    span.set("cohere.request.max_tokens_per_doc", params.maxTokensPerDoc);
    if (Array.isArray(params.documents))
      span.set(`${HH_ATTR.metadata}.document_count`, params.documents.length);
    if (span.recordInputs) span.json(HH_ATTR.inputs, { query: params.query });
  },
  response(result, span) {
    const r = result as Params;
    span.set(GEN_AI.responseId, r?.id);
    recordUsage(span, r?.meta);
    const results: Params[] = Array.isArray(r?.results) ? r.results : [];
    span.set(`${HH_ATTR.metadata}.result_count`, results.length);
    if (span.recordOutputs)
      span.json(HH_ATTR.outputs, {
        results: results.map((x) => ({ index: x?.index, relevance_score: x?.relevanceScore })),
      });
  },
  stream: noStream,
  errorDetails: cohereErrorDetails,
};

/** Texts as given; images (data URLs) and mixed `inputs` as parts with media references. */
function embedInputs(params: Params): unknown {
  if (Array.isArray(params.inputs))
    return params.inputs.map((input: Params) =>
      (Array.isArray(input?.content) ? input.content : []).map(
        (c: Params): Part =>
          c?.type === "image_url"
            ? mediaPart("image", String(c.imageUrl?.url ?? c.imageUrl ?? ""))
            : textPart(String(c?.text ?? "")),
      ),
    );
  if (Array.isArray(params.images))
    return params.images.map((url: unknown) => mediaPart("image", String(url)));
  return params.texts;
}

/** The vectors of the first embedding type (`[[...]]` in v1's float response, `{float: [[...]]}` by type). */
function firstVectors(embeddings: unknown): unknown[] | undefined {
  if (Array.isArray(embeddings)) return embeddings;
  if (!embeddings || typeof embeddings !== "object") return undefined;
  return Object.values(embeddings).find((v): v is unknown[] => Array.isArray(v));
}

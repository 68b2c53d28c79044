/** `embeddings.create` of `@mistralai/mistralai` as a GenAI `embeddings` span: inputs as HoneyHive inputs, never the vectors. */
import { GEN_AI, GEN_AI_OPERATIONS, HH_ATTR } from "@honeyhive-ts/semconv";
import type { Operation, Params } from "../operation.js";
import { recordUsage } from "./chat.js";

export const mistralEmbeddings: Operation = {
  operation: GEN_AI_OPERATIONS.embeddings,
  model: (params) => (typeof params.model === "string" ? params.model : undefined),
  request(params, span) {
    span.set(GEN_AI.requestEncodingFormats, params.encodingFormat ? [params.encodingFormat] : undefined);
    span.set(GEN_AI.embeddingsDimensionCount, params.outputDimension);
    span.set("mistral_ai.request.output_dtype", params.outputDtype);
    if (span.recordInputs) span.json(HH_ATTR.inputs, { input: params.inputs });
  },
  response(result, span) {
    const r = result as Params;
    span.set(GEN_AI.responseId, r?.id);
    span.set(GEN_AI.responseModel, r?.model);
    recordUsage(span, r?.usage);
    const data: Params[] = Array.isArray(r?.data) ? r.data : [];
    span.set(`${HH_ATTR.metadata}.embedding_count`, data.length);
    const first = data[0]?.embedding;
    if (Array.isArray(first)) span.set(GEN_AI.embeddingsDimensionCount, first.length);
  },
  stream: () => ({ add: () => true, finish: () => {} }),
};

/**
 * The traced methods of an `ollama` client: `chat` (a `chat` span),
 * `generate` (a `text_completion` span: a prompt with optional system
 * prompt and images) and `embed` (an `embeddings` span, inputs only, never
 * the vectors). Streams are NDJSON chunks the client yields one by one.
 */
import { GEN_AI, GEN_AI_OPERATIONS, HH_ATTR } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import { recordTools } from "../openai/request.js";
import type { Operation, Params } from "../operation.js";
import { textPart } from "../parts.js";
import { inputMessages, messageParts } from "./messages.js";
import { OllamaStream, outputMessage, recordOptions, recordOutput, recordResult } from "./response.js";

const model = (params: Params): string | undefined =>
  typeof params.model === "string" ? params.model : undefined;

function recordResponse(result: unknown, span: ModelSpan): void {
  const r = result as Params;
  recordResult(span, r);
  recordOutput(span, outputMessage(r), r?.done_reason);
}

export const ollamaChat: Operation = {
  operation: GEN_AI_OPERATIONS.chat,
  model,
  request(params, span) {
    recordOptions(span, params);
    if (!span.recordInputs) return;
    recordTools(span, params.tools);
    const { system, messages } = inputMessages(params.messages);
    span.prompt(system, messages);
  },
  response: recordResponse,
  stream: (span) => new OllamaStream(span),
};

export const ollamaGenerate: Operation = {
  operation: GEN_AI_OPERATIONS.textCompletion,
  model,
  request(params, span) {
    recordOptions(span, params);
    if (!span.recordInputs) return;
    if (typeof params.system === "string") span.json(GEN_AI.systemInstructions, [textPart(params.system)]);
    span.json(GEN_AI.inputMessages, [
      { role: "user", parts: messageParts({ ...params, content: params.prompt }) },
    ]);
    if (typeof params.suffix === "string") span.set(`${HH_ATTR.metadata}.suffix`, params.suffix);
  },
  response: recordResponse,
  stream: (span) => new OllamaStream(span),
};

export const ollamaEmbed: Operation = {
  operation: GEN_AI_OPERATIONS.embeddings,
  model,
  request(params, span) {
    span.set(GEN_AI.embeddingsDimensionCount, params.dimensions);
    span.set("ollama.request.truncate", params.truncate);
    if (span.recordInputs) span.json(HH_ATTR.inputs, { input: params.input });
  },
  response(result, span) {
    const r = result as Params;
    recordResult(span, r);
    const vectors: unknown[] = Array.isArray(r?.embeddings) ? r.embeddings : [];
    span.set(`${HH_ATTR.metadata}.embedding_count`, vectors.length);
    if (Array.isArray(vectors[0])) span.set(GEN_AI.embeddingsDimensionCount, vectors[0].length);
  },
  stream: () => ({ add: () => true, finish: () => {} }),
};

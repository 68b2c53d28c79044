/**
 * Which model family an InvokeModel body belongs to: by the model id's
 * vendor (region prefixes and ARNs allowed), else by the body's shape (an
 * inference profile ARN does not name the vendor). Unknown families record
 * the model and the usage headers only: their JSON is not guessed at.
 */
import { GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { Params } from "../../operation.js";
import type { EventAssembler } from "../converse-events.js";
import { emptyPrompt } from "../record.js";
import { novaFamily, titanFamily } from "./amazon.js";
import { anthropicFamily } from "./anthropic.js";
import type { ModelFamily } from "./family.js";
import { llamaFamily } from "./meta.js";

export type { ModelFamily };

const REGION = /^(?:us|eu|apac|global|us-gov|ca|jp|au)\./;

const NOTHING: EventAssembler = { add: () => false, outcome: () => ({}) };

function unknownFamily(modelId: string): ModelFamily {
  const embeddings = modelId.includes("embed");
  return {
    operation: () => (embeddings ? GEN_AI_OPERATIONS.embeddings : GEN_AI_OPERATIONS.chat),
    prompt: emptyPrompt,
    outcome: () => ({}),
    stream: () => NOTHING,
  };
}

export function familyOf(modelId: string, body: Params): ModelFamily {
  const id = modelId
    .slice(modelId.lastIndexOf("/") + 1)
    .toLowerCase()
    .replace(REGION, "");
  if (id.startsWith("anthropic.")) return anthropicFamily;
  if (id.startsWith("amazon.nova")) return novaFamily;
  if (id.startsWith("amazon.titan-text") || id.startsWith("amazon.titan-tg")) return titanFamily;
  if (id.startsWith("meta.llama")) return llamaFamily;
  if (body && typeof body === "object") {
    if (typeof body.anthropic_version === "string") return anthropicFamily;
    if (typeof body.schemaVersion === "string" && Array.isArray(body.messages)) return novaFamily;
    if (typeof body.inputText === "string" && body.textGenerationConfig) return titanFamily;
    if (typeof body.prompt === "string" && body.max_gen_len !== undefined) return llamaFamily;
  }
  return unknownFamily(id);
}

/**
 * `images.generate` as a GenAI `generate_content` span with output type
 * `image`: the prompt as the input message, each image as a reference (its
 * URL, or MIME type and size for base64 data) in the output message.
 */
import { GEN_AI, GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { Operation, Params } from "../operation.js";
import { blobPart, mediaPart, type Part, textPart } from "../parts.js";
import { recordUsage } from "./usage.js";

export const imagesGenerate: Operation = {
  operation: GEN_AI_OPERATIONS.generateContent,
  model: (params) => (typeof params.model === "string" ? params.model : undefined),
  request(params, span) {
    span.set(GEN_AI.outputType, "image");
    if (typeof params.n === "number" && params.n !== 1) span.set(GEN_AI.requestChoiceCount, params.n);
    span.set("openai.request.image.size", params.size);
    span.set("openai.request.image.quality", params.quality);
    if (span.recordInputs && typeof params.prompt === "string")
      span.json(GEN_AI.inputMessages, [{ role: "user", parts: [textPart(params.prompt)] }]);
  },
  response(result, span) {
    const r = result as Params;
    recordUsage(span, r?.usage);
    span.set(GEN_AI.responseFinishReasons, ["stop"]);
    if (!span.recordOutputs) return;
    const mime = `image/${r?.output_format ?? "png"}`;
    const parts: Part[] = [];
    for (const image of Array.isArray(r?.data) ? r.data : []) {
      if (typeof image?.url === "string") parts.push(mediaPart("image", image.url));
      else if (typeof image?.b64_json === "string") parts.push(blobPart("image", mime, image.b64_json));
      if (typeof image?.revised_prompt === "string") parts.push(textPart(image.revised_prompt));
    }
    span.json(GEN_AI.outputMessages, [{ role: "assistant", parts, finish_reason: "stop" }]);
  },
  stream: () => ({ add: () => true, finish: () => {} }),
};

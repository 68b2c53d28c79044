import { GEN_AI } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Params } from "../operation.js";

/** Sampling parameters shared by the chat and Responses APIs, as `gen_ai.request.*`. */
export function recordSampling(span: ModelSpan, params: Params): void {
  span.set(GEN_AI.requestTemperature, params.temperature);
  span.set(GEN_AI.requestTopP, params.top_p);
  span.set(
    GEN_AI.requestMaxTokens,
    params.max_completion_tokens ?? params.max_tokens ?? params.max_output_tokens,
  );
  span.set(GEN_AI.requestFrequencyPenalty, params.frequency_penalty);
  span.set(GEN_AI.requestPresencePenalty, params.presence_penalty);
  span.set(GEN_AI.requestSeed, params.seed);
  span.set(GEN_AI.requestStopSequences, typeof params.stop === "string" ? [params.stop] : params.stop);
  if (typeof params.n === "number" && params.n !== 1) span.set(GEN_AI.requestChoiceCount, params.n);
  const format = params.response_format?.type ?? params.text?.format?.type;
  if (typeof format === "string") span.set(GEN_AI.outputType, format === "text" ? "text" : "json");
  span.set("openai.request.service_tier", params.service_tier);
  span.set("gen_ai.request.reasoning_effort", params.reasoning_effort ?? params.reasoning?.effort);
}

/** Tool definitions as `gen_ai.tool.definitions`: `{type, name, description, parameters}` (function tools), `{type}` for built-in ones. */
export function recordTools(span: ModelSpan, tools: unknown): void {
  if (!span.recordInputs || !Array.isArray(tools) || tools.length === 0) return;
  span.json(
    GEN_AI.toolDefinitions,
    tools.map((raw: Params) => {
      const fn = raw?.function ?? raw;
      if (raw?.type !== "function") return { ...raw };
      return {
        type: "function",
        name: fn?.name,
        ...(fn?.description !== undefined ? { description: fn.description } : {}),
        ...(fn?.parameters !== undefined ? { parameters: fn.parameters } : {}),
      };
    }),
  );
}

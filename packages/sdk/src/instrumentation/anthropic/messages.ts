/**
 * `messages.create` (and `beta.messages.create`), plain and streamed, as a
 * GenAI `chat` span. `messages.stream()`, `messages.parse()` and the tool
 * runner call `create` themselves, so tracing `create` alone makes exactly
 * one span per model call whichever helper the caller used.
 */
import { GEN_AI, GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Operation, Params } from "../operation.js";
import { inputMessages, systemParts, toolDefinitions } from "./content.js";
import { recordMessage } from "./response.js";
import { MessageStreamAssembler } from "./stream.js";

export const messagesCreate: Operation = {
  operation: GEN_AI_OPERATIONS.chat,
  model: (params) => (typeof params.model === "string" ? params.model : undefined),
  request(params, span) {
    recordParameters(span, params);
    if (!span.recordInputs) return;
    const tools = toolDefinitions(params.tools);
    if (tools) span.json(GEN_AI.toolDefinitions, tools);
    const system = systemParts(params.system);
    span.prompt(system, inputMessages(params.messages));
  },
  response: (result, span) => recordMessage(span, result as Params),
  stream: (span) => new MessageStreamAssembler(span),
};

function recordParameters(span: ModelSpan, params: Params): void {
  span.set(GEN_AI.requestMaxTokens, params.max_tokens);
  span.set(GEN_AI.requestTemperature, params.temperature);
  span.set(GEN_AI.requestTopP, params.top_p);
  span.set("gen_ai.request.top_k", params.top_k);
  span.set(GEN_AI.requestStopSequences, params.stop_sequences);
  span.set("anthropic.request.service_tier", params.service_tier);
  span.set("anthropic.request.thinking.type", params.thinking?.type);
  span.set("anthropic.request.thinking.budget_tokens", params.thinking?.budget_tokens);
  span.set("anthropic.request.tool_choice", params.tool_choice?.type);
  const format = params.output_config?.format?.type ?? params.output_format?.type;
  if (typeof format === "string") span.set(GEN_AI.outputType, "json");
}

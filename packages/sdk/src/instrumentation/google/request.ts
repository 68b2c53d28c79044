/**
 * A `generateContent` request on the span: the generation config as
 * `gen_ai.request.*`, and (when inputs are recorded) the system instruction,
 * the contents and the tool definitions.
 */
import { GEN_AI } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Params } from "../operation.js";
import { inputMessages, systemParts } from "./contents.js";

/** Request attributes, and content when `span.recordInputs`. */
export function recordRequest(params: Params, span: ModelSpan): void {
  const config: Params = params.config ?? {};
  recordGenerationConfig(span, config);
  if (!span.recordInputs) return;
  recordTools(span, config.tools);
  const system = systemParts(config.systemInstruction);
  span.prompt(system, inputMessages(params.contents));
}

function recordGenerationConfig(span: ModelSpan, config: Params): void {
  span.set(GEN_AI.requestTemperature, config.temperature);
  span.set(GEN_AI.requestTopP, config.topP);
  span.set("gen_ai.request.top_k", config.topK);
  span.set(GEN_AI.requestMaxTokens, config.maxOutputTokens);
  span.set(GEN_AI.requestStopSequences, config.stopSequences);
  span.set(GEN_AI.requestSeed, config.seed);
  span.set(GEN_AI.requestPresencePenalty, config.presencePenalty);
  span.set(GEN_AI.requestFrequencyPenalty, config.frequencyPenalty);
  if (typeof config.candidateCount === "number" && config.candidateCount !== 1)
    span.set(GEN_AI.requestChoiceCount, config.candidateCount);
  const mime = config.responseMimeType;
  if (typeof mime === "string") span.set(GEN_AI.outputType, mime.includes("json") ? "json" : "text");
  span.set("gen_ai.request.thinking_budget", config.thinkingConfig?.thinkingBudget);
}

/**
 * `functionDeclarations` as function tool definitions; every other tool
 * (`googleSearch`, `codeExecution`, `urlContext`, ...) as `{type}`.
 */
function recordTools(span: ModelSpan, tools: unknown): void {
  if (!Array.isArray(tools) || tools.length === 0) return;
  const definitions: Params[] = [];
  for (const tool of tools as Params[]) {
    if (tool === null || typeof tool !== "object") continue;
    for (const [key, value] of Object.entries(tool)) {
      if (value === undefined || value === null) continue;
      if (key !== "functionDeclarations") definitions.push({ type: key });
      else for (const fn of Array.isArray(value) ? value : []) definitions.push(functionDefinition(fn));
    }
  }
  if (definitions.length > 0) span.json(GEN_AI.toolDefinitions, definitions);
}

function functionDefinition(fn: Params): Params {
  const parameters = fn?.parameters ?? fn?.parametersJsonSchema;
  return {
    type: "function",
    name: fn?.name ?? null,
    ...(fn?.description !== undefined ? { description: fn.description } : {}),
    ...(parameters !== undefined ? { parameters } : {}),
  };
}

/**
 * The built-in evaluator library. Every factory returns an `Evaluator` (see
 * evaluator() in ../evaluator.ts): it never throws at evaluation time, and
 * takes the wrapper's options (name, weight, threshold / passWhen, repeat,
 * aggregate, timeoutMs) besides its own. Exported from the SDK as the
 * `evaluators` namespace: `evaluators.exactMatch()`, `evaluators.llmJudge({rubric: "factuality", client})`.
 */
export { costBudget, latencyBudget } from "./budgets.js";
export { type CompositeOptions, composite } from "./composite.js";
export {
  cosineSimilarity,
  type Embedder,
  type EmbeddingSimilarityOptions,
  embeddingSimilarity,
} from "./embedding.js";
export { type JsonSchemaOptions, jsonSchema, jsonValid } from "./json.js";
export { type JsonSchema, type SchemaViolation, validate as validateJsonSchema } from "./json-schema.js";
export { type ListContainmentOptions, listContainment } from "./lists.js";
export { type JudgeVerdict, type LlmJudgeOptions, llmJudge, parseJudgeReply } from "./llm-judge.js";
export { type NumericDifferenceOptions, numericDifference } from "./numeric.js";
export type { ChatClientLike, EmbeddingsClientLike, ProviderOptions } from "./provider.js";
export {
  BUILTIN_RUBRICS,
  type BuiltinRubric,
  type CustomRubricOptions,
  customRubric,
  loadRubric,
  type Rubric,
  type RubricField,
} from "./rubrics.js";
export type { BuiltinOptions, FieldOptions, TextNormalization } from "./shared.js";
export {
  bleu,
  type LevenshteinOptions,
  levenshtein,
  levenshteinDistance,
  type RougeLOptions,
  rougeL,
  sentenceBleu,
  type TokenMetricOptions,
} from "./similarity.js";
export {
  type ContainsOptions,
  contains,
  type ExactMatchOptions,
  exactMatch,
  type MatchMode,
  type RegexOptions,
  regex,
} from "./text.js";

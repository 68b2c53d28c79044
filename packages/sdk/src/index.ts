export {
  type CaptureLimits,
  capture,
  captureJson,
  DEFAULT_CAPTURE_LIMITS,
  type JsonValue,
} from "./capture/index.js";
export type * from "./client/api-types.js";
export { type HealthStatus, HoneyHive } from "./client/client.js";
export {
  type ApiErrorKind,
  AuthenticationError,
  CircuitOpenError,
  ConflictError,
  HoneyHiveApiError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "./client/errors.js";
export type { BodyOf, ParamsOf, QueryOf, ResponseOf } from "./client/operations.js";
export type { HoneyHiveOptions } from "./client/options.js";
export type { Page } from "./client/paginate.js";
export type { DatasetFormat, ImportOptions } from "./client/resources/datasets.js";
export type { ListEventsQuery } from "./client/resources/events.js";
export type { StartSession } from "./client/resources/sessions.js";
export type { CallOptions, StreamBody } from "./client/transport.js";
export {
  defaultSessionName,
  type ResolvedOptions,
  resolveOptions,
  SDK_SETTINGS,
  type Setting,
  type SpanNameFilter,
  type TracerOptions,
} from "./config/settings.js";
export type { EnrichFields } from "./enrich/fields.js";
export { type CompareRunsOptions, compareRuns, formatComparison } from "./evaluation/compare.js";
export type { DatasetRow } from "./evaluation/dataset.js";
export {
  type DatapointResult,
  type EvaluateOptions,
  type EvaluationContext,
  type ExperimentResult,
  evaluate,
  recentExperiments,
} from "./evaluation/evaluate.js";
export { evaluator, isEvaluator } from "./evaluation/evaluator.js";
/** The built-in evaluator library: `evaluators.exactMatch()`, `evaluators.llmJudge({rubric, client})`, ... */
export * as evaluators from "./evaluation/evaluators/index.js";
export { formatExperiment } from "./evaluation/experiment.js";
export type { AggregateFunction, MetricSummary } from "./evaluation/summary.js";
export type {
  EvaluationResult,
  Evaluator,
  EvaluatorFn,
  EvaluatorInput,
  EvaluatorOptions,
  EvaluatorReturn,
  RepeatAggregate,
  ScoreValue,
} from "./evaluation/types.js";
export type { ExportStats } from "./export/index.js";
export {
  AnthropicInstrumentation,
  BedrockInstrumentation,
  CohereInstrumentation,
  GoogleGenAIInstrumentation,
  GroqInstrumentation,
  type HoneyHiveTelemetryOptions,
  honeyhiveTelemetry,
  type InstrumentOptions,
  instrument,
  MistralInstrumentation,
  OllamaInstrumentation,
  OpenAIInstrumentation,
  type ProviderInfo,
  providerFromBaseUrl,
  TogetherInstrumentation,
  VercelAIInstrumentation,
  type VercelTelemetrySettings,
} from "./instrumentation/index.js";
export type { Carrier, HeadersLike } from "./propagation/propagation.js";
export type { SessionInfo } from "./session/session.js";
export { type TraceOptions, trace, traceChain, traceClass, traceModel, traceTool } from "./trace/trace.js";
export type { EventKind } from "./trace/traced-call.js";
export {
  enrichSession,
  enrichSpan,
  extract,
  flush,
  inject,
  type TracerArgument,
  withSession,
} from "./tracer/free-functions.js";
export {
  HoneyHiveTracer,
  type SessionOptions,
  type SpanOptions,
  type TracerStats,
} from "./tracer/honeyhive-tracer.js";
export { HoneyHiveSpan } from "./tracer/manual-span.js";
export { getDefaultTracer, setDefaultTracer } from "./tracer/registry.js";
export { SDK_NAME, SDK_VERSION } from "./version.js";

export {
  type CaptureLimits,
  capture,
  captureJson,
  DEFAULT_CAPTURE_LIMITS,
  type JsonValue,
} from "./capture/index.js";
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
export type { ExportStats } from "./export/index.js";
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

/**
 * Outgoing HTTP requests (`fetch` / undici, `node:http` / `node:https`) as
 * `tool` events, through the official OpenTelemetry instrumentations. Off
 * unless a tracer sets `disableHttpTracing: false`; like the LLM client
 * hooks, the instrumentations are process-wide once on and each request is
 * recorded by the tracer of its context (when that tracer wants HTTP spans).
 *
 * Never recorded: incoming requests (server spans), requests made inside a
 * model call (the model span already is that request), requests with
 * tracing suppressed, and the SDK's own requests to the HoneyHive server
 * (they carry the SDK's `hh-sdk-package` header), so exporting spans never
 * makes new ones.
 */
import { createRequire, syncBuiltinESMExports } from "node:module";
import { HH_ATTR } from "@honeyhive-ts/semconv";
import {
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  trace as otelTrace,
  type Span,
  type SpanOptions,
  type Tracer,
  type TracerProvider,
} from "@opentelemetry/api";
import { isTracingSuppressed } from "@opentelemetry/core";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import type { Logger } from "../../internal/logger.js";
import type { HoneyHiveTracer } from "../../tracer/honeyhive-tracer.js";
import { resolveTracer } from "../../tracer/registry.js";
import { internalError } from "../internal-errors.js";
import { IN_MODEL_CALL } from "../model-span.js";
import { type CallTarget, targetFor } from "../targets.js";

export const HTTP_INSTRUMENTATION = "http";
/** The header every request of the SDK to the HoneyHive server carries. */
const SDK_HEADER = "hh-sdk-package";

const wanted = new WeakMap<HoneyHiveTracer, boolean>();
let enabled = false;

/** Records whether `tracer` wants HTTP spans, and turns the instrumentations on the first time one does. */
export function enableHttpTracing(tracer: HoneyHiveTracer, on: boolean, logger: Logger): void {
  wanted.set(tracer, on);
  if (!on || enabled) return;
  enabled = true;
  try {
    const provider: TracerProvider = { getTracer: () => HTTP_TRACER };
    // Created enabled (undici's checks its `enabled` option on every request); they read their tracer per request.
    const http = new HttpInstrumentation({
      disableIncomingRequestInstrumentation: true,
      ignoreOutgoingRequestHook: (request) => ignored(sdkHeaderInObject(request.headers)),
    });
    const undici = new UndiciInstrumentation({
      ignoreRequestHook: (request) => ignored(sdkHeaderInUndici(request.headers)),
    });
    for (const instrumentation of [http, undici]) instrumentation.setTracerProvider(provider);
    // node:http is patched when it is next required: require it now, then
    // let ES modules' named imports (`import { request } from "node:http"`) see the patch.
    const require = createRequire(import.meta.url);
    require("node:http");
    require("node:https");
    syncBuiltinESMExports();
  } catch (err) {
    internalError(logger, "enabling HTTP tracing", err);
  }
}

/** The tracer that records a request made now, if any. */
function httpTarget(): CallTarget | undefined {
  const tracer = resolveTracer(undefined);
  return tracer && wanted.get(tracer) === true ? targetFor(HTTP_INSTRUMENTATION, tracer) : undefined;
}

function ignored(fromSdk: boolean): boolean {
  const active = context.active();
  if (fromSdk || isTracingSuppressed(active) || active.getValue(IN_MODEL_CALL) === true) return true;
  return httpTarget() === undefined;
}

function sdkHeaderInObject(headers: unknown): boolean {
  if (headers === null || typeof headers !== "object") return false;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === SDK_HEADER) return true;
  return false;
}

/** undici keeps request headers as `name: value\r\n` text or a flat `[name, value, ...]` list. */
function sdkHeaderInUndici(headers: unknown): boolean {
  if (typeof headers === "string") return headers.toLowerCase().includes(`${SDK_HEADER}:`);
  if (!Array.isArray(headers)) return false;
  for (let i = 0; i < headers.length; i += 2)
    if (String(headers[i]).toLowerCase() === SDK_HEADER) return true;
  return false;
}

type ActiveFn = (span: Span) => unknown;

/** Starts each HTTP span in the HoneyHive tracer of its context, as a `tool` event. */
const HTTP_TRACER: Tracer = {
  startSpan(name: string, options: SpanOptions = {}, ctx: Context = context.active()): Span {
    const target = httpTarget();
    if (target === undefined)
      return otelTrace.wrapSpanContext(otelTrace.getSpanContext(ctx) ?? INVALID_SPAN_CONTEXT);
    return target.core.otel.startSpan(
      name,
      { ...options, attributes: { ...options.attributes, [HH_ATTR.eventType]: "tool" } },
      ctx,
    );
  },
  startActiveSpan(name: string, ...rest: unknown[]): never {
    const fn = rest.pop() as ActiveFn;
    const options = (rest[0] ?? {}) as SpanOptions;
    const parent = (rest[1] as Context | undefined) ?? context.active();
    const span = HTTP_TRACER.startSpan(name, options, parent);
    return context.with(otelTrace.setSpan(parent, span), fn, undefined, span) as never;
  },
};

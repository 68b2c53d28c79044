/**
 * `@anthropic-ai/sdk` 1.x makes OpenTelemetry spans of its own
 * (`anthropic.messages.create`) through the global tracer provider. When that
 * provider is a HoneyHive tracer's (`setGlobalProvider: true`), each model
 * call would be recorded twice: once by this instrumentation, once by the
 * client. The client's tracer is wrapped so that its span of a model call
 * this instrumentation records is dropped when it would land in HoneyHive.
 * Spans going to the application's own provider, and the client's other
 * spans (token counting, batches, tool runner, files), are left alone.
 */
import { HH_ASSOC } from "@honeyhive-ts/semconv";
import {
  type Context,
  context,
  createContextKey,
  INVALID_SPAN_CONTEXT,
  trace as otelTrace,
  type Span,
  type SpanOptions,
  type Tracer,
} from "@opentelemetry/api";
import { createLogger } from "../../internal/logger.js";
import type { HoneyHiveTracer } from "../../tracer/honeyhive-tracer.js";
import { internalError } from "../internal-errors.js";
import { IN_MODEL_CALL } from "../model-span.js";
import { targetFor } from "../targets.js";

/** Set while `messages.stream()` starts: the `create` it calls is recorded by this instrumentation (value: the pinned tracer, if any). */
export const IN_STREAM_HELPER = createContextKey("honeyhive anthropic stream helper");

const CREATE_SPAN = "anthropic.messages.create";
const quieted = new WeakSet<object>();
const logger = createLogger(false);

interface ClientShape {
  _tracer?: Tracer;
}

/** Wraps the client's own tracer once (clients without one, as in 0.x, are left as they are). Never throws. */
export function quietNativeSpans(client: unknown, instrumentation: string): void {
  try {
    if (client === null || typeof client !== "object" || quieted.has(client)) return;
    quieted.add(client);
    const own = (client as ClientShape)._tracer;
    if (typeof own?.startSpan !== "function" || typeof own.startActiveSpan !== "function") return;
    const wrapped: Tracer = {
      startSpan(name: string, options?: SpanOptions, ctx?: Context): Span {
        const span = own.startSpan(name, options, ctx);
        const active = ctx ?? context.active();
        try {
          if (!dropped(name, active, instrumentation) || !inHoneyHive(span)) return span;
        } catch (err) {
          internalError(logger, "anthropic client span", err);
          return span;
        }
        // Never ended, so never exported; the call goes on under the model span's context.
        return otelTrace.wrapSpanContext(otelTrace.getSpanContext(active) ?? INVALID_SPAN_CONTEXT);
      },
      startActiveSpan: own.startActiveSpan.bind(own) as Tracer["startActiveSpan"],
    };
    (client as ClientShape)._tracer = wrapped;
  } catch (err) {
    internalError(logger, "anthropic client tracer", err);
  }
}

/** A model call that runs under this instrumentation's model span, or that `messages.stream()` is about to make. */
function dropped(name: string, active: Context, instrumentation: string): boolean {
  if (name !== CREATE_SPAN) return false;
  if (active.getValue(IN_MODEL_CALL) === true) return true;
  const helper = active.getValue(IN_STREAM_HELPER) as { tracer?: HoneyHiveTracer } | undefined;
  return helper !== undefined && targetFor(instrumentation, helper.tracer) !== undefined;
}

/** Every span a HoneyHive provider starts carries its session. */
function inHoneyHive(span: Span): boolean {
  const attributes = (span as { attributes?: Record<string, unknown> }).attributes;
  return attributes?.[HH_ASSOC.sessionId] !== undefined;
}

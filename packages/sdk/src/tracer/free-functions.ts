import type { Context, Span } from "@opentelemetry/api";
import type { EnrichFields } from "../enrich/fields.js";
import type { Carrier } from "../propagation/propagation.js";
import type { SessionInfo } from "../session/session.js";
import type { HoneyHiveTracer, SessionOptions } from "./honeyhive-tracer.js";
import { resolveTracer } from "./registry.js";

/**
 * Free functions find their tracer: the explicit `tracer` argument, then the
 * tracer that owns the current context, then the default tracer. Without any
 * tracer they do nothing (and `withSession` just runs `fn`).
 */
export interface TracerArgument {
  tracer?: HoneyHiveTracer;
}

/** Add metadata, metrics, feedback, inputs, outputs, config, user properties or an error to the current span. */
export function enrichSpan(fields: EnrichFields & TracerArgument & { span?: Span }): void {
  const { tracer, span, ...rest } = fields;
  resolveTracer(tracer)?.enrichSpan(rest, span);
}

/** Add to the current session (sent with PUT /events). */
export function enrichSession(fields: EnrichFields & TracerArgument & { sessionId?: string }): void {
  const { tracer, ...rest } = fields;
  resolveTracer(tracer)?.enrichSession(rest);
}

/** Run `fn` in a session of its own. */
export function withSession<R>(
  session: SessionOptions | SessionInfo,
  fn: () => R,
  options: TracerArgument = {},
): R {
  const tracer = resolveTracer(options.tracer);
  return tracer ? tracer.withSession(session, fn) : fn();
}

/** Write `traceparent` and `baggage` for an outgoing request. */
export function inject<C extends Carrier>(
  carrier: C,
  options: TracerArgument & { context?: Context } = {},
): C {
  return resolveTracer(options.tracer)?.inject(carrier, options.context) ?? carrier;
}

/** Read an incoming request's `traceparent` and `baggage`. */
export function extract(
  carrier: Carrier,
  options: TracerArgument & { context?: Context } = {},
): Context | undefined {
  return resolveTracer(options.tracer)?.extract(carrier, options.context);
}

/** Flush the tracer (default: the default tracer). */
export function flush(options: TracerArgument & { timeoutMs?: number } = {}): Promise<boolean> {
  return resolveTracer(options.tracer)?.flush(options.timeoutMs) ?? Promise.resolve(true);
}

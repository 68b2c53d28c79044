/**
 * The OpenTelemetry `Tracer` handed to the Vercel AI SDK as
 * `experimental_telemetry.tracer`: its spans become {@link VercelSpan}s of a
 * HoneyHive tracer, and a provider call runs in a context marked as a model
 * call, so no other instrumentation (HTTP, a wrapped client) records it twice.
 */
import {
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  trace as otelTrace,
  type Span,
  type SpanOptions,
  type Tracer,
} from "@opentelemetry/api";
import { IN_MODEL_CALL } from "../model-span.js";
import type { CallTarget } from "../targets.js";
import { type OpenSpans, VercelSpan } from "./span.js";

type ActiveFn = (span: Span) => unknown;

export class VercelTelemetryTracer implements Tracer {
  constructor(
    /** Where the spans go, asked at each span (undefined: record nothing). */
    private readonly target: () => CallTarget | undefined,
    /** The spans of one call, when the tracer serves one call only. */
    private readonly open?: OpenSpans,
  ) {}

  startSpan(name: string, options: SpanOptions = {}, ctx: Context = context.active()): Span {
    const target = this.target();
    if (target === undefined)
      return otelTrace.wrapSpanContext(otelTrace.getSpanContext(ctx) ?? INVALID_SPAN_CONTEXT);
    return new VercelSpan(target, name, options, ctx, this.open);
  }

  startActiveSpan<F extends ActiveFn>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends ActiveFn>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends ActiveFn>(name: string, options: SpanOptions, ctx: Context, fn: F): ReturnType<F>;
  startActiveSpan<F extends ActiveFn>(name: string, ...rest: unknown[]): ReturnType<F> {
    const fn = rest.pop() as (span: Span) => ReturnType<F>;
    const options = (rest[0] ?? {}) as SpanOptions;
    const parent = (rest[1] as Context | undefined) ?? context.active();
    const span = this.startSpan(name, options, parent);
    let next = otelTrace.setSpan(parent, span);
    if (span instanceof VercelSpan && span.kind === "model") next = next.setValue(IN_MODEL_CALL, true);
    return context.with(next, fn, undefined, span);
  }
}

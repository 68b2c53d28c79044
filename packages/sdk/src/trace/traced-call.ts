import { isPromise } from "node:util/types";
import { HH_ATTR } from "@honeyhive-ts/semconv";
import {
  type Attributes,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  trace as otelTrace,
  type Span,
} from "@opentelemetry/api";
import { captureJson } from "../capture/index.js";
import { holdSpanEnd, type InlineEvaluation, type OutputSink } from "../evaluation/inline.js";
import type { TracerCore } from "../tracer/core.js";
import { observeResult, shapeOf } from "./result/index.js";
import { endWithValue, SpanObserver } from "./span-observer.js";

export type EventKind = "model" | "tool" | "chain";

/** What to record about the calls of one traced function: made once, used for every call. */
export interface CallSpec {
  name: string;
  eventType: EventKind | undefined;
  /** The inputs as JSON from the call's arguments; called only when the span records (sampled). */
  inputs: ((args: readonly unknown[], core: TracerCore) => string | undefined) | undefined;
  /** Override the tracer's `captureInputs` / `captureOutputs`. */
  captureInputs: boolean | undefined;
  captureOutputs: boolean | undefined;
  metadata: Record<string, unknown> | undefined;
  config: Record<string, unknown> | undefined;
  attributes: Attributes | undefined;
  /** Inline evaluators (`trace(fn, {evaluators})`): sampled calls are scored after they settle. */
  evaluation?: InlineEvaluation | undefined;
}

const NO_OPTIONS = {};
const startOptions = new WeakMap<CallSpec, { attributes?: Attributes }>();

/** The event name is the span name; only the type needs an attribute at start. Made once per spec. */
function startOptionsOf(spec: CallSpec): { attributes?: Attributes } {
  let options = startOptions.get(spec);
  if (!options) {
    options = spec.eventType ? { attributes: { [HH_ATTR.eventType]: spec.eventType } } : NO_OPTIONS;
    startOptions.set(spec, options);
  }
  return options;
}

/**
 * Runs `body` inside a new span and ends the span when the result is finished:
 * returned, thrown, settled, fully read, or abandoned. The result is handed
 * back unchanged in type and behaviour; errors are rethrown as they were.
 */
export function runTraced<R>(
  core: TracerCore,
  spec: CallSpec,
  args: readonly unknown[],
  body: (span: Span) => R,
): R {
  const parent = context.active();
  let span: Span;
  let ctx: ReturnType<typeof context.active>;
  try {
    span = core.otel.startSpan(spec.name, startOptionsOf(spec), parent);
    ctx = otelTrace.setSpan(parent, span);
    if (span.isRecording()) setContent(core, spec, args, span);
  } catch (err) {
    core.logger.error("could not start a span; the call runs untraced", err);
    return body(otelTrace.wrapSpanContext(otelTrace.getSpanContext(parent) ?? INVALID_SPAN_CONTEXT));
  }
  if (!span.isRecording()) return context.with(ctx, body, undefined, span);

  const captureOutputs = spec.captureOutputs ?? core.captureOutputs;
  const sink = spec.evaluation ? evaluationSink(core, spec.evaluation, args, span) : undefined;
  let result: R;
  try {
    result = context.with(ctx, body, undefined, span);
  } catch (error) {
    new SpanObserver(span, core, captureOutputs).fail(error);
    throw error;
  }
  if (!mayRunOn(result)) {
    // numbers, strings, booleans, null, undefined: finished now
    if (sink) sink.output = result;
    endWithValue(span, result, core, captureOutputs);
    return result;
  }
  const observer = new SpanObserver(span, core, captureOutputs);
  observer.track(core.pending, otelTrace.getSpan(parent)?.spanContext().spanId);
  if (!core.disableBatch && isPromise(result)) return observeNativePromise(result, observer, ctx, sink) as R;
  if (sink && shapeOf(result) === "value") sink.output = result;
  try {
    return observeResult(result, observer, {
      run: (fn) => context.with(ctx, fn),
      ...(core.disableBatch && core.pipeline
        ? { beforeSettle: () => core.pipeline!.waitFor(span as never, core.flushTimeoutMs) }
        : {}),
    });
  } catch (err) {
    core.logger.error("could not observe a traced result", err);
    return result;
  }
}

/**
 * The common case, an async function's promise, without the general
 * machinery: one `then` that ends the span and passes the value or the same
 * error through. A value that is a stream (an async function returning an LLM
 * stream) is observed until it is read. Unlike other results, a native promise
 * is not watched for garbage collection (that costs every call): a promise
 * that never settles leaves its span open until the tracer shuts down.
 */
function observeNativePromise(
  promise: Promise<unknown>,
  observer: SpanObserver,
  ctx: Context,
  sink: OutputSink | undefined,
): Promise<unknown> {
  return promise.then(
    (value) => {
      if (typeof value === "object" && value !== null && shapeOf(value) !== "value") {
        return observeResult(value, observer, { run: (fn) => context.with(ctx, fn) });
      }
      if (sink) sink.output = value;
      observer.complete(value, "promise");
      return value;
    },
    (error: unknown) => {
      observer.fail(error);
      throw error;
    },
  );
}

/** Holds the span's end for a sampled call with evaluators; a failure here leaves the call unevaluated, never broken. */
function evaluationSink(
  core: TracerCore,
  evaluation: InlineEvaluation,
  args: readonly unknown[],
  span: Span,
): OutputSink | undefined {
  try {
    return holdSpanEnd(span, core, evaluation, args);
  } catch (err) {
    core.logger.error("could not set up inline evaluation", err);
    return undefined;
  }
}

/** Only objects and functions can be promises, iterators or streams that finish later. */
function mayRunOn(result: unknown): boolean {
  return (typeof result === "object" && result !== null) || typeof result === "function";
}

/** Inputs, metadata, config and extra attributes; a failure here (e.g. in `mapInputs`) never stops the call. */
function setContent(core: TracerCore, spec: CallSpec, args: readonly unknown[], span: Span): void {
  try {
    const inputs = (spec.captureInputs ?? core.captureInputs) ? spec.inputs?.(args, core) : undefined;
    if (inputs !== undefined) span.setAttribute(HH_ATTR.inputs, inputs);
    if (spec.metadata) span.setAttribute(HH_ATTR.metadata, captureJson(spec.metadata, core.limits));
    if (spec.config) span.setAttribute(HH_ATTR.config, captureJson(spec.config, core.limits));
    if (spec.attributes) span.setAttributes(spec.attributes);
  } catch (err) {
    core.logger.warnOnce("trace-inputs", `could not capture the inputs of ${spec.name}: ${String(err)}`);
  }
}

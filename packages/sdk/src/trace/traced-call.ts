import { HH_ATTR } from "@honeyhive-ts/semconv";
import { type Attributes, context, trace as otelTrace, type Span } from "@opentelemetry/api";
import { captureJson } from "../capture/index.js";
import type { TracerCore } from "../tracer/core.js";
import { observeResult } from "./result/index.js";
import { SpanObserver } from "./span-observer.js";

export type EventKind = "model" | "tool" | "chain";

/** What to record about one traced call. */
export interface CallSpec {
  name: string;
  eventType: EventKind | undefined;
  /** The inputs as JSON; called only when the span records (sampled) and inputs are captured. */
  inputs: (() => string | undefined) | undefined;
  captureOutputs: boolean;
  metadata: Record<string, unknown> | undefined;
  config: Record<string, unknown> | undefined;
  attributes: Attributes | undefined;
}

/**
 * Runs `body` inside a new span and ends the span when the result is finished:
 * returned, thrown, settled, fully read, or abandoned. The result is handed
 * back unchanged in type and behaviour; errors are rethrown as they were.
 */
export function runTraced<R>(core: TracerCore, spec: CallSpec, body: (span: Span) => R): R {
  const parent = context.active();
  let span: Span;
  let ctx: ReturnType<typeof context.active>;
  try {
    span = core.otel.startSpan(spec.name, { attributes: kindAttributes(spec) }, parent);
    ctx = otelTrace.setSpan(parent, span);
    if (span.isRecording()) setContent(core, spec, span);
  } catch (err) {
    core.logger.error("could not start a span; the call runs untraced", err);
    return body(otelTrace.wrapSpanContext(otelTrace.getSpanContext(parent) ?? INVALID));
  }
  if (!span.isRecording()) return context.with(ctx, body, undefined, span);

  const spanId = span.spanContext().spanId;
  core.pending.add(spanId, otelTrace.getSpan(parent)?.spanContext().spanId);
  const observer = new SpanObserver(span, core, spec.captureOutputs, () => core.pending.delete(spanId));
  let result: R;
  try {
    result = context.with(ctx, body, undefined, span);
  } catch (error) {
    observer.fail(error);
    throw error;
  }
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

const INVALID = { traceId: "00000000000000000000000000000000", spanId: "0000000000000000", traceFlags: 0 };

function kindAttributes(spec: CallSpec): Attributes {
  const attrs: Attributes = { [HH_ATTR.eventName]: spec.name };
  if (spec.eventType) attrs[HH_ATTR.eventType] = spec.eventType;
  return attrs;
}

/** Inputs, metadata, config and extra attributes; a failure here (e.g. in `mapInputs`) never stops the call. */
function setContent(core: TracerCore, spec: CallSpec, span: Span): void {
  try {
    const inputs = spec.inputs?.();
    if (inputs !== undefined) span.setAttribute(HH_ATTR.inputs, inputs);
    if (spec.metadata) span.setAttribute(HH_ATTR.metadata, captureJson(spec.metadata, core.limits));
    if (spec.config) span.setAttribute(HH_ATTR.config, captureJson(spec.config, core.limits));
    if (spec.attributes) span.setAttributes(spec.attributes);
  } catch (err) {
    core.logger.warnOnce("trace-inputs", `could not capture the inputs of ${spec.name}: ${String(err)}`);
  }
}

import { HH_ATTR } from "@honeyhive-ts/semconv";
import { context, trace as otelTrace, type Span } from "@opentelemetry/api";
import { captureJson } from "../capture/index.js";
import { type EnrichFields, enrichAttributes } from "../enrich/fields.js";
import { recordError } from "../trace/span-observer.js";
import type { TracerCore } from "./core.js";

/**
 * A span you end yourself, e.g. with `using`:
 *
 *     using span = tracer.span("retrieve", { eventType: "tool" });
 *     span.setInputs({ query });
 *
 * `run(fn)` makes it the parent of spans started inside `fn`.
 */
export class HoneyHiveSpan implements Disposable {
  private ended = false;

  constructor(
    /** The OpenTelemetry span underneath. */
    readonly otelSpan: Span,
    private readonly core: TracerCore | undefined,
  ) {}

  get spanId(): string {
    return this.otelSpan.spanContext().spanId;
  }

  get traceId(): string {
    return this.otelSpan.spanContext().traceId;
  }

  setInputs(inputs: Record<string, unknown>): this {
    return this.safely(() =>
      this.otelSpan.setAttribute(HH_ATTR.inputs, captureJson(inputs, this.core?.limits)),
    );
  }

  setOutputs(outputs: Record<string, unknown>): this {
    return this.safely(() =>
      this.otelSpan.setAttribute(HH_ATTR.outputs, captureJson(outputs, this.core?.limits)),
    );
  }

  enrich(fields: EnrichFields): this {
    return this.safely(() => enrichAttributes(this.otelSpan, fields, this.core?.limits ?? {}));
  }

  recordError(error: unknown): this {
    return this.safely(() => recordError(this.otelSpan, error));
  }

  /** Run `fn` with this span as the active parent. */
  run<R>(fn: () => R): R {
    return context.with(otelTrace.setSpan(context.active(), this.otelSpan), fn);
  }

  /** Ends the span; later calls do nothing. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.safely(() => this.otelSpan.end());
  }

  [Symbol.dispose](): void {
    this.end();
  }

  private safely(fn: () => void): this {
    try {
      fn();
    } catch (err) {
      this.core?.logger.error("span update failed", err);
    }
    return this;
  }
}

import { HH_ATTR } from "@honeyhive-ts/semconv";
import { type Span, SpanStatusCode } from "@opentelemetry/api";
import { captureJson } from "../capture/index.js";
import { writeOwnAttribute } from "../internal/span-attributes.js";
import type { TracerCore } from "../tracer/core.js";
import type { PendingResults } from "../tracer/pending.js";
import type { ResultKind, ResultObserver } from "./result/index.js";

const MAX_CHUNKS = 1000;

/**
 * Turns what a traced call produced into the span's outputs, error, time to
 * first chunk and end. One instance per call; `observeResult` guarantees that
 * exactly one of complete / fail / abandon is called.
 */
export class SpanObserver implements ResultObserver {
  private chunks: unknown[] | undefined;
  private chunkCount = 0;
  private pending: PendingResults | undefined;
  /** The span id `pending` knows the result by. */
  private pendingId = "";

  constructor(
    private readonly span: Span,
    private readonly core: TracerCore,
    private readonly captureOutputs: boolean,
  ) {}

  /** A result that finishes later (promise, stream): `flush()` waits for it until it is done. */
  track(pending: PendingResults, parentSpanId: string | undefined): void {
    if (this.done) return;
    this.pending = pending;
    this.pendingId = this.span.spanContext().spanId;
    pending.add(this.pendingId, parentSpanId);
  }

  firstChunk(): void {
    const start = (this.span as { startTime?: [number, number] }).startTime;
    if (!start) return;
    // OpenTelemetry's start time is timeOrigin + performance.now(), in [seconds, nanoseconds]
    const ms = performance.timeOrigin + performance.now() - (start[0] * 1000 + start[1] / 1e6);
    this.span.setAttribute(
      `${HH_ATTR.metrics}.time_to_first_chunk_ms`,
      Math.max(0, Math.round(ms * 1000) / 1000),
    );
  }

  chunk(value: unknown): void {
    this.chunkCount++;
    if (!this.captureOutputs) return;
    this.chunks ??= [];
    if (this.chunks.length < MAX_CHUNKS) this.chunks.push(value);
  }

  complete(value: unknown, kind: ResultKind): void {
    if (this.done) return;
    if (this.captureOutputs) {
      // Inline rather than through guard(): this runs once per traced call.
      try {
        this.setOutputs(value, kind);
      } catch (err) {
        this.core.logger.error("could not record a result", err);
      }
    }
    this.finish();
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.guard(() => {
      recordError(this.span, error);
      if (this.chunkCount > 0) this.setStreamOutputs(undefined);
    });
    this.finish();
  }

  abandon(reason: "return" | "cancel" | "garbage"): void {
    if (this.done) return;
    this.guard(() => {
      this.span.setAttribute(`${HH_ATTR.metadata}.stream_abandoned`, reason);
      if (this.captureOutputs && this.chunkCount > 0) this.setStreamOutputs(undefined);
    });
    this.finish();
  }

  /** Recording a result never breaks it. */
  private guard(fn: () => unknown): void {
    try {
      fn();
    } catch (err) {
      this.core.logger.error("could not record a result", err);
    }
  }

  private setOutputs(value: unknown, kind: ResultKind): void {
    if (kind === "value" || kind === "promise") {
      if (value !== undefined) writeOwnAttribute(this.span, HH_ATTR.outputs, resultJson(value, this.core));
      return;
    }
    this.setStreamOutputs(value);
  }

  private setStreamOutputs(returned: unknown): void {
    const chunks = this.chunks ?? [];
    const out: Record<string, unknown> = {};
    if (chunks.length > 0 && chunks.every((c) => typeof c === "string")) out["result"] = chunks.join("");
    else if (chunks.length > 0) out["chunks"] = chunks;
    if (returned !== undefined) out["return_value"] = returned;
    if (this.chunkCount > chunks.length) out["chunks_not_kept"] = this.chunkCount - chunks.length;
    this.span.setAttribute(HH_ATTR.outputs, captureJson(out, this.core.limits));
    this.span.setAttribute(`${HH_ATTR.metadata}.chunk_count`, this.chunkCount);
  }

  private done = false;

  private finish(): void {
    this.done = true;
    try {
      this.span.end();
    } catch (err) {
      this.core.logger.error("could not end a span", err);
    }
    this.pending?.delete(this.pendingId);
  }
}

/** A plain value returned synchronously: outputs, then end (no observer needed). */
export function endWithValue(span: Span, value: unknown, core: TracerCore, captureOutputs: boolean): void {
  try {
    if (captureOutputs && value !== undefined)
      writeOwnAttribute(span, HH_ATTR.outputs, resultJson(value, core));
  } catch (err) {
    core.logger.error("could not record a result", err);
  }
  span.end();
}

/** `{"result": value}` as JSON; numbers, booleans and short strings skip the general serializer. */
function resultJson(value: unknown, core: TracerCore): string {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? `{"result":${value}}` : captureJson({ result: value }, core.limits);
    case "boolean":
      return `{"result":${value}}`;
    case "string":
      if (value.length <= (core.limits.maxStringLength ?? 1024)) return `{"result":${JSON.stringify(value)}}`;
      break;
  }
  return captureJson({ result: value }, core.limits);
}

/** Error recorded the OpenTelemetry way (exception event, status) and the HoneyHive way (`honeyhive_error`). */
export function recordError(span: Span, error: unknown): void {
  const message = errorMessage(error);
  try {
    span.recordException(error instanceof Error ? error : message);
  } catch {
    // an exotic error object; the message below still says what happened
  }
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.setAttribute(HH_ATTR.error, message);
  if (error instanceof Error) span.setAttribute(HH_ATTR.errorType, error.name);
}

/** The text of an error: its message, the string itself, or the value as JSON. */
export function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error) return error.message || error.name;
    if (typeof error === "string") return error;
    return captureJson(error);
  } catch {
    return "error";
  }
}

import { HH_ATTR } from "@honeyhive-ts/semconv";
import { type Span, SpanStatusCode } from "@opentelemetry/api";
import { captureJson } from "../capture/index.js";
import type { TracerCore } from "../tracer/core.js";
import type { ResultKind, ResultObserver } from "./result/index.js";

const MAX_CHUNKS = 1000;

/**
 * Turns what a traced call produced into the span's outputs, error, time to
 * first chunk and end. One instance per call; `observeResult` guarantees that
 * exactly one of complete / fail / abandon is called.
 */
export class SpanObserver implements ResultObserver {
  private readonly startedAt = performance.now();
  private chunks: unknown[] | undefined;
  private chunkCount = 0;

  constructor(
    private readonly span: Span,
    private readonly core: TracerCore,
    private readonly captureOutputs: boolean,
    private readonly onDone: () => void,
  ) {}

  firstChunk(): void {
    const ms = performance.now() - this.startedAt;
    this.span.setAttribute(`${HH_ATTR.metrics}.time_to_first_chunk_ms`, Math.round(ms * 1000) / 1000);
  }

  chunk(value: unknown): void {
    this.chunkCount++;
    if (!this.captureOutputs) return;
    this.chunks ??= [];
    if (this.chunks.length < MAX_CHUNKS) this.chunks.push(value);
  }

  complete(value: unknown, kind: ResultKind): void {
    if (this.captureOutputs) this.setOutputs(value, kind);
    this.finish();
  }

  fail(error: unknown): void {
    recordError(this.span, error);
    if (this.chunkCount > 0) this.setStreamOutputs(undefined);
    this.finish();
  }

  abandon(reason: "return" | "cancel" | "garbage"): void {
    this.span.setAttribute(`${HH_ATTR.metadata}.stream_abandoned`, reason);
    if (this.captureOutputs && this.chunkCount > 0) this.setStreamOutputs(undefined);
    this.finish();
  }

  private setOutputs(value: unknown, kind: ResultKind): void {
    if (kind === "value" || kind === "promise") {
      if (value !== undefined)
        this.span.setAttribute(HH_ATTR.outputs, captureJson({ result: value }, this.core.limits));
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

  private finish(): void {
    this.span.end();
    this.onDone();
  }
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

function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error) return error.message || error.name;
    if (typeof error === "string") return error;
    return captureJson(error);
  } catch {
    return "error";
  }
}

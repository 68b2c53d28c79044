/**
 * The span of one model call, whatever the provider: GenAI attributes in, one
 * end out. Provider code describes requests and responses through it and
 * never touches OpenTelemetry directly, so every provider gets the same
 * error, abandonment, time-to-first-token and flush behaviour.
 */
import { GEN_AI, HH_ATTR, OTEL_GENERAL } from "@honeyhive-ts/semconv";
import {
  type Attributes,
  type AttributeValue,
  type Context,
  createContextKey,
  trace as otelTrace,
  type Span,
  SpanKind,
} from "@opentelemetry/api";
import { captureJson } from "../capture/index.js";
import { writeOwnAttribute, writeOwnStartAttributes } from "../internal/span-attributes.js";
import type { AbandonReason } from "../trace/result/index.js";
import { recordError } from "../trace/span-observer.js";
import type { GenAIMessage, Part } from "./parts.js";
import type { CallTarget } from "./targets.js";

/** Set in the context of an instrumented call: a nested instrumented call (wrapper of a wrapper) records nothing. */
export const IN_MODEL_CALL = createContextKey("honeyhive model call");

/** Every model span's first attribute. */
const MODEL_HEAD: Attributes = { [HH_ATTR.eventType]: "model" };
const TIME_TO_FIRST_TOKEN = `${HH_ATTR.metrics}.time_to_first_token_ms`;
const STREAM_ABANDONED = `${HH_ATTR.metadata}.stream_abandoned`;

export class ModelSpan {
  readonly span: Span;
  /** The context the provider call runs in: the span is its active span. */
  readonly context: Context;
  readonly recordInputs: boolean;
  readonly recordOutputs: boolean;
  private readonly startedAt = performance.now();
  private tokenSeen = false;
  private ended = false;

  constructor(
    private readonly target: CallTarget,
    name: string,
    attributes: Attributes,
    parent: Context,
  ) {
    this.span = target.core.otel.startSpan(name, { kind: SpanKind.CLIENT }, parent);
    writeOwnStartAttributes(this.span, MODEL_HEAD, attributes);
    this.context = otelTrace.setSpan(parent, this.span).setValue(IN_MODEL_CALL, true);
    const recording = this.span.isRecording();
    this.recordInputs = recording && target.recordInputs;
    this.recordOutputs = recording && target.recordOutputs;
    if (recording) target.core.pending.add(this.id, otelTrace.getSpan(parent)?.spanContext().spanId);
  }

  get recording(): boolean {
    return !this.ended && this.span.isRecording();
  }

  /** Sets the attribute unless the value is missing (undefined, null, NaN, empty list). */
  set(key: string, value: unknown): void {
    const v = attributeValue(value);
    if (v !== undefined) writeOwnAttribute(this.span, key, v);
  }

  /** A JSON attribute (messages, tool definitions), through the capture limits. */
  json(key: string, value: unknown): void {
    if (value !== undefined) writeOwnAttribute(this.span, key, captureJson(value, this.target.core.limits));
  }

  /** The prompt: system instructions (only when there are some) and the input messages. */
  prompt(system: readonly Part[], messages: readonly GenAIMessage[]): void {
    if (system.length > 0) this.json(GEN_AI.systemInstructions, system);
    this.json(GEN_AI.inputMessages, messages);
  }

  /** The first token (or first piece of output) of a stream arrived. */
  firstToken(): void {
    if (this.tokenSeen) return;
    this.tokenSeen = true;
    const ms = Math.round((performance.now() - this.startedAt) * 1000) / 1000;
    writeOwnAttribute(this.span, TIME_TO_FIRST_TOKEN, ms);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.span.end();
    this.target.core.pending.delete(this.id);
  }

  /** The provider call failed: the exception, HoneyHive's error, and the provider's error type and status. */
  fail(error: unknown, details: ErrorDetails = {}): void {
    if (this.ended) return;
    recordError(this.span, error);
    this.set(OTEL_GENERAL.errorType, details.type ?? (error instanceof Error ? error.name : "error"));
    this.set(OTEL_GENERAL.httpStatusCode, details.status);
    this.end();
  }

  /** The caller stopped reading a stream: what arrived so far is kept. */
  abandon(reason: AbandonReason): void {
    if (this.ended) return;
    this.span.setAttribute(STREAM_ABANDONED, reason);
    this.end();
  }

  private get id(): string {
    return this.span.spanContext().spanId;
  }
}

export interface ErrorDetails {
  /** The provider's own error type (`rate_limit_error`, `invalid_request_error`, ...). */
  type?: string | undefined;
  status?: number | undefined;
}

function attributeValue(value: unknown): AttributeValue | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : undefined;
    case "object":
      if (!Array.isArray(value) || value.length === 0) return undefined;
      // Copies: the caller's arrays (stop sequences, ...) may change after the call.
      if (value.every((v) => typeof v === "string")) return value.slice() as string[];
      if (value.every((v) => typeof v === "number" && Number.isFinite(v))) return value.slice() as number[];
      return undefined;
    default:
      return undefined;
  }
}

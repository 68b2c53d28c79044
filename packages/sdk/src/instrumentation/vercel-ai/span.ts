/**
 * One span of the Vercel AI SDK's own telemetry, recorded by a HoneyHive
 * tracer. The AI SDK decides when spans start and end and what they carry;
 * this wrapper gives them what every HoneyHive event needs: the event type
 * (`model` for the provider calls `ai.*.doGenerate` / `doStream` / `doEmbed`,
 * `tool` for `ai.toolCall`, `chain` for the rest), the current GenAI
 * attributes (operation, provider, messages, tool definitions, usage, time
 * to first token), the provider's error type and status, and an end when
 * the caller abandons a stream. Content the tracer must not record is
 * dropped here, whatever the AI SDK was told.
 */
import { GEN_AI, GEN_AI_OPERATIONS, HH_ATTR, OTEL_GENERAL } from "@honeyhive-ts/semconv";
import {
  type Attributes,
  type AttributeValue,
  type Context,
  type Exception,
  type Link,
  trace as otelTrace,
  type Span,
  type SpanContext,
  SpanKind,
  type SpanOptions,
  type SpanStatus,
  type TimeInput,
} from "@opentelemetry/api";
import { captureJson } from "../../capture/index.js";
import type { AbandonReason } from "../../trace/result/index.js";
import type { CallTarget } from "../targets.js";
import {
  type ModelOutput,
  outputMessages,
  parseJsonText,
  promptMessages,
  toolDefinitions,
} from "./messages.js";

export type VercelSpanKind = "model" | "tool" | "chain";

/** The provider-call spans and their `gen_ai.operation.name`. */
const MODEL_OPERATIONS: Readonly<Record<string, string>> = {
  "ai.generateText.doGenerate": GEN_AI_OPERATIONS.chat,
  "ai.streamText.doStream": GEN_AI_OPERATIONS.chat,
  "ai.generateObject.doGenerate": GEN_AI_OPERATIONS.chat,
  "ai.streamObject.doStream": GEN_AI_OPERATIONS.chat,
  "ai.embed.doEmbed": GEN_AI_OPERATIONS.embeddings,
  "ai.embedMany.doEmbed": GEN_AI_OPERATIONS.embeddings,
};

/** Usage attributes of the AI SDK and their GenAI names (the AI SDK writes input and output tokens under both). */
const USAGE: Readonly<Record<string, string>> = {
  "ai.usage.inputTokens": GEN_AI.inputTokens,
  "ai.usage.outputTokens": GEN_AI.outputTokens,
  "ai.usage.totalTokens": GEN_AI.totalTokens,
  "ai.usage.cachedInputTokens": GEN_AI.cacheReadInputTokens,
  "ai.usage.reasoningTokens": GEN_AI.reasoningOutputTokens,
  "ai.usage.tokens": GEN_AI.inputTokens,
};

const INPUT_KEYS = new Set(["ai.prompt", "ai.prompt.messages", "ai.prompt.tools", "ai.value", "ai.values"]);
const OUTPUT_PREFIXES = [
  "ai.response.text",
  "ai.response.object",
  "ai.response.toolCalls",
  "ai.response.reasoning",
];
/** Embedding vectors: never recorded (they outweigh the rest of a trace); their count and size are. */
const VECTOR_KEYS = new Set(["ai.embedding", "ai.embeddings"]);
const TOOL_INPUT_KEYS = new Set(["ai.toolCall.args", "ai.toolCall.input"]);
const TOOL_OUTPUT_KEYS = new Set(["ai.toolCall.result", "ai.toolCall.output"]);

/** The spans of one call that have not ended, so an abandoned stream can end them. */
export class OpenSpans {
  private readonly spans = new Set<VercelSpan>();

  add(span: VercelSpan): void {
    this.spans.add(span);
  }

  delete(span: VercelSpan): void {
    this.spans.delete(span);
  }

  /** The caller stopped reading the call's stream: what arrived so far is kept and the spans end. */
  abandon(reason: AbandonReason): void {
    for (const span of [...this.spans].reverse()) span.abandon(reason);
  }
}

/**
 * A span whose wrapper was collected unended (its call's streams were dropped
 * unread, so the AI SDK will never end it) ends as abandoned. Holds only what
 * ends the span, never the wrapper.
 */
const unended = new FinalizationRegistry<() => void>((end) => end());

function endWhenCollected(inner: Span, target: CallTarget, kind: VercelSpanKind): () => void {
  return () => {
    if (!inner.isRecording()) return;
    inner.setAttribute(`${HH_ATTR.metadata}.stream_abandoned`, "garbage");
    inner.end();
    if (kind === "model") target.core.pending.delete(inner.spanContext().spanId);
  };
}

export function vercelSpanKind(name: string): VercelSpanKind {
  if (Object.hasOwn(MODEL_OPERATIONS, name)) return "model";
  return name === "ai.toolCall" ? "tool" : "chain";
}

export class VercelSpan implements Span {
  readonly kind: VercelSpanKind;
  private readonly inner: Span;
  private readonly output: ModelOutput = {};
  private ended = false;

  constructor(
    private readonly target: CallTarget,
    name: string,
    options: SpanOptions,
    parent: Context,
    private readonly open: OpenSpans | undefined,
  ) {
    this.kind = vercelSpanKind(name);
    const own: Attributes = { [HH_ATTR.eventType]: this.kind };
    if (this.kind === "model") own[GEN_AI.operationName] = MODEL_OPERATIONS[name];
    if (this.kind === "tool") own[GEN_AI.operationName] = GEN_AI_OPERATIONS.executeTool;
    this.inner = target.core.otel.startSpan(
      name,
      { ...options, kind: this.kind === "model" ? SpanKind.CLIENT : SpanKind.INTERNAL, attributes: own },
      parent,
    );
    if (options.attributes) this.setAttributes(options.attributes);
    open?.add(this);
    if (this.inner.isRecording())
      unended.register(this, endWhenCollected(this.inner, target, this.kind), this);
    if (this.kind === "model" && this.inner.isRecording())
      target.core.pending.add(this.id, parentSpanId(parent));
  }

  spanContext(): SpanContext {
    return this.inner.spanContext();
  }

  setAttribute(key: string, value: AttributeValue): this {
    if (!this.ended && value !== undefined && value !== null) this.translate(key, value);
    return this;
  }

  setAttributes(attributes: Attributes): this {
    if (this.ended) return this;
    for (const [key, value] of Object.entries(attributes))
      if (value !== undefined && value !== null) this.translate(key, value);
    return this;
  }

  addEvent(name: string, attributesOrStartTime?: Attributes | TimeInput, startTime?: TimeInput): this {
    this.inner.addEvent(name, attributesOrStartTime, startTime);
    return this;
  }

  addLink(link: Link): this {
    this.inner.addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    this.inner.addLinks(links);
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.inner.setStatus(status);
    return this;
  }

  updateName(name: string): this {
    this.inner.updateName(name);
    return this;
  }

  isRecording(): boolean {
    return !this.ended && this.inner.isRecording();
  }

  recordException(exception: Exception, time?: TimeInput): void {
    this.inner.recordException(exception, time);
    const name = typeof exception === "object" && exception !== null ? exception.name : undefined;
    if (name) this.inner.setAttribute(HH_ATTR.errorType, name);
  }

  /** The provider's error (the AI SDK records only its name and message): its type and HTTP status. */
  providerError(error: unknown): void {
    if (this.ended || error === null || typeof error !== "object") return;
    // biome-ignore lint/suspicious/noExplicitAny: APICallError and look-alikes, read defensively
    const e = error as any;
    const data = e.data ?? parseJsonText(e.responseBody);
    const type = [data?.error?.type, data?.error?.code, data?.type, e.name].find(
      (t): t is string => typeof t === "string" && t !== "",
    );
    if (type) this.inner.setAttribute(OTEL_GENERAL.errorType, type);
    if (typeof e.statusCode === "number") this.inner.setAttribute(OTEL_GENERAL.httpStatusCode, e.statusCode);
  }

  end(endTime?: TimeInput): void {
    if (this.ended) return;
    if (this.kind === "model" && this.target.recordOutputs) {
      const messages = outputMessages(this.output);
      if (messages) this.json(GEN_AI.outputMessages, messages);
    }
    this.ended = true;
    unended.unregister(this);
    this.inner.end(endTime);
    this.open?.delete(this);
    if (this.kind === "model") this.target.core.pending.delete(this.id);
  }

  abandon(reason: AbandonReason): void {
    if (this.ended) return;
    this.inner.setAttribute(`${HH_ATTR.metadata}.stream_abandoned`, reason);
    this.end();
  }

  private get id(): string {
    return this.inner.spanContext().spanId;
  }

  private json(key: string, value: unknown): void {
    this.inner.setAttribute(key, captureJson(value, this.target.core.limits));
  }

  /** One attribute of the AI SDK, as HoneyHive records it. */
  private translate(key: string, value: AttributeValue): void {
    if (VECTOR_KEYS.has(key)) {
      this.vectors(value);
      return;
    }
    if (INPUT_KEYS.has(key) || TOOL_INPUT_KEYS.has(key)) {
      if (!this.target.recordInputs) return;
    } else if (OUTPUT_PREFIXES.includes(key) || TOOL_OUTPUT_KEYS.has(key)) {
      if (!this.target.recordOutputs) return;
    }
    if (key === "ai.value" || key === "ai.values") {
      const values = Array.isArray(value) ? value.map(parseJsonText) : parseJsonText(value);
      this.json(HH_ATTR.inputs, { input: values });
      return;
    }
    if (key === "ai.model.provider" && typeof value === "string")
      this.inner.setAttribute(GEN_AI.providerName, value.split(".")[0] || value);
    if (
      (key === "ai.response.msToFirstChunk" || key === "ai.stream.msToFirstChunk") &&
      typeof value === "number"
    )
      this.inner.setAttribute(`${HH_ATTR.metrics}.time_to_first_token_ms`, value);
    if (this.kind === "model" && this.translateModel(key, value)) return;
    this.inner.setAttribute(key, value);
  }

  /** Model spans: content as GenAI messages, usage under GenAI names. True when the original is replaced. */
  private translateModel(key: string, value: AttributeValue): boolean {
    switch (key) {
      case "ai.prompt.messages": {
        const { system, messages } = promptMessages(value);
        if (system.length > 0) this.json(GEN_AI.systemInstructions, system);
        this.json(GEN_AI.inputMessages, messages);
        return true;
      }
      case "ai.prompt.tools": {
        const tools = toolDefinitions(value);
        if (tools) this.json(GEN_AI.toolDefinitions, tools);
        return true;
      }
      case "ai.response.text":
      case "ai.response.object":
        this.output.text = typeof value === "string" ? value : JSON.stringify(value);
        return true;
      case "ai.response.toolCalls":
        this.output.toolCalls = value;
        return true;
      case "ai.response.finishReason":
        this.output.finishReason = String(value);
        this.inner.setAttribute(GEN_AI.responseFinishReasons, [String(value)]);
        return true;
    }
    const usage = USAGE[key];
    if (usage === undefined) return false;
    this.inner.setAttribute(usage, value);
    return true;
  }

  private vectors(value: AttributeValue): void {
    const list = Array.isArray(value) ? value : [value];
    const first = parseJsonText(list[0]);
    this.inner.setAttribute(`${HH_ATTR.metadata}.embedding_count`, list.length);
    if (Array.isArray(first)) this.inner.setAttribute(GEN_AI.embeddingsDimensionCount, first.length);
  }
}

function parentSpanId(parent: Context): string | undefined {
  return otelTrace.getSpan(parent)?.spanContext().spanId;
}

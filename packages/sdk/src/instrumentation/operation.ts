/**
 * What a provider instrumentation describes for one client method; the
 * generic wrappers (stainless.ts, later others) do the rest.
 */
import type { ErrorDetails, ModelSpan } from "./model-span.js";
import type { ProviderInfo } from "./provider.js";

// biome-ignore lint/suspicious/noExplicitAny: request bodies are the provider's, described by each operation
export type Params = any;

export interface StreamAssembler {
  /** Told every chunk in order; returns false to hide it from the caller (a chunk only the instrumentation asked for). */
  add(chunk: unknown): boolean;
  /** Writes the assembled output and usage; called once, however the stream ended. */
  finish(): void;
}

export interface Operation {
  /** `gen_ai.operation.name`. */
  operation: string;
  /** The request model, for the span name `{operation} {model}`. */
  model(params: Params): string | undefined;
  /**
   * The params to send instead of the caller's (a copy, e.g. asking a stream
   * for its usage), or the same object. Called before the span starts.
   */
  prepare?(params: Params, provider: ProviderInfo): Params;
  /** Request attributes and, when `span.recordInputs`, content. */
  request(params: Params, span: ModelSpan): void;
  /** A complete response. */
  response(result: unknown, span: ModelSpan): void;
  /** An assembler for a streamed response; `sent` is what `prepare` returned. */
  stream(span: ModelSpan, params: Params, sent: Params): StreamAssembler;
  /** The provider's error type and status, for clients whose errors do not have the Stainless `APIError` shape. */
  errorDetails?(error: unknown): ErrorDetails | undefined;
}

import type { InstrumentationBase } from "@opentelemetry/instrumentation";
import type { HoneyHiveTracer } from "../tracer/honeyhive-tracer.js";

export interface InstrumentOptions {
  /** Report to this tracer (default: the tracer of the call's context, else the default tracer). */
  tracer?: HoneyHiveTracer;
  /** Name the provider instead of deriving it from the client's base URL (e.g. a proxy in front of OpenAI). */
  providerName?: string;
}

/**
 * One LLM client package: its module hook, and how to trace one client
 * instance without hooks. Later providers (Anthropic, Google, Bedrock, ...)
 * add an entry to `INTEGRATIONS`.
 */
export interface Integration {
  /** The name used in the tracer's `instrumentations` option. */
  name: string;
  /** Module names the ESM loader must intercept. */
  modules: readonly string[];
  /** A new, disabled OpenTelemetry instrumentation for the module hook. */
  create(): InstrumentationBase;
  matchesClient(client: unknown): boolean;
  instrumentClient(client: object, options: InstrumentOptions): void;
}

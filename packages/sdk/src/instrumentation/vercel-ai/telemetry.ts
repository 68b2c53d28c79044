/**
 * `experimental_telemetry` settings that send the Vercel AI SDK's spans to
 * HoneyHive: made per call by the module hook, or written by the caller
 * (`experimental_telemetry: honeyhiveTelemetry()`) where modules cannot be
 * hooked (bundlers, Next.js, edge runtimes).
 */
import type { AttributeValue, Tracer } from "@opentelemetry/api";
import type { HoneyHiveTracer } from "../../tracer/honeyhive-tracer.js";
import { resolveTracer } from "../../tracer/registry.js";
import { type CallTarget, targetFor } from "../targets.js";
import { VercelTelemetryTracer } from "./tracer.js";

export const VERCEL_AI_INSTRUMENTATION = "vercel-ai";

/** The AI SDK's `TelemetrySettings`, as far as HoneyHive fills them. */
export interface VercelTelemetrySettings {
  isEnabled: boolean;
  recordInputs?: boolean;
  recordOutputs?: boolean;
  functionId?: string;
  metadata?: Record<string, AttributeValue>;
  tracer?: Tracer;
}

export interface HoneyHiveTelemetryOptions {
  /** Report to this tracer (default: the tracer of each call's context, else the default tracer). */
  tracer?: HoneyHiveTracer;
  /** The AI SDK's `functionId`: names the call's spans (`ai.generateText myFunction`). */
  functionId?: string;
  /** The AI SDK's telemetry metadata (`ai.telemetry.metadata.*`, kept in the event's metadata). */
  metadata?: Record<string, AttributeValue>;
}

/**
 * Telemetry settings for one AI SDK call, traced by HoneyHive without module
 * hooks: `generateText({ model, prompt, experimental_telemetry: honeyhiveTelemetry() })`.
 * Never throws; a call made while no tracer is set up records nothing.
 */
export function honeyhiveTelemetry(options: HoneyHiveTelemetryOptions = {}): VercelTelemetrySettings {
  const target = (): CallTarget | undefined => {
    const tracer = resolveTracer(options.tracer);
    return tracer ? targetFor(VERCEL_AI_INSTRUMENTATION, tracer) : undefined;
  };
  let now: CallTarget | undefined;
  try {
    now = target();
  } catch {
    now = undefined;
  }
  return {
    isEnabled: true,
    recordInputs: now?.recordInputs ?? true,
    recordOutputs: now?.recordOutputs ?? true,
    ...(options.functionId !== undefined ? { functionId: options.functionId } : {}),
    ...(options.metadata !== undefined ? { metadata: options.metadata } : {}),
    tracer: new VercelTelemetryTracer(() => {
      try {
        return target();
      } catch {
        return undefined;
      }
    }),
  };
}

import { context } from "@opentelemetry/api";
import { tracerIdFromContext } from "../session/session.js";
import type { HoneyHiveTracer } from "./honeyhive-tracer.js";

/** Every live tracer by id, and the default one that free functions fall back to. */
const tracers = new Map<string, HoneyHiveTracer>();
let defaultTracer: HoneyHiveTracer | undefined;

export function register(tracer: HoneyHiveTracer, makeDefault: boolean): void {
  tracers.set(tracer.id, tracer);
  if (makeDefault || defaultTracer === undefined) defaultTracer = tracer;
}

export function unregister(tracer: HoneyHiveTracer): void {
  tracers.delete(tracer.id);
  if (defaultTracer === tracer) defaultTracer = tracers.values().next().value;
}

export function setDefaultTracer(tracer: HoneyHiveTracer | undefined): void {
  defaultTracer = tracer;
}

export function getDefaultTracer(): HoneyHiveTracer | undefined {
  return defaultTracer;
}

export function liveTracers(): HoneyHiveTracer[] {
  return [...tracers.values()];
}

/** Explicit argument, then the tracer that owns the active context (or named in baggage), then the default. */
export function resolveTracer(explicit?: HoneyHiveTracer): HoneyHiveTracer | undefined {
  if (explicit) return explicit;
  if (tracers.size <= 1) return defaultTracer;
  const id = tracerIdFromContext(context.active());
  return (id !== undefined ? tracers.get(id) : undefined) ?? defaultTracer;
}

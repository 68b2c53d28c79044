/**
 * Which tracer an instrumented call reports to, and how. Module hooks are
 * process-wide while tracers are not, so the tracer is chosen per call (the
 * one owning the active context, else the default; `instrument(client,
 * {tracer})` pins one) and its own settings decide what is recorded.
 */
import { coreOf, type TracerCore } from "../tracer/core.js";
import type { HoneyHiveTracer } from "../tracer/honeyhive-tracer.js";
import { resolveTracer } from "../tracer/registry.js";

export interface InstrumentationSettings {
  /** Names of the instrumentations this tracer wants, or undefined for all. */
  enabled: ReadonlySet<string> | undefined;
  recordInputs: boolean;
  recordOutputs: boolean;
}

/** Where one instrumented call goes. */
export interface CallTarget {
  core: TracerCore;
  recordInputs: boolean;
  recordOutputs: boolean;
}

const ALL: InstrumentationSettings = { enabled: undefined, recordInputs: true, recordOutputs: true };
const settings = new WeakMap<HoneyHiveTracer, InstrumentationSettings>();

export function configureTracer(tracer: HoneyHiveTracer, value: InstrumentationSettings): void {
  settings.set(tracer, value);
}

/**
 * The target of a call made through instrumentation `name`, or undefined when
 * nothing should be recorded (no live tracer, tracing off, or the tracer did
 * not enable this instrumentation; an explicitly pinned tracer always records).
 */
export function targetFor(name: string, pinned: HoneyHiveTracer | undefined): CallTarget | undefined {
  const tracer = resolveTracer(pinned);
  if (!tracer?.enabled) return undefined;
  const s = settings.get(tracer) ?? ALL;
  if (pinned === undefined && s.enabled !== undefined && !s.enabled.has(name)) return undefined;
  const core = coreOf(tracer);
  return core ? { core, recordInputs: s.recordInputs, recordOutputs: s.recordOutputs } : undefined;
}

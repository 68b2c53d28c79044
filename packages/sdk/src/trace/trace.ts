import type { Attributes } from "@opentelemetry/api";
import { captureArgs, captureJson, parameterNames } from "../capture/index.js";
import { type InlineEvaluationOptions, inlineEvaluation } from "../evaluation/inline.js";
import { coreOf } from "../tracer/core.js";
import type { HoneyHiveTracer } from "../tracer/honeyhive-tracer.js";
import { resolveTracer } from "../tracer/registry.js";
import { type CallSpec, type EventKind, runTraced } from "./traced-call.js";

export interface TraceOptions extends InlineEvaluationOptions {
  /** Event name (default: the function's name). */
  name?: string;
  /** `model`, `tool` or `chain` (default: left to the server, which says `tool`). */
  eventType?: EventKind;
  /** The tracer to use (default: the one owning the current context, else the default tracer). */
  tracer?: HoneyHiveTracer;
  metadata?: Record<string, unknown>;
  config?: Record<string, unknown>;
  /** Extra span attributes. */
  attributes?: Attributes;
  /** Record the arguments as inputs (default: the tracer's `captureInputs`). */
  captureInputs?: boolean;
  /** Record the result as outputs (default: the tracer's `captureOutputs`). */
  captureOutputs?: boolean;
  /** Build the inputs yourself from the arguments (e.g. to leave out a secret). */
  mapInputs?: (...args: never[]) => unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: any function shape is traceable
type AnyFunction = (this: any, ...args: any[]) => any;

type MethodDecorator = <F extends AnyFunction>(value: F, context: ClassMethodDecoratorContext) => F;

/**
 * Trace a function: `trace(fn, options)` returns a function of the same type
 * that records a span per call. Used as a decorator it traces a method:
 * `@trace()`, `@trace({ eventType: "model" })` or plain `@trace`.
 */
export function trace<F extends AnyFunction>(fn: F, options?: TraceOptions | string): F;
export function trace<F extends AnyFunction>(fn: F, context: ClassMethodDecoratorContext): F;
export function trace(options?: TraceOptions | string): MethodDecorator;
export function trace(
  first?: AnyFunction | TraceOptions | string,
  second?: TraceOptions | string | ClassMethodDecoratorContext,
): unknown {
  if (typeof first === "function") {
    if (isMethodContext(second)) return wrapFunction(first, { name: String(second.name) });
    return wrapFunction(first, normalize(second));
  }
  const options = normalize(first);
  return (value: AnyFunction, context: ClassMethodDecoratorContext) =>
    wrapFunction(value, { name: String(context.name), ...options });
}

/** `trace` with `eventType: "model"`. */
export function traceModel<F extends AnyFunction>(
  fn: F,
  options?: Omit<TraceOptions, "eventType"> | string,
): F {
  return wrapFunction(fn, { ...normalize(options), eventType: "model" });
}

/** `trace` with `eventType: "tool"`. */
export function traceTool<F extends AnyFunction>(
  fn: F,
  options?: Omit<TraceOptions, "eventType"> | string,
): F {
  return wrapFunction(fn, { ...normalize(options), eventType: "tool" });
}

/** `trace` with `eventType: "chain"`. */
export function traceChain<F extends AnyFunction>(
  fn: F,
  options?: Omit<TraceOptions, "eventType"> | string,
): F {
  return wrapFunction(fn, { ...normalize(options), eventType: "chain" });
}

/**
 * Class decorator: traces every method of the prototype (not getters, setters
 * or the constructor), named `Class.method`.
 */
export function traceClass(options?: Omit<TraceOptions, "name">) {
  // biome-ignore lint/suspicious/noExplicitAny: any class
  return <C extends abstract new (...args: any[]) => any>(value: C, context: ClassDecoratorContext<C>): C => {
    const className = String(context.name ?? value.name);
    const proto = value.prototype as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === "constructor") continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (!descriptor || typeof descriptor.value !== "function" || !descriptor.writable) continue;
      if ((descriptor.value as { [TRACED]?: boolean })[TRACED]) continue;
      Object.defineProperty(proto, key, {
        ...descriptor,
        value: wrapFunction(descriptor.value as AnyFunction, { ...options, name: `${className}.${key}` }),
      });
    }
    return value;
  };
}

const TRACED = Symbol.for("honeyhive.traced");

function wrapFunction<F extends AnyFunction>(fn: F, options: TraceOptions): F {
  if (typeof fn !== "function") return fn;
  const spec: CallSpec = {
    name: options.name ?? (fn.name || "anonymous"),
    eventType: options.eventType,
    inputs: (args, core) => inputsOf(fn, args, options, core.limits),
    captureInputs: options.captureInputs,
    captureOutputs: options.captureOutputs,
    metadata: options.metadata,
    config: options.config,
    attributes: options.attributes,
    evaluation: inlineEvaluation(options, options.metadata, (args) => evaluatorInputs(fn, args, options)),
  };
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const core = coreOf(resolveTracer(options.tracer));
    if (!core?.enabled) return fn.apply(this, args);
    return runTraced(core, spec, args, () => fn.apply(this, args));
  };
  Object.defineProperty(wrapped, "name", { value: fn.name, configurable: true });
  Object.defineProperty(wrapped, "length", { value: fn.length, configurable: true });
  Object.defineProperty(wrapped, TRACED, { value: true });
  return wrapped as F;
}

/** The inputs as JSON: named arguments, or what `mapInputs` made of them. */
function inputsOf(
  fn: AnyFunction,
  args: readonly unknown[],
  options: TraceOptions,
  limits: object,
): string | undefined {
  if (options.mapInputs)
    return captureJson((options.mapInputs as (...a: unknown[]) => unknown)(...args), limits);
  if (args.length === 0) return undefined;
  return JSON.stringify(captureArgs(args, parameterNames(fn), limits));
}

/** What inline evaluators see as `input`: the arguments by parameter name (or what `mapInputs` made of them), uncaptured. */
function evaluatorInputs(
  fn: AnyFunction,
  args: readonly unknown[],
  options: TraceOptions,
): Record<string, unknown> {
  if (options.mapInputs) {
    const mapped = (options.mapInputs as (...a: unknown[]) => unknown)(...args);
    return mapped !== null && typeof mapped === "object"
      ? (mapped as Record<string, unknown>)
      : { input: mapped };
  }
  const names = parameterNames(fn);
  return Object.fromEntries(args.map((arg, i) => [names[i] ?? `arg${i}`, arg]));
}

function normalize(options: TraceOptions | string | undefined): TraceOptions {
  if (typeof options === "string") return { name: options };
  return options ?? {};
}

function isMethodContext(value: unknown): value is ClassMethodDecoratorContext {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { kind?: unknown }).kind === "method" &&
    typeof (value as { addInitializer?: unknown }).addInitializer === "function"
  );
}

/**
 * The AI SDK's entry points (`generateText`, `streamText`, `generateObject`,
 * `streamObject`, `embed`, `embedMany`) with HoneyHive telemetry turned on
 * per call when the caller did not configure telemetry of its own. The
 * arguments are the caller's plus the telemetry settings; the result is the
 * AI SDK's own object. A streamed result's streams are observed so that a
 * stream the caller abandons still ends the call's spans (the AI SDK ends
 * them only when the stream is read to the end).
 */
import { context } from "@opentelemetry/api";
import { isTracingSuppressed } from "@opentelemetry/core";
import { createLogger } from "../../internal/logger.js";
import { observeResult } from "../../trace/result/index.js";
import { internalError } from "../internal-errors.js";
import { IN_MODEL_CALL } from "../model-span.js";
import { type CallTarget, targetFor } from "../targets.js";
import { reportingModel } from "./model.js";
import { OpenSpans } from "./span.js";
import { VERCEL_AI_INSTRUMENTATION, type VercelTelemetrySettings } from "./telemetry.js";
import { VercelTelemetryTracer } from "./tracer.js";

export const AI_FUNCTIONS = [
  "generateText",
  "streamText",
  "generateObject",
  "streamObject",
  "embed",
  "embedMany",
] as const;

/** Getters of `streamText` / `streamObject` results that hand out a stream of the answer. */
const STREAM_GETTERS = [
  "textStream",
  "fullStream",
  "partialObjectStream",
  "elementStream",
  "partialOutputStream",
  "experimental_partialOutputStream",
];

type AiFunction = (this: unknown, ...args: unknown[]) => unknown;

const traced = new WeakSet<AiFunction>();
const fallbackLogger = createLogger(false);

export function isTracedAiFunction(fn: unknown): boolean {
  return typeof fn === "function" && traced.has(fn as AiFunction);
}

/** `original` (one of {@link AI_FUNCTIONS}) with HoneyHive telemetry: same arguments otherwise, same result. */
export function tracedAiFunction(name: string, original: AiFunction): AiFunction {
  const streaming = name === "streamText" || name === "streamObject";
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const call = prepare(args[0]);
    if (call === undefined) return Reflect.apply(original, this, args);
    const result = Reflect.apply(original, this, [call.params, ...args.slice(1)]);
    if (streaming) observeStreams(result, call.open, call.target);
    return result;
  };
  traced.add(wrapped);
  return wrapped;
}

interface PreparedCall {
  // biome-ignore lint/suspicious/noExplicitAny: the AI SDK's call options
  params: any;
  open: OpenSpans;
  target: CallTarget;
}

function prepare(params: unknown): PreparedCall | undefined {
  const parent = context.active();
  if (params === null || typeof params !== "object") return undefined;
  if (isTracingSuppressed(parent) || parent.getValue(IN_MODEL_CALL) === true) return undefined;
  try {
    const given = (params as { experimental_telemetry?: Partial<VercelTelemetrySettings> })
      .experimental_telemetry;
    // The caller's own telemetry (its tracer, or telemetry turned off) is left as it is.
    if (given?.tracer !== undefined || given?.isEnabled === false) return undefined;
    const target = targetFor(VERCEL_AI_INSTRUMENTATION, undefined);
    if (target === undefined) return undefined;
    const open = new OpenSpans();
    const telemetry: VercelTelemetrySettings = {
      ...given,
      isEnabled: true,
      recordInputs: target.recordInputs && given?.recordInputs !== false,
      recordOutputs: target.recordOutputs && given?.recordOutputs !== false,
      tracer: new VercelTelemetryTracer(() => target, open),
    };
    const model = (params as { model?: unknown }).model;
    return {
      params: {
        ...params,
        experimental_telemetry: telemetry,
        ...(model ? { model: reportingModel(model) } : {}),
      },
      open,
      target,
    };
  } catch (err) {
    internalError(fallbackLogger, "vercel-ai call", err);
    return undefined;
  }
}

/**
 * Each stream the caller takes from the result is handed out observed: when
 * the caller stops reading one (break, cancel, or drops it unread), the
 * call's spans still open end, marked abandoned. Reading to the end changes nothing.
 */
function observeStreams(result: unknown, open: OpenSpans, target: CallTarget): void {
  if (result === null || typeof result !== "object") return;
  try {
    for (const key of STREAM_GETTERS) {
      const getter = findGetter(result, key);
      if (getter === undefined) continue;
      Object.defineProperty(result, key, {
        get(this: unknown) {
          const stream = Reflect.apply(getter, this, []);
          return observeResult(
            stream,
            {
              firstChunk: () => {},
              chunk: () => {},
              complete: () => {},
              fail: () => {},
              abandon: (reason) => open.abandon(reason),
            },
            {
              run: (fn) => fn(),
              onObserverError: (err) => internalError(target.core.logger, "vercel-ai stream", err),
            },
          );
        },
        configurable: true,
        enumerable: false,
      });
    }
  } catch (err) {
    internalError(target.core.logger, "vercel-ai stream", err);
  }
}

function findGetter(object: object, key: string): (() => unknown) | undefined {
  for (let o: object | null = object; o !== null; o = Object.getPrototypeOf(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, key);
    if (descriptor) return descriptor.get;
  }
  return undefined;
}

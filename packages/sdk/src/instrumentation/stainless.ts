/**
 * Traced methods of Stainless-generated clients (openai, and the same
 * generator's anthropic, groq, together, ... packages): `create(params,
 * options)` returns an `APIPromise` whose helpers (`withResponse()`,
 * `asResponse()`, `_thenUnwrap`) must keep working, and whose value may be a
 * `Stream`. The caller gets the very same objects back; they are observed
 * through small own-property hooks:
 *
 * - `parseResponse` (used by `then`, `parse`, `withResponse` and derived
 *   promises) sees the parsed value: a response ends the span, a stream is
 *   observed until it ends, errors, or is abandoned;
 * - `responsePromise` rejecting (HTTP errors, after the client's retries) fails the span;
 * - a caller that only takes the raw `Response` (`asResponse()`) ends the span
 *   when the response arrives; a promise dropped unread ends it when collected.
 */
import { GEN_AI, OTEL_GENERAL } from "@honeyhive-ts/semconv";
import { context } from "@opentelemetry/api";
import { isTracingSuppressed } from "@opentelemetry/core";
import { createLogger, type Logger } from "../internal/logger.js";
import { isPromiseLike, observeResult, type ResultObserver } from "../trace/result/index.js";
import type { HoneyHiveTracer } from "../tracer/honeyhive-tracer.js";
import { internalError } from "./internal-errors.js";
import { type ErrorDetails, IN_MODEL_CALL, ModelSpan } from "./model-span.js";
import type { Operation, Params, StreamAssembler } from "./operation.js";
import type { ProviderInfo } from "./provider.js";
import { targetFor } from "./targets.js";

export interface WrapOptions {
  /** The instrumentation's name (`openai`), as in the tracer's `instrumentations` option. */
  instrumentation: string;
  /** The provider behind the resource the method is called on. */
  provider(resource: unknown): ProviderInfo;
  /** Report to this tracer instead of the one chosen per call. */
  tracer?: HoneyHiveTracer | undefined;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

const wrappedMethods = new WeakSet<Method>();
const fallbackLogger = createLogger(false);

/** True for a method that is already one of these wrappers (so nothing is wrapped twice). */
export function isTracedMethod(fn: unknown): boolean {
  return typeof fn === "function" && wrappedMethods.has(fn as Method);
}

/** `original` traced as `operation`: same arguments, same return value. */
export function tracedMethod(original: Method, operation: Operation, options: WrapOptions): Method {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const call = begin(this, args, operation, options);
    if (call === undefined) return Reflect.apply(original, this, args);
    let result: unknown;
    try {
      result = context.with(call.span.context, () => Reflect.apply(original, this, call.args));
    } catch (error) {
      call.fail(error);
      throw error;
    }
    return call.observe(result);
  };
  wrappedMethods.add(wrapped);
  return wrapped;
}

function begin(resource: unknown, args: unknown[], op: Operation, options: WrapOptions): Call | undefined {
  const parent = context.active();
  if (isTracingSuppressed(parent) || parent.getValue(IN_MODEL_CALL) === true) return undefined;
  let logger = fallbackLogger;
  try {
    const target = targetFor(options.instrumentation, options.tracer);
    const params = args[0];
    if (target === undefined || params === null || typeof params !== "object") return undefined;
    logger = target.core.logger;
    const provider = options.provider(resource);
    const sent = op.prepare ? op.prepare(params, provider) : params;
    const model = op.model(params);
    const span = new ModelSpan(
      target,
      model ? `${op.operation} ${model}` : op.operation,
      {
        [GEN_AI.operationName]: op.operation,
        [GEN_AI.providerName]: provider.name,
        ...(model ? { [GEN_AI.requestModel]: model } : {}),
        ...(provider.serverAddress ? { [OTEL_GENERAL.serverAddress]: provider.serverAddress } : {}),
        ...(provider.serverPort ? { [OTEL_GENERAL.serverPort]: provider.serverPort } : {}),
      },
      parent,
    );
    if (span.recording) {
      try {
        op.request(params, span);
      } catch (err) {
        internalError(logger, `${options.instrumentation} ${op.operation} request`, err);
      }
    }
    const callArgs = sent === params ? args : [sent, ...args.slice(1)];
    return new Call(span, op, params, sent, callArgs, logger, options.instrumentation);
  } catch (err) {
    internalError(logger, `${options.instrumentation} ${op.operation}`, err);
    return undefined;
  }
}

interface ApiPromiseShape {
  parseResponse: Method;
  responsePromise: PromiseLike<unknown>;
  asResponse: Method;
  parse?: Method;
  _thenUnwrap?: Method;
}

interface StreamShape {
  iterator: Method;
  controller: unknown;
}

const isApiPromise = (value: unknown): value is ApiPromiseShape =>
  isPromiseLike(value) &&
  typeof (value as Partial<ApiPromiseShape>).parseResponse === "function" &&
  typeof (value as Partial<ApiPromiseShape>).asResponse === "function" &&
  isPromiseLike((value as Partial<ApiPromiseShape>).responsePromise);

const isStream = (value: unknown): value is StreamShape =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Partial<StreamShape>).iterator === "function" &&
  Symbol.asyncIterator in value;

/** Ends the span of a promise dropped before anything read it. Holds calls, never their promises. */
const unread = new FinalizationRegistry<Call>((call) => call.collected());

/** One traced call: its span and how far the caller got with the result. */
class Call {
  private done = false;
  private parseRequested = false;
  private rawRequested = false;

  constructor(
    readonly span: ModelSpan,
    private readonly op: Operation,
    private readonly params: Params,
    private readonly sent: Params,
    readonly args: unknown[],
    private readonly logger: Logger,
    private readonly where: string,
  ) {}

  /** Hooks the result and hands it back as it is. */
  observe(result: unknown): unknown {
    try {
      if (isApiPromise(result)) this.watchApiPromise(result);
      else if (isPromiseLike(result))
        result.then(
          (value) => this.parsed(value),
          (error: unknown) => this.fail(error),
        );
      else this.parsed(result);
    } catch (err) {
      this.internal("result", err);
      this.finish();
    }
    return result;
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.done = true;
    unread.unregister(this);
    this.span.fail(error, errorDetails(error));
  }

  collected(): void {
    if (this.done) return;
    this.done = true;
    this.span.abandon("garbage");
  }

  /** The parsed value: a response is recorded and ends the span; a stream is observed. */
  private parsed(value: unknown): unknown {
    if (this.done) return value;
    this.done = true;
    unread.unregister(this);
    try {
      if (isStream(value)) {
        this.observeStream(value);
        return value;
      }
      this.op.response(value, this.span);
    } catch (err) {
      this.internal("response", err);
    }
    this.span.end();
    return value;
  }

  private watchApiPromise(promise: ApiPromiseShape): void {
    const parseResponse = promise.parseResponse;
    const call = this;
    promise.parseResponse = function (this: unknown, ...a: unknown[]): unknown {
      return Promise.resolve(Reflect.apply(parseResponse, this, a)).then(
        (value) => call.parsed(value),
        (error: unknown) => {
          call.fail(error);
          throw error;
        },
      );
    };
    hookOwn(promise, "parse", () => {
      this.parseRequested = true;
    });
    hookOwn(promise, "_thenUnwrap", () => {
      this.parseRequested = true;
    });
    hookOwn(promise, "asResponse", () => {
      this.rawRequested = true;
    });
    promise.responsePromise.then(
      () => this.responded(),
      (error: unknown) => this.fail(error),
    );
    unread.register(promise, this, this);
  }

  /** The response arrived; a caller who only wanted the raw `Response` is served, the span ends. */
  private responded(): void {
    if (this.done || !this.rawRequested || this.parseRequested) return;
    this.finish();
  }

  private observeStream(stream: StreamShape): void {
    const assembler = this.op.stream(this.span, this.params, this.sent);
    const original = stream.iterator;
    const keep = (chunk: unknown): boolean => {
      try {
        return assembler.add(chunk);
      } catch (err) {
        this.internal("stream chunk", err);
        return true;
      }
    };
    async function* filtered(): AsyncGenerator<unknown> {
      for await (const chunk of Reflect.apply(original, stream, []) as AsyncIterable<unknown>)
        if (keep(chunk)) yield chunk;
    }
    const observed = observeResult(filtered(), this.streamObserver(assembler), RUN_DIRECTLY);
    let used = false;
    // Every way of reading a Stream (for await, tee(), toReadableStream()) calls `iterator()` once.
    stream.iterator = function (this: unknown, ...a: unknown[]): unknown {
      if (used) return Reflect.apply(original, this, a);
      used = true;
      return observed;
    };
  }

  private streamObserver(assembler: StreamAssembler): ResultObserver {
    const settle = (end: () => void) => {
      try {
        assembler.finish();
      } catch (err) {
        this.internal("stream end", err);
      }
      end();
    };
    return {
      firstChunk: () => {},
      chunk: () => {},
      complete: () => settle(() => this.span.end()),
      fail: (error) => settle(() => this.span.fail(error, errorDetails(error))),
      abandon: (reason) => settle(() => this.span.abandon(reason)),
    };
  }

  private finish(): void {
    this.done = true;
    unread.unregister(this);
    this.span.end();
  }

  private internal(what: string, err: unknown): void {
    internalError(this.logger, `${this.where} ${this.op.operation} ${what}`, err);
  }
}

const RUN_DIRECTLY = { run: <R>(fn: () => R): R => fn() };

/** An own, non-enumerable replacement of `name` that tells `before` and calls the original. */
function hookOwn(target: object, name: string, before: () => void): void {
  const original = (target as Record<string, unknown>)[name];
  if (typeof original !== "function") return;
  Object.defineProperty(target, name, {
    value: function (this: unknown, ...a: unknown[]): unknown {
      before();
      return Reflect.apply(original, this, a);
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/** The provider's error type and HTTP status, from the Stainless `APIError` shape. */
function errorDetails(error: unknown): ErrorDetails {
  if (error === null || typeof error !== "object") return {};
  const e = error as { status?: unknown; type?: unknown; code?: unknown; error?: { type?: unknown } };
  const type = [e.type, e.error?.type, e.code].find((t): t is string => typeof t === "string" && t !== "");
  return {
    type: type ?? (error instanceof Error ? error.name : undefined),
    status: typeof e.status === "number" ? e.status : undefined,
  };
}

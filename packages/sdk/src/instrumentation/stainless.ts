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
 * - methods of other clients returning a plain promise (ollama) are observed
 *   the same way, their streams being any async iterable;
 * - `responsePromise` rejecting (HTTP errors, after the client's retries) fails the span;
 * - a caller that only takes the raw `Response` (`asResponse()`) ends the span
 *   when the response arrives; a promise dropped unread ends it when collected.
 */
import { GEN_AI, OTEL_GENERAL } from "@honeyhive-ts/semconv";
import { type Attributes, context } from "@opentelemetry/api";
import { isTracingSuppressed } from "@opentelemetry/core";
import { createLogger, type Logger } from "../internal/logger.js";
import { type AbandonReason, isPromiseLike } from "../trace/result/index.js";
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
    // Set one by one: a literal with computed keys and spreads is built on V8's slow path.
    const attributes: Attributes = {
      [GEN_AI.operationName]: op.operation,
      [GEN_AI.providerName]: provider.name,
    };
    if (model) attributes[GEN_AI.requestModel] = model;
    if (provider.serverAddress) attributes[OTEL_GENERAL.serverAddress] = provider.serverAddress;
    if (provider.serverPort) attributes[OTEL_GENERAL.serverPort] = provider.serverPort;
    const span = new ModelSpan(target, model ? `${op.operation} ${model}` : op.operation, attributes, parent);
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

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === "function";

const isStream = (value: unknown): value is StreamShape =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Partial<StreamShape>).iterator === "function" &&
  Symbol.asyncIterator in value;

/**
 * Ends the span of a call whose result was dropped unfinished: its promise
 * before anything read it, or its stream (held by the stream's iterator, once
 * there is one) before the end. Holds calls, never what they watch.
 */
const unread = new FinalizationRegistry<Call>((call) => call.collected());

/** How a stream ended: read to the end, failed, or abandoned (and why). */
type StreamEnd = "complete" | "fail" | AbandonReason;

/** One traced call: its span and how far the caller got with the result. */
class Call {
  private done = false;
  private parseRequested = false;
  private rawRequested = false;
  /** The assembler of a streamed response (kept after the end: it still decides which chunks the caller sees). */
  private assembler: StreamAssembler | undefined;
  /** A streamed response is being observed and has not ended yet. */
  private streaming = false;

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
    this.span.fail(error, this.errorDetails(error));
  }

  /** Called by the registry: what this call watched was collected unfinished. */
  collected(): void {
    if (this.streaming) {
      this.endStream("garbage");
      return;
    }
    if (this.done) return;
    this.done = true;
    this.span.abandon("garbage");
  }

  /** A chunk of the stream, shown to the assembler; false hides it from the caller. */
  chunk(value: unknown): boolean {
    try {
      return this.assembler?.add(value) ?? true;
    } catch (err) {
      this.internal("stream chunk", err);
      return true;
    }
  }

  /** Ends the stream once: the assembled output is written, then the span ends as `how` says. Never throws. */
  endStream(how: StreamEnd, error?: unknown): void {
    if (!this.streaming) return;
    this.streaming = false;
    unread.unregister(this);
    try {
      this.assembler?.finish();
    } catch (err) {
      this.internal("stream end", err);
    }
    try {
      if (how === "complete") this.span.end();
      else if (how === "fail") this.span.fail(error, this.errorDetails(error));
      else this.span.abandon(how);
    } catch (err) {
      this.internal("stream end", err);
    }
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
      if (isAsyncIterable(value)) {
        this.observeIterable(value);
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

  /** A Stainless `Stream`: every way of reading it (for await, tee(), toReadableStream()) calls `iterator()` once. */
  private observeStream(stream: StreamShape): void {
    const original = stream.iterator;
    const call = this;
    let used = false;
    stream.iterator = function (this: unknown, ...a: unknown[]): unknown {
      if (used) return Reflect.apply(original, this, a);
      used = true;
      return new ObservedChunks(Reflect.apply(original, stream, a) as AsyncIterator<unknown>, call, stream);
    };
    this.startStream(stream);
  }

  /**
   * A stream that is a plain async iterable (ollama's `AbortableAsyncIterator`):
   * its first iteration is observed; an `abort()` it offers ends the span as cancelled.
   */
  private observeIterable(iterable: AsyncIterable<unknown>): void {
    const original = iterable[Symbol.asyncIterator];
    const call = this;
    let used = false;
    Object.defineProperty(iterable, Symbol.asyncIterator, {
      value: function (this: unknown, ...a: unknown[]): unknown {
        if (used) return Reflect.apply(original, this, a);
        used = true;
        return new ObservedChunks(
          Reflect.apply(original, iterable, a) as AsyncIterator<unknown>,
          call,
          iterable,
        );
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
    hookOwn(iterable, "abort", () => this.endStream("cancel"));
    this.startStream(iterable);
  }

  /**
   * The operation's assembler starts taking the chunks. The stream is watched
   * from now to its end: its iterator holds it, so it is collected only when
   * neither is read any more, and the span then ends as abandoned.
   */
  private startStream(stream: object): void {
    this.assembler = this.op.stream(this.span, this.params, this.sent);
    this.streaming = true;
    unread.register(stream, this, this);
  }

  private finish(): void {
    this.done = true;
    unread.unregister(this);
    this.span.end();
  }

  /** The operation's reading of a provider error, else the Stainless `APIError` shape. */
  private errorDetails(error: unknown): ErrorDetails {
    try {
      return this.op.errorDetails?.(error) ?? errorDetails(error);
    } catch (err) {
      this.internal("error", err);
      return errorDetails(error);
    }
  }

  private internal(what: string, err: unknown): void {
    internalError(this.logger, `${this.where} ${this.op.operation} ${what}`, err);
  }
}

/**
 * The chunks of `source` as the caller reads them, each shown to the call
 * first (which may hide it); the end, an error or a `return()` (break) end the
 * call's stream, and so does `stream` being collected unfinished. It is held
 * here, so it lives as long as this iterator does, whatever the source holds.
 * One promise per chunk, the least that sees a chunk before the caller does,
 * and no closure or object per chunk beyond it.
 */
class ObservedChunks implements AsyncIterator<unknown>, AsyncIterable<unknown> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly call: Call,
    readonly stream: object,
  ) {}

  next(): Promise<IteratorResult<unknown>> {
    try {
      return this.source.next().then(this.step, this.failed);
    } catch (error) {
      return this.failed(error);
    }
  }

  return(value?: unknown): Promise<IteratorResult<unknown>> {
    this.call.endStream("return");
    return typeof this.source.return === "function"
      ? Promise.resolve(this.source.return(value))
      : Promise.resolve({ value, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<unknown>> {
    this.call.endStream("fail", error);
    return typeof this.source.throw === "function"
      ? Promise.resolve(this.source.throw(error))
      : Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private readonly step = (
    r: IteratorResult<unknown>,
  ): IteratorResult<unknown> | Promise<IteratorResult<unknown>> => {
    if (r.done) this.call.endStream("complete");
    else if (!this.call.chunk(r.value)) return this.next();
    return r;
  };

  private readonly failed = (error: unknown): never => {
    this.call.endStream("fail", error);
    throw error;
  };
}

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

/** The provider's error type and HTTP status, from the Stainless `APIError` shape (or ollama's `ResponseError`: `status_code`). */
function errorDetails(error: unknown): ErrorDetails {
  if (error === null || typeof error !== "object") return {};
  const e = error as {
    status?: unknown;
    status_code?: unknown;
    type?: unknown;
    code?: unknown;
    error?: { type?: unknown; error?: { type?: unknown } };
  };
  // Groq and Together keep the whole error body (`{error: {type}}`) in `error`.
  const type = [e.type, e.error?.type, e.error?.error?.type, e.code].find(
    (t): t is string => typeof t === "string" && t !== "",
  );
  const status = [e.status, e.status_code].find((s): s is number => typeof s === "number");
  return { type: type ?? (error instanceof Error ? error.name : undefined), status };
}

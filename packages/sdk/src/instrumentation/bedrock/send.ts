/**
 * A traced `send(command, options?, callback?)` of the Bedrock Runtime
 * client. Model commands become one span each, however the call is made
 * (promise, callback, the aggregated `client.converse()` which calls send);
 * every other command goes straight to the original. What the caller gets is
 * the client's own value: a streamed command's event stream is the same
 * object, its first iteration observed in place.
 * The server's address and the response headers come from the HTTP
 * exchange (http.ts).
 */
import { GEN_AI, OTEL_GENERAL } from "@honeyhive-ts/semconv";
import { type Context, context } from "@opentelemetry/api";
import { isTracingSuppressed } from "@opentelemetry/core";
import { createLogger, type Logger } from "../../internal/logger.js";
import { isPromiseLike, observeResult, type ResultObserver } from "../../trace/result/index.js";
import type { HoneyHiveTracer } from "../../tracer/honeyhive-tracer.js";
import { internalError } from "../internal-errors.js";
import { type ErrorDetails, IN_MODEL_CALL, ModelSpan } from "../model-span.js";
import type { Params } from "../operation.js";
import { targetFor } from "../targets.js";
import type { EventAssembler } from "./converse-events.js";
import { captureHttp, HTTP_OBSERVER, type HttpObserver } from "./http.js";
import { type BedrockOperation, type Headers, modelIdOf, operationOf } from "./operations.js";
import { recordOutcome, recordPrompt } from "./record.js";

export const BEDROCK_INSTRUMENTATION = "bedrock";
export const BEDROCK_PROVIDER = "aws.bedrock";

export interface SendOptions {
  tracer?: HoneyHiveTracer | undefined;
  providerName?: string | undefined;
}

type Send = (this: unknown, ...args: unknown[]) => unknown;
type Callback = (error: unknown, data?: unknown) => void;

const tracedSends = new WeakSet<Send>();
const fallbackLogger = createLogger(false);

export function isTracedSend(fn: unknown): boolean {
  return typeof fn === "function" && tracedSends.has(fn as Send);
}

/** `original` with model commands traced: same arguments, same return value. */
export function tracedSend(original: Send, options: SendOptions = {}): Send {
  const traced = function (this: unknown, ...args: unknown[]): unknown {
    const call = begin(this, args[0], options);
    if (call === undefined) return Reflect.apply(original, this, args);
    const at = typeof args[1] === "function" ? 1 : typeof args[2] === "function" ? 2 : -1;
    const callArgs = [...args];
    if (at >= 0) {
      const callback = args[at] as Callback;
      callArgs[at] = (error: unknown, data?: unknown) => {
        if (error) call.fail(error);
        else call.succeed(data);
        return callback(error, data);
      };
    }
    let result: unknown;
    try {
      result = context.with(call.context, () => Reflect.apply(original, this, callArgs));
    } catch (error) {
      call.fail(error);
      throw error;
    }
    if (at < 0) {
      if (isPromiseLike(result))
        result.then(
          (output) => call.succeed(output),
          (error: unknown) => call.fail(error),
        );
      else call.succeed(result);
    }
    return result;
  };
  tracedSends.add(traced);
  return traced;
}

function begin(client: unknown, command: unknown, options: SendOptions): BedrockCall | undefined {
  const parent = context.active();
  if (isTracingSuppressed(parent) || parent.getValue(IN_MODEL_CALL) === true) return undefined;
  const found = operationOf(command);
  if (found === undefined) return undefined;
  let logger = fallbackLogger;
  try {
    const target = targetFor(BEDROCK_INSTRUMENTATION, options.tracer);
    if (target === undefined) return undefined;
    logger = target.core.logger;
    captureHttp(client, logger);
    const input: Params = (command as { input?: unknown }).input ?? {};
    const { op } = found;
    const model = modelIdOf(input);
    const operation = op.operation(input);
    const span = new ModelSpan(
      target,
      model ? `${operation} ${model}` : operation,
      {
        [GEN_AI.operationName]: operation,
        [GEN_AI.providerName]: options.providerName ?? BEDROCK_PROVIDER,
        ...(model ? { [GEN_AI.requestModel]: model } : {}),
      },
      parent,
    );
    const call = new BedrockCall(span, op, input, `${BEDROCK_INSTRUMENTATION} ${found.name}`, logger);
    if (span.recording) call.guard("request", () => recordPrompt(span, op.prompt(input)));
    return call;
  } catch (err) {
    internalError(logger, `${BEDROCK_INSTRUMENTATION} ${found.name}`, err);
    return undefined;
  }
}

/** One traced command: its span, and the HTTP details the middleware hands over. */
class BedrockCall implements HttpObserver {
  readonly context: Context;
  private headers: Headers = {};
  private settled = false;

  constructor(
    readonly span: ModelSpan,
    private readonly op: BedrockOperation,
    private readonly input: Params,
    private readonly where: string,
    private readonly logger: Logger,
  ) {
    this.context = span.context.setValue(HTTP_OBSERVER, this);
  }

  request(request: Params): void {
    this.span.set(OTEL_GENERAL.serverAddress, request?.hostname);
    const port = Number(request?.port) || (request?.protocol === "http:" ? 80 : 443);
    this.span.set(OTEL_GENERAL.serverPort, port);
  }

  response(response: Params): void {
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(response?.headers ?? {}))
      headers[name.toLowerCase()] = typeof value === "string" ? value : undefined;
    this.headers = headers;
  }

  /** The command's output arrived. Never throws: it runs before the caller's own continuation. */
  succeed(output: unknown): void {
    if (this.settled) return;
    this.settled = true;
    const out = output as Params;
    let observing = false;
    this.guard("response", () => {
      this.span.set("aws.request_id", out?.$metadata?.requestId);
      const member = this.op.streamMember;
      const stream = member ? out?.[member] : undefined;
      if (member && stream !== null && typeof stream === "object") {
        this.observe(out, member, stream);
        observing = true;
      } else recordOutcome(this.span, this.op.outcome(out, this.input, this.headers));
    });
    if (!observing) this.guard("end", () => this.span.end());
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.guard("error", () => this.span.fail(error, errorDetails(error)));
  }

  guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      internalError(this.logger, `${this.where} ${what}`, err);
    }
  }

  /** The event stream, observed where it is: the caller iterates the very same object. */
  private observe(output: Params, member: string, stream: object): void {
    const assembler = this.op.events(this.input, this.headers);
    const observed = observeResult(stream, this.streamObserver(assembler), {
      run: (fn) => fn(),
      onObserverError: (err) => internalError(this.logger, `${this.where} stream`, err),
    });
    if (observed !== stream) output[member] = observed;
  }

  private streamObserver(assembler: EventAssembler): ResultObserver {
    const settle = (end: () => void) => {
      this.guard("stream end", () => recordOutcome(this.span, assembler.outcome()));
      end();
    };
    return {
      firstChunk: () => {},
      chunk: (event) => {
        if (assembler.add(event)) this.span.firstToken();
      },
      complete: () => settle(() => this.span.end()),
      fail: (error) => settle(() => this.span.fail(error, errorDetails(error))),
      abandon: (reason) => settle(() => this.span.abandon(reason)),
    };
  }
}

/** The SDK error's name (`ThrottlingException`, `ValidationException`, ...) and HTTP status. */
function errorDetails(error: unknown): ErrorDetails {
  if (error === null || typeof error !== "object") return {};
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = e.$metadata?.httpStatusCode;
  return {
    type: typeof e.name === "string" && e.name !== "" ? e.name : undefined,
    status: typeof status === "number" ? status : undefined,
  };
}

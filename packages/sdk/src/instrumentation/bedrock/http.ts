/**
 * What a traced call needs from the HTTP exchange and the command's output
 * does not carry: the server's address and the response headers (Bedrock's
 * token-count headers for InvokeModel). A middleware at the end of the
 * client's deserialize step reads them and hands them to the call running in
 * its async context; calls made untraced find no observer there.
 */
import { context, createContextKey } from "@opentelemetry/api";
import { createLogger, type Logger } from "../../internal/logger.js";
import { internalError } from "../internal-errors.js";
import type { Params } from "../operation.js";

export interface HttpObserver {
  /** The signed request about to go out (every attempt; the last one wins). */
  request(request: Params): void;
  response(response: Params): void;
  /** Runs `fn`, reporting (never throwing) its failure. */
  guard(what: string, fn: () => void): void;
}

/** The context key under which a traced call's {@link HttpObserver} is found. */
export const HTTP_OBSERVER = createContextKey("honeyhive bedrock http observer");

type Handler = (args: Params) => Promise<Params>;
interface MiddlewareStack {
  add(middleware: (next: Handler) => Handler, options: Record<string, unknown>): void;
}

const captured = new WeakSet<object>();
const fallbackLogger = createLogger(false);

/**
 * Adds the middleware once per client. It runs innermost in the deserialize
 * step, so it sees every retry attempt's raw response, before any error is
 * made of it.
 */
export function captureHttp(client: unknown, logger: Logger = fallbackLogger): void {
  const stack = (client as { middlewareStack?: MiddlewareStack } | null)?.middlewareStack;
  if (!stack || typeof stack.add !== "function" || captured.has(stack)) return;
  captured.add(stack);
  try {
    stack.add(
      (next) => async (args) => {
        const observer = context.active().getValue(HTTP_OBSERVER) as HttpObserver | undefined;
        observer?.guard("request", () => observer.request(args?.request));
        const result = await next(args);
        observer?.guard("response", () => observer.response(result?.response));
        return result;
      },
      { step: "deserialize", priority: "low", name: "honeyhiveBedrockHttp", override: true },
    );
  } catch (err) {
    internalError(logger, "bedrock middleware", err);
  }
}

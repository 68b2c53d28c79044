import { resolvePath } from "../openai/methods.js";
import type { InstrumentOptions } from "../types.js";
import { ANTHROPIC_METHODS, isWrapped, wrapMethod } from "./methods.js";

/** An `@anthropic-ai/sdk` client (or a Bedrock / Vertex client built on it). */
export function isAnthropicClient(client: unknown): boolean {
  const messages = resolvePath(client, ["messages"]);
  return (
    typeof messages?.["create"] === "function" &&
    typeof messages["stream"] === "function" &&
    typeof (client as { baseURL?: unknown }).baseURL === "string"
  );
}

/**
 * Traces one client instance with no module hooks: its resources get own
 * wrapped methods. Methods already wrapped (the module was hooked) are left
 * as they are, so a call never makes two spans.
 */
export function instrumentAnthropicClient(client: object, options: InstrumentOptions): void {
  for (const spec of ANTHROPIC_METHODS) {
    const resource = resolvePath(client, spec.path);
    const current = resource?.[spec.method];
    if (!resource || typeof current !== "function" || isWrapped(current)) continue;
    Object.defineProperty(resource, spec.method, {
      value: wrapMethod(spec, current as (this: unknown, ...args: unknown[]) => unknown, options),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

import { isTracedMethod, tracedMethod } from "../stainless.js";
import type { InstrumentOptions } from "../types.js";
import { OPENAI_INSTRUMENTATION } from "./instrumentation.js";
import { OPENAI_METHODS, openAIProvider, resolvePath } from "./methods.js";

/** An `openai` client (or a look-alike from another package built on it). */
export function isOpenAIClient(client: unknown): boolean {
  const completions = resolvePath(client, ["chat", "completions"]);
  return (
    typeof completions?.["create"] === "function" &&
    typeof (client as { baseURL?: unknown }).baseURL === "string"
  );
}

/**
 * Traces one client instance with no module hooks: its resources get own
 * traced methods. Methods already traced (the module was hooked) are left as
 * they are, so a call never makes two spans.
 */
export function instrumentOpenAIClient(client: object, options: InstrumentOptions): void {
  for (const spec of OPENAI_METHODS) {
    const resource = resolvePath(client, spec.path);
    const current = resource?.[spec.method];
    if (!resource || typeof current !== "function" || isTracedMethod(current)) continue;
    Object.defineProperty(resource, spec.method, {
      value: tracedMethod(current as (this: unknown, ...args: unknown[]) => unknown, spec.operation, {
        instrumentation: OPENAI_INSTRUMENTATION,
        provider: (r) => openAIProvider(r, options.providerName),
        tracer: options.tracer,
      }),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

/**
 * Automatic instrumentation of `@aws-sdk/client-bedrock-runtime` through
 * OpenTelemetry's machinery (require-in-the-middle for `require`,
 * import-in-the-middle with `--import @honeyhive-ts/sdk/register` for
 * `import`). `send` lives on the Smithy base class that every AWS client
 * shares, so the patch is an own `send` on `BedrockRuntimeClient.prototype`
 * that calls the inherited one: other AWS clients are not touched, and
 * `BedrockRuntime` (the aggregated client, a subclass) inherits it.
 */
import type { InstrumentationConfig } from "@opentelemetry/instrumentation";
import { type HookedModule, ModuleInstrumentation } from "../module-instrumentation.js";
import { BEDROCK_INSTRUMENTATION, isTracedSend, tracedSend } from "./send.js";

export { BEDROCK_INSTRUMENTATION };

/** Tested with 3.1163; the command-and-send client shape is the same across 3.x. */
const SUPPORTED = [">=3.0.0 <4"];

type Send = (this: unknown, ...args: unknown[]) => unknown;

/** Prototypes patched here, with whether `send` was their own before. */
const ownBefore = new WeakMap<object, Send | undefined>();

export class BedrockInstrumentation extends ModuleInstrumentation {
  constructor(config: InstrumentationConfig = {}) {
    super("bedrock", config);
  }

  protected get hooked(): HookedModule {
    return { module: "@aws-sdk/client-bedrock-runtime", supported: SUPPORTED };
  }

  patchModule(exports: unknown): void {
    const proto = prototypeOf(exports);
    if (!proto || isTracedSend(proto["send"]) || typeof proto["send"] !== "function") return;
    const own = Object.getOwnPropertyDescriptor(proto, "send");
    ownBefore.set(proto, own?.value as Send | undefined);
    Object.defineProperty(proto, "send", {
      value: tracedSend(proto["send"] as Send),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }

  unpatchModule(exports: unknown): void {
    const proto = prototypeOf(exports);
    if (!proto || !isTracedSend(proto["send"]) || !ownBefore.has(proto)) return;
    const own = ownBefore.get(proto);
    ownBefore.delete(proto);
    if (own) Object.defineProperty(proto, "send", { value: own, writable: true, configurable: true });
    else delete proto["send"];
  }
}

function prototypeOf(exports: unknown): Record<string, unknown> | undefined {
  const mod = exports as { BedrockRuntimeClient?: { prototype?: unknown } } | undefined;
  const proto = mod?.BedrockRuntimeClient?.prototype;
  return proto !== null && typeof proto === "object" ? (proto as Record<string, unknown>) : undefined;
}

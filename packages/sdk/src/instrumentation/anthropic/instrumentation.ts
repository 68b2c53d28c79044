/**
 * Automatic instrumentation of the `@anthropic-ai/sdk` package through
 * OpenTelemetry's machinery: `require` is hooked by require-in-the-middle,
 * `import` by import-in-the-middle (which needs `--import
 * @honeyhive-ts/sdk/register`). The prototypes of the resource classes are
 * patched, so every client, created before or after, is traced.
 */
import type { InstrumentationConfig } from "@opentelemetry/instrumentation";
import { type HookedModule, ModuleInstrumentation } from "../module-instrumentation.js";
import { resolvePath } from "../openai/methods.js";
import { ANTHROPIC_METHODS, type AnthropicMethodSpec, isWrapped, wrapMethod } from "./methods.js";

export { ANTHROPIC_INSTRUMENTATION } from "./methods.js";

/** Tested with 1.12; the 0.x line (from 0.30) has the same `messages.create` / `stream()` shape and is hooked too, untested here. */
const SUPPORTED = [">=0.30.0 <2"];

type Prototype = Record<string, unknown>;
type Method = (this: unknown, ...args: unknown[]) => unknown;

export class AnthropicInstrumentation extends ModuleInstrumentation {
  constructor(config: InstrumentationConfig = {}) {
    super("anthropic", config);
  }

  protected get hooked(): HookedModule {
    return { module: "@anthropic-ai/sdk", supported: SUPPORTED };
  }

  /** Patches the resource classes reachable from the module's exported `Anthropic` class. */
  patchModule(exports: unknown): void {
    for (const [proto, spec] of prototypes(exports)) {
      if (isWrapped(proto[spec.method])) continue;
      this._wrap(proto, spec.method, (original: unknown) => wrapMethod(spec, original as Method, {}));
    }
  }

  unpatchModule(exports: unknown): void {
    for (const [proto, spec] of prototypes(exports))
      if (isWrapped(proto[spec.method])) this._unwrap(proto, spec.method);
  }
}

function* prototypes(exports: unknown): Generator<[Prototype, AnthropicMethodSpec]> {
  const mod = exports as { Anthropic?: unknown; default?: unknown } | undefined;
  const Anthropic = mod?.Anthropic ?? mod?.default ?? mod;
  for (const spec of ANTHROPIC_METHODS) {
    const proto = resolvePath(Anthropic, [...spec.classPath, "prototype"]) as Prototype | undefined;
    if (proto && typeof proto[spec.method] === "function") yield [proto, spec];
  }
}

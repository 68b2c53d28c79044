/**
 * Automatic instrumentation of the Vercel AI SDK (`ai`) through
 * OpenTelemetry's machinery: `require` is hooked by require-in-the-middle,
 * `import` by import-in-the-middle (`--import @honeyhive-ts/sdk/register`).
 * The module exports functions, not classes: an ES module namespace is
 * patched through the loader's setters; the CommonJS build's exports are
 * read-only getters, so `require("ai")` returns a copy with the traced
 * functions instead.
 */
import {
  InstrumentationBase,
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from "@opentelemetry/instrumentation";
import { SDK_VERSION } from "../../version.js";
import { VERCEL_AI_INSTRUMENTATION } from "./telemetry.js";
import { AI_FUNCTIONS, isTracedAiFunction, tracedAiFunction } from "./wrap.js";

export { VERCEL_AI_INSTRUMENTATION };

/** Tested with 6.0; 5.x has the same entry points and telemetry spans. */
const SUPPORTED = [">=5.0.0 <7"];

type Exports = Record<string, unknown>;
type AiFunction = (this: unknown, ...args: unknown[]) => unknown;

const originals = new WeakMap<AiFunction, AiFunction>();

export class VercelAIInstrumentation extends InstrumentationBase {
  constructor(config: InstrumentationConfig = {}) {
    super("@honeyhive-ts/instrumentation-vercel-ai", SDK_VERSION, config);
  }

  protected init(): InstrumentationNodeModuleDefinition[] {
    return [
      new InstrumentationNodeModuleDefinition(
        "ai",
        SUPPORTED,
        (exports: unknown) => this.patchModule(exports),
        (exports: unknown) => {
          this.unpatchModule(exports);
        },
      ),
    ];
  }

  /** The module with traced functions: the same object when its exports can be set, else a copy. */
  patchModule<T>(exports: T): T {
    if (exports === null || typeof exports !== "object") return exports;
    const mod = exports as Exports;
    const traced: Exports = {};
    for (const name of AI_FUNCTIONS) {
      const fn = mod[name];
      if (typeof fn !== "function" || isTracedAiFunction(fn)) continue;
      const wrapped = tracedAiFunction(name, fn as AiFunction);
      originals.set(wrapped, fn as AiFunction);
      traced[name] = wrapped;
    }
    if (Object.keys(traced).length === 0) return exports;
    if (Object.entries(traced).every(([name, fn]) => trySet(mod, name, fn))) return exports;
    const descriptors = Object.getOwnPropertyDescriptors(mod);
    for (const [name, fn] of Object.entries(traced))
      descriptors[name] = { value: fn, enumerable: true, writable: true, configurable: true };
    return Object.defineProperties({}, descriptors) as T;
  }

  /** Puts the original functions back where the exports can be set (a copy is simply no longer handed out). */
  unpatchModule(exports: unknown): void {
    if (exports === null || typeof exports !== "object") return;
    const mod = exports as Exports;
    for (const name of AI_FUNCTIONS) {
      const original = originals.get(mod[name] as AiFunction);
      if (original) trySet(mod, name, original);
    }
  }
}

function trySet(target: Exports, name: string, value: unknown): boolean {
  try {
    target[name] = value;
  } catch {
    return false;
  }
  return target[name] === value;
}

/**
 * Automatic instrumentation of the `openai` package through OpenTelemetry's
 * machinery: `require` is hooked by require-in-the-middle, `import` by
 * import-in-the-middle (which needs `--import @honeyhive-ts/sdk/register`).
 * The prototypes of the resource classes are patched, so every client,
 * created before or after, is traced (Azure's too: it subclasses `OpenAI`).
 */
import {
  InstrumentationBase,
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from "@opentelemetry/instrumentation";
import { SDK_VERSION } from "../../version.js";
import { isTracedMethod, tracedMethod } from "../stainless.js";
import { OPENAI_METHODS, openAIProvider, resolvePath } from "./methods.js";

export const OPENAI_INSTRUMENTATION = "openai";
const SUPPORTED = [">=4.0.0 <7"];

type Prototype = Record<string, unknown>;
type Method = (this: unknown, ...args: unknown[]) => unknown;

export class OpenAIInstrumentation extends InstrumentationBase {
  constructor(config: InstrumentationConfig = {}) {
    super("@honeyhive-ts/instrumentation-openai", SDK_VERSION, config);
  }

  protected init(): InstrumentationNodeModuleDefinition[] {
    return [
      new InstrumentationNodeModuleDefinition(
        "openai",
        SUPPORTED,
        (exports: unknown) => {
          this.patchModule(exports);
          return exports;
        },
        (exports: unknown) => {
          this.unpatchModule(exports);
        },
      ),
    ];
  }

  /** Patches the resource classes reachable from the module's exported `OpenAI` class. */
  patchModule(exports: unknown): void {
    for (const [proto, spec] of this.prototypes(exports)) {
      if (isTracedMethod(proto[spec.method])) continue;
      this._wrap(proto, spec.method, (original: unknown) =>
        tracedMethod(original as Method, spec.operation, {
          instrumentation: OPENAI_INSTRUMENTATION,
          provider: (resource) => openAIProvider(resource),
        }),
      );
    }
  }

  unpatchModule(exports: unknown): void {
    for (const [proto, spec] of this.prototypes(exports))
      if (isTracedMethod(proto[spec.method])) this._unwrap(proto, spec.method);
  }

  private *prototypes(exports: unknown): Generator<[Prototype, (typeof OPENAI_METHODS)[number]]> {
    const mod = exports as { OpenAI?: unknown; default?: unknown } | undefined;
    const OpenAI = mod?.OpenAI ?? mod?.default ?? mod;
    for (const spec of OPENAI_METHODS) {
      const proto = resolvePath(OpenAI, [...spec.classPath, "prototype"]) as Prototype | undefined;
      if (proto && typeof proto[spec.method] === "function") yield [proto, spec];
    }
  }
}

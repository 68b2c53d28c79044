/**
 * The `ollama` package: `chat`, `generate` and `embed` of the `Ollama` class
 * (the default export is an instance of it). The module hook patches the
 * prototype that defines them, so every client, the default one included,
 * is traced; `instrument(client)` patches one instance. The provider is
 * `ollama`, its address from the client's host.
 */
import type { InstrumentationConfig } from "@opentelemetry/instrumentation";
import { type HookedModule, ModuleInstrumentation } from "../module-instrumentation.js";
import type { Operation } from "../operation.js";
import { type ProviderInfo, providerFromBaseUrl } from "../provider.js";
import { isTracedMethod, tracedMethod } from "../stainless.js";
import type { InstrumentOptions } from "../types.js";
import { ollamaChat, ollamaEmbed, ollamaGenerate } from "./operations.js";

export const OLLAMA_INSTRUMENTATION = "ollama";
const SUPPORTED = [">=0.5.0 <0.7.0"];

const METHODS: readonly (readonly [string, Operation])[] = [
  ["chat", ollamaChat],
  ["generate", ollamaGenerate],
  ["embed", ollamaEmbed],
];

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Target = Record<string, unknown>;

/** The provider behind a client: always `ollama` (unless overridden), at the client's host. */
function ollamaProvider(client: unknown, override?: string): ProviderInfo {
  const host = (client as { config?: { host?: string } } | undefined)?.config?.host;
  return { ...providerFromBaseUrl(host), name: override ?? "ollama", streamUsageOnRequest: false };
}

export class OllamaInstrumentation extends ModuleInstrumentation {
  constructor(config: InstrumentationConfig = {}) {
    super("ollama", config);
  }

  protected get hooked(): HookedModule {
    return { module: "ollama", supported: SUPPORTED };
  }

  /** Patches the methods where the exported `Ollama` class (or a class it extends) defines them. */
  patchModule(exports: unknown): void {
    for (const [owner, name, operation] of definitions(exports)) {
      if (isTracedMethod(owner[name])) continue;
      this._wrap(owner, name, (original: unknown) =>
        tracedMethod(original as Method, operation, {
          instrumentation: OLLAMA_INSTRUMENTATION,
          provider: (client) => ollamaProvider(client),
        }),
      );
    }
  }

  unpatchModule(exports: unknown): void {
    for (const [owner, name] of definitions(exports))
      if (isTracedMethod(owner[name])) this._unwrap(owner, name);
  }
}

function* definitions(exports: unknown): Generator<[Target, string, Operation]> {
  const Ollama = (exports as { Ollama?: { prototype?: object } } | undefined)?.Ollama;
  for (const [name, operation] of METHODS) {
    let proto: object | null | undefined = Ollama?.prototype;
    while (proto && proto !== Object.prototype && !Object.hasOwn(proto, name))
      proto = Object.getPrototypeOf(proto);
    if (proto && proto !== Object.prototype && typeof (proto as Target)[name] === "function")
      yield [proto as Target, name, operation];
  }
}

/** An `ollama` client: its methods and the list of streams `abort()` cancels. */
export function isOllamaClient(client: unknown): boolean {
  const c = client as Target;
  return (
    METHODS.every(([name]) => typeof c[name] === "function") &&
    Array.isArray(c["ongoingStreamedRequests"]) &&
    typeof c["config"] === "object"
  );
}

/** Traces one client with no module hooks: own traced methods (none when its class is already hooked). */
export function instrumentOllamaClient(client: object, options: InstrumentOptions): void {
  const target = client as Target;
  for (const [name, operation] of METHODS) {
    const current = target[name];
    if (typeof current !== "function" || isTracedMethod(current)) continue;
    Object.defineProperty(target, name, {
      value: tracedMethod(current as Method, operation, {
        instrumentation: OLLAMA_INSTRUMENTATION,
        provider: (c) => ollamaProvider(c, options.providerName),
        tracer: options.tracer,
      }),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

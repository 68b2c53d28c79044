/**
 * Tracing of Stainless-generated clients that speak OpenAI's wire format
 * (openai, groq-sdk, together-ai): each package lists its traced methods
 * and how its provider is named; the module hook (prototypes of the
 * resource classes, so every client is traced, created before or after) and
 * explicit `instrument(client)` (own methods of one instance) are shared.
 */
import { type HookedModule, ModuleInstrumentation } from "../module-instrumentation.js";
import { type ProviderInfo, providerFromBaseUrl } from "../provider.js";
import { isTracedMethod, tracedMethod } from "../stainless.js";
import type { InstrumentOptions } from "../types.js";
import { resolvePath, type TracedMethodSpec } from "./methods.js";

export interface CompatibleClient {
  /** The instrumentation's name, as in the tracer's `instrumentations` option. */
  name: string;
  /** The package the module hook intercepts. */
  module: string;
  /** Versions of `module` the hook patches. */
  supported: readonly string[];
  /** The client class's name among the module's exports (else the default export). */
  exportName: string;
  methods: readonly TracedMethodSpec[];
  /** The provider behind a resource; `override` is `instrument(client, {providerName})`. */
  provider(resource: unknown, override?: string): ProviderInfo;
}

type Prototype = Record<string, unknown>;
type Method = (this: unknown, ...args: unknown[]) => unknown;

/** The client a Stainless resource belongs to. */
export function clientOf(
  resource: unknown,
): { baseURL?: string; constructor?: { name?: string } } | undefined {
  return (resource as { _client?: { baseURL?: string } } | undefined)?._client;
}

/**
 * A provider that is the package's own service wherever it is reached (its
 * address and port still from the base URL). Its streams report usage
 * unasked, so none is asked for.
 */
export function packageProvider(name: string): CompatibleClient["provider"] {
  return (resource, override) => ({
    ...providerFromBaseUrl(clientOf(resource)?.baseURL),
    name: override ?? name,
    streamUsageOnRequest: false,
  });
}

/**
 * The module hook of one package.  A subclass describes its package through the `client`
 * getter (read during construction, see ModuleInstrumentation).
 */
export abstract class CompatibleInstrumentation extends ModuleInstrumentation {
  protected abstract get client(): CompatibleClient;

  protected get hooked(): HookedModule {
    return this.client;
  }

  /** Patches the resource classes reachable from the module's exported client class. */
  patchModule(exports: unknown): void {
    const spec = this.client;
    for (const [proto, method] of prototypes(spec, exports)) {
      if (isTracedMethod(proto[method.method])) continue;
      this._wrap(proto, method.method, (original: unknown) =>
        tracedMethod(original as Method, method.operation, {
          instrumentation: spec.name,
          provider: (resource) => spec.provider(resource),
        }),
      );
    }
  }

  unpatchModule(exports: unknown): void {
    for (const [proto, method] of prototypes(this.client, exports))
      if (isTracedMethod(proto[method.method])) this._unwrap(proto, method.method);
  }
}

function* prototypes(spec: CompatibleClient, exports: unknown): Generator<[Prototype, TracedMethodSpec]> {
  const mod = exports as Record<string, unknown> | undefined;
  const Client = mod?.[spec.exportName] ?? mod?.["default"] ?? mod;
  for (const method of spec.methods) {
    const proto = resolvePath(Client, [...method.classPath, "prototype"]) as Prototype | undefined;
    if (proto && typeof proto[method.method] === "function") yield [proto, method];
  }
}

/**
 * Traces one client instance with no module hooks: its resources get own
 * traced methods. Methods already traced (the module was hooked) are left as
 * they are, so a call never makes two spans.
 */
export function instrumentCompatibleClient(
  spec: CompatibleClient,
  client: object,
  options: InstrumentOptions,
): void {
  for (const method of spec.methods) {
    const resource = resolvePath(client, method.path);
    const current = resource?.[method.method];
    if (!resource || typeof current !== "function" || isTracedMethod(current)) continue;
    Object.defineProperty(resource, method.method, {
      value: tracedMethod(current as Method, method.operation, {
        instrumentation: spec.name,
        provider: (r) => spec.provider(r, options.providerName),
        tracer: options.tracer,
      }),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

/** A client of the package whose client class exports `errorClass` as a static (Stainless clients do: `Groq.GroqError`). */
export function isClientOf(client: unknown, errorClass: string): boolean {
  const ctor = (client as { constructor?: Record<string, unknown> } | null)?.constructor;
  return typeof ctor?.[errorClass] === "function";
}

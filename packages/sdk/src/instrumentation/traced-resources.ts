/**
 * Module hook and explicit `instrument(client)` for clients that are not
 * Stainless-generated (Speakeasy's `@mistralai/mistralai`, Fern's
 * `cohere-ai`, ...): each package lists where its traced methods live (on
 * the prototypes its module gives access to, and on a client instance) and
 * which provider answers; the calls themselves go through `tracedMethod`,
 * which observes a promise, a thenable or an async-iterable result alike.
 */
import { type HookedModule, ModuleInstrumentation } from "./module-instrumentation.js";
import { resolvePath } from "./openai/methods.js";
import type { Operation } from "./operation.js";
import type { ProviderInfo } from "./provider.js";
import { isTracedMethod, tracedMethod } from "./stainless.js";
import type { InstrumentOptions } from "./types.js";

export type Target = Record<string, unknown>;
type Method = (this: unknown, ...args: unknown[]) => unknown;

/** One traced method: where it is on a client instance, and what it does. */
export interface ResourceMethod {
  /** Path from a client instance to the object holding the method (`["chat"]`; empty: the client itself). */
  path: readonly string[];
  method: string;
  operation: Operation;
}

export interface ResourceClient {
  /** The instrumentation's name, as in the tracer's `instrumentations` option. */
  name: string;
  /** The package the module hook intercepts. */
  module: string;
  /** Versions of `module` the hook patches. */
  supported: readonly string[];
  /** The traced methods of a client instance. */
  methods: readonly ResourceMethod[];
  /** The prototypes defining traced methods, reached from the module's exports. */
  prototypes(exports: unknown): Iterable<readonly [Target, string, Operation]>;
  /** The provider behind the object a method is called on; `override` is `instrument(client, {providerName})`. */
  provider(resource: unknown, override?: string): ProviderInfo;
}

/**
 * The module hook of one package: patches the prototypes, so every client
 * created after the module is loaded is traced. A subclass describes its package
 * through the `client` getter (read during construction, see
 * ModuleInstrumentation).
 */
export abstract class ResourceInstrumentation extends ModuleInstrumentation {
  protected abstract get client(): ResourceClient;

  protected get hooked(): HookedModule {
    return this.client;
  }

  patchModule(exports: unknown): void {
    const spec = this.client;
    for (const [proto, name, operation] of spec.prototypes(exports)) {
      if (typeof proto[name] !== "function" || isTracedMethod(proto[name])) continue;
      this._wrap(proto, name, (original: unknown) =>
        tracedMethod(original as Method, operation, {
          instrumentation: spec.name,
          provider: (resource) => spec.provider(resource),
        }),
      );
    }
  }

  unpatchModule(exports: unknown): void {
    for (const [proto, name] of this.client.prototypes(exports))
      if (isTracedMethod(proto[name])) this._unwrap(proto, name);
  }
}

/**
 * Traces one client instance with no module hooks: the objects holding its
 * methods get own traced methods. Methods already traced (the module was
 * hooked) are left as they are, so a call never makes two spans.
 */
export function instrumentResources(spec: ResourceClient, client: object, options: InstrumentOptions): void {
  for (const { path, method, operation } of spec.methods) {
    const holder = path.length === 0 ? (client as Target) : resolvePath(client, path);
    const current = holder?.[method];
    if (!holder || typeof current !== "function" || isTracedMethod(current)) continue;
    Object.defineProperty(holder, method, {
      value: tracedMethod(current as Method, operation, {
        instrumentation: spec.name,
        provider: (resource) => spec.provider(resource, options.providerName),
        tracer: options.tracer,
      }),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

/** The prototype in `proto`'s chain that defines `name` itself (methods and accessors are often inherited). */
export function ownerOf(proto: unknown, name: string): Target | undefined {
  let p = proto as object | null | undefined;
  while (p && p !== Object.prototype) {
    if (Object.hasOwn(p, name)) return p as Target;
    p = Object.getPrototypeOf(p) as object | null;
  }
  return undefined;
}

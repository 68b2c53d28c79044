/**
 * The OpenTelemetry instrumentation of one package: the loader hooks
 * (require-in-the-middle, import-in-the-middle) call `patchModule` /
 * `unpatchModule` with the module's exports; tests call them on a module
 * they imported.
 */
import {
  InstrumentationBase,
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from "@opentelemetry/instrumentation";
import { SDK_VERSION } from "../version.js";

/** The package a hook patches and the versions it supports (semver ranges). */
export interface HookedModule {
  module: string;
  supported: readonly string[];
}

/**
 * `init()` runs inside OpenTelemetry's base constructor, before any field is
 * set: a subclass names its package through the `hooked` getter, which
 * already works then.
 */
export abstract class ModuleInstrumentation extends InstrumentationBase {
  protected abstract get hooked(): HookedModule;
  abstract patchModule(exports: unknown): void;
  abstract unpatchModule(exports: unknown): void;

  constructor(name: string, config: InstrumentationConfig = {}) {
    super(`@honeyhive-ts/instrumentation-${name}`, SDK_VERSION, config);
  }

  protected init(): InstrumentationNodeModuleDefinition[] {
    const { module, supported } = this.hooked;
    return [
      new InstrumentationNodeModuleDefinition(
        module,
        [...supported],
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
}

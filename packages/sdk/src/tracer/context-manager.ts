import { context, ROOT_CONTEXT } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";

let installed: boolean | undefined;

/**
 * Async context needs a global context manager. If the application (or its own
 * OpenTelemetry set-up) registered one, we use it; otherwise we register the
 * same AsyncLocalStorage manager a NodeTracerProvider would, once per process.
 */
export function ensureContextManager(): void {
  if (installed !== undefined) return;
  if (hasWorkingManager()) {
    installed = false;
    return;
  }
  const manager = new AsyncLocalStorageContextManager().enable();
  installed = context.setGlobalContextManager(manager);
  if (!installed) manager.disable();
}

/** A registered manager keeps a value set with `context.with` visible inside the callback. */
function hasWorkingManager(): boolean {
  const key = Symbol("honeyhive.probe");
  const probe = ROOT_CONTEXT.setValue(key, true);
  return context.with(probe, () => context.active().getValue(key) === true);
}

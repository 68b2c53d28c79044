/**
 * `node --import @honeyhive-ts/sdk/register app.mjs`: registers the
 * import-in-the-middle loader hook for the instrumented LLM client modules
 * only, so that `HoneyHiveTracer.init` can patch modules loaded by `import`.
 * CommonJS applications do not need it.
 */
import { register } from "node:module";
import { INSTRUMENTED_MODULES } from "./integrations.js";

register("@opentelemetry/instrumentation/hook.mjs", import.meta.url, {
  data: { include: [...INSTRUMENTED_MODULES] },
});

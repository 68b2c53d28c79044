/**
 * Turning instrumentations on at `HoneyHiveTracer.init`. Module hooks are
 * process-wide: each instrumentation is enabled once, by the first tracer
 * that wants it, and stays on; which tracer records a call, and whether, is
 * decided per call (targets.ts).
 */
import type { InstrumentationBase } from "@opentelemetry/instrumentation";
import type { Logger } from "../internal/logger.js";
import type { HoneyHiveTracer } from "../tracer/honeyhive-tracer.js";
import { enableHttpTracing } from "./http/tracing.js";
import { INTEGRATIONS } from "./integrations.js";
import { internalError } from "./internal-errors.js";
import { configureTracer } from "./targets.js";

export interface EnableOptions {
  instrumentations: readonly string[] | undefined;
  recordInputs: boolean;
  recordOutputs: boolean;
  /** True (the default) leaves outgoing HTTP requests untraced. */
  disableHttpTracing: boolean;
}

const enabled = new Map<string, InstrumentationBase>();

export function enableInstrumentations(
  tracer: HoneyHiveTracer,
  options: EnableOptions,
  logger: Logger,
): void {
  const wanted = options.instrumentations === undefined ? undefined : new Set(options.instrumentations);
  configureTracer(tracer, {
    enabled: wanted,
    recordInputs: options.recordInputs,
    recordOutputs: options.recordOutputs,
  });
  for (const name of wanted ?? [])
    if (!INTEGRATIONS.some((i) => i.name === name))
      logger.warnOnce(
        `instrumentation:${name}`,
        `unknown instrumentation "${name}" (known: ${INTEGRATIONS.map((i) => i.name).join(", ")})`,
      );
  for (const integration of INTEGRATIONS) {
    if (enabled.has(integration.name) || (wanted && !wanted.has(integration.name))) continue;
    try {
      const instrumentation = integration.create();
      instrumentation.enable();
      enabled.set(integration.name, instrumentation);
    } catch (err) {
      internalError(logger, `enabling ${integration.name}`, err);
    }
  }
  enableHttpTracing(tracer, !options.disableHttpTracing, logger);
}

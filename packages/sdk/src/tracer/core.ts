import type { Tracer } from "@opentelemetry/api";
import type { CaptureLimits } from "../capture/index.js";
import type { ExportPipeline } from "../export/index.js";
import type { Logger } from "../internal/logger.js";
import type { HoneyHiveTracer } from "./honeyhive-tracer.js";
import type { PendingResults } from "./pending.js";

/** What `trace()`, manual spans and enrichment need from a tracer; never exported from the package. */
export interface TracerCore {
  readonly enabled: boolean;
  readonly otel: Tracer;
  readonly captureInputs: boolean;
  readonly captureOutputs: boolean;
  readonly limits: Partial<CaptureLimits>;
  readonly disableBatch: boolean;
  readonly flushTimeoutMs: number;
  readonly pipeline: ExportPipeline | undefined;
  readonly pending: PendingResults;
  readonly logger: Logger;
}

const cores = new WeakMap<HoneyHiveTracer, TracerCore>();

export function setCore(tracer: HoneyHiveTracer, core: TracerCore): void {
  cores.set(tracer, core);
}

export function coreOf(tracer: HoneyHiveTracer | undefined): TracerCore | undefined {
  return tracer ? cores.get(tracer) : undefined;
}

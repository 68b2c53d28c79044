import { RESOURCE_ATTR } from "@honeyhive-ts/semconv";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from "@opentelemetry/sdk-trace-base";
import { SDK_NAME, SDK_VERSION } from "../version.js";
import type { SessionSpanProcessor } from "./span-processor.js";

/** One provider per tracer; registered globally only when asked. */
export function createProvider(
  processor: SessionSpanProcessor,
  serviceName: string,
  project: string | undefined,
  source: string,
  sampling: number,
): BasicTracerProvider {
  const sampler: Sampler =
    sampling >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(Math.max(0, sampling));
  return new BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": serviceName,
      "telemetry.sdk.name": SDK_NAME,
      "telemetry.sdk.language": "nodejs",
      "telemetry.sdk.version": SDK_VERSION,
      // The tracer's session name and source travel once per batch here, not on every span.
      [RESOURCE_ATTR.source]: source,
      ...(project ? { [RESOURCE_ATTR.project]: project } : {}),
    }),
    sampler: new ParentBasedSampler({ root: sampler }),
    spanLimits: { attributeCountLimit: 1024 },
    spanProcessors: [processor],
  });
}

import { type Attributes, context, type Span, SpanStatusCode, trace } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

export interface SpanSpec {
  name: string;
  attributes?: Attributes;
  /** Index of the parent in the list; the first span is the root when absent. */
  parent?: number;
  error?: string;
  durationMs?: number;
}

/** Real OpenTelemetry spans (one trace), recorded by the OTel SDK itself. */
export function recordSpans(
  specs: SpanSpec[],
  resource: Attributes = { "service.name": "fixture" },
): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("fixture", "1.0.0");
  const spans: Span[] = [];
  const t0 = Date.now() - 10_000;
  for (const [i, spec] of specs.entries()) {
    const parentIndex = spec.parent ?? (i === 0 ? undefined : 0);
    const parent = parentIndex === undefined ? undefined : spans[parentIndex];
    const ctx = parent ? trace.setSpan(context.active(), parent) : context.active();
    const span = tracer.startSpan(spec.name, { attributes: spec.attributes ?? {}, startTime: t0 + i }, ctx);
    if (spec.error) {
      span.recordException(new Error(spec.error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
    }
    spans.push(span);
  }
  for (const [i, span] of [...spans.entries()].reverse()) span.end(t0 + i + (specs[i]?.durationMs ?? 100));
  return exporter.getFinishedSpans();
}

export function otlpProtobufBody(specs: SpanSpec[], resource?: Attributes) {
  const spans = recordSpans(specs, resource);
  const body = ProtobufTraceSerializer.serializeRequest(spans);
  if (!body) throw new Error("serializer returned nothing");
  return { body, spans, traceId: spans[0]!.spanContext().traceId };
}

export function otlpJsonBody(specs: SpanSpec[], resource?: Attributes) {
  const spans = recordSpans(specs, resource);
  const body = JsonTraceSerializer.serializeRequest(spans);
  if (!body) throw new Error("serializer returned nothing");
  return { body: new TextDecoder().decode(body), spans, traceId: spans[0]!.spanContext().traceId };
}

export const uuidOfTrace = (traceId: string) =>
  traceId.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");

import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { encodeTraceRequest } from "./encode-request.js";
import { estimateSpanBytes } from "./estimate.js";

function spans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({}),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("");
  tracer.startSpan("bare").end();
  tracer
    .startSpan("llm", {
      attributes: {
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.input_tokens": 1200,
        "gen_ai.input.messages": JSON.stringify([{ role: "user", content: "q".repeat(5000) }]),
        stop: ["\n", "END"],
        stream: true,
        temperature: 0.7,
      },
    })
    .end();
  const withEvents = tracer.startSpan("events", {
    links: [
      { context: { traceId: "1".repeat(32), spanId: "2".repeat(16), traceFlags: 1 }, attributes: { a: 1 } },
    ],
  });
  withEvents.addEvent("e1", { "exception.message": "x".repeat(300) });
  withEvents.recordException(new Error("boom"));
  withEvents.end();
  return exporter.getFinishedSpans();
}

/** Encoded bytes of one span alone, less the request/resource/scope framing around it. */
function encodedSize(span: ReadableSpan): number {
  return encodeTraceRequest([span], undefined, () => {}).length;
}

describe("estimateSpanBytes", () => {
  it("is an upper estimate of the encoded size of ASCII spans (it counts the span object's heap too)", () => {
    for (const span of spans()) {
      const actual = encodedSize(span);
      const estimate = estimateSpanBytes(span);
      expect(estimate, span.name).toBeGreaterThanOrEqual(actual - 16); // request + empty scope framing
      expect(estimate, span.name).toBeLessThanOrEqual(actual * 1.5 + 900);
    }
  });

  it("stays a finite number for a malformed span", () => {
    const bad = { ...spans()[0]!, name: 42 } as unknown as ReadableSpan;
    expect(Number.isFinite(estimateSpanBytes(bad))).toBe(true);
  });
});

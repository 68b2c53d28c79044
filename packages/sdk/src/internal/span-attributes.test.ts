import { trace } from "@opentelemetry/api";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { writeOwnAttribute } from "./span-attributes.js";

describe("writeOwnAttribute", () => {
  const tracer = new BasicTracerProvider().getTracer("test");

  it("writes into a recording span, like setAttribute would", () => {
    const span = tracer.startSpan("s");
    writeOwnAttribute(span, "honeyhive_outputs", '{"result":1}');
    span.end();
    expect((span as unknown as { attributes: object }).attributes).toEqual({
      honeyhive_outputs: '{"result":1}',
    });
  });

  it("leaves an ended span alone and never throws on a span of another kind", () => {
    const span = tracer.startSpan("s");
    span.end();
    writeOwnAttribute(span, "late", "x");
    expect((span as unknown as { attributes: object }).attributes).toEqual({});
    expect(() => writeOwnAttribute(trace.wrapSpanContext(span.spanContext()), "k", "v")).not.toThrow();
  });
});

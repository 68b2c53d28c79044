import { type Span, trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanLimits,
} from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { writeOwnAttribute, writeOwnStartAttributes } from "../src/internal/span-attributes.js";

// The SDK's own attribute writes skip Span.setAttribute's checks; these prove they still
// honour the limits a user configures, keep the start order, and leave ended spans alone.
describe("the SDK's own span attribute writes", () => {
  const providers: BasicTracerProvider[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) await p.shutdown();
  });

  /** A span of a real SDK provider with a processor that stamps one attribute at start (as ours does). */
  const started = (spanLimits: SpanLimits): { span: Span; ended: () => ReadableSpan } => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanLimits,
      spanProcessors: [
        {
          onStart: (s) => {
            (s as unknown as { attributes: Record<string, unknown> }).attributes["stamped"] = "at start";
          },
          onEnd: () => {},
          forceFlush: async () => {},
          shutdown: async () => {},
        },
        new SimpleSpanProcessor(exporter),
      ],
    });
    providers.push(provider);
    const span = provider.getTracer("t").startSpan("call");
    return {
      span,
      ended: () => {
        span.end();
        const [done] = exporter.getFinishedSpans();
        if (!done) throw new Error("the span was not exported");
        return done;
      },
    };
  };

  const long = "x".repeat(100);

  it("writes values whole, with the start attributes first and the processor's stamp after them", () => {
    const { span, ended } = started({ attributeCountLimit: 1024 });
    writeOwnStartAttributes(span, { honeyhive_event_type: "model" }, { a: 1, skipped: undefined, b: long });
    for (let i = 0; i < 30; i++) writeOwnAttribute(span, `k${i}`, i);
    const attrs = ended().attributes;
    expect(Object.keys(attrs).slice(0, 4)).toEqual(["honeyhive_event_type", "a", "b", "stamped"]);
    expect(attrs["b"]).toBe(long);
    expect(attrs["k29"]).toBe(29);
    expect(Object.keys(attrs)).toHaveLength(34);
  });

  it("truncates to a configured value length limit, at start and after", () => {
    const { span, ended } = started({ attributeCountLimit: 1024, attributeValueLengthLimit: 8 });
    writeOwnStartAttributes(span, { head: long }, { a: long });
    writeOwnAttribute(span, "later", long);
    writeOwnAttribute(span, "list", [long, "short"]);
    const attrs = ended().attributes;
    expect(attrs["head"]).toBe("xxxxxxxx");
    expect(attrs["a"]).toBe("xxxxxxxx");
    expect(attrs["later"]).toBe("xxxxxxxx");
    expect(attrs["list"]).toEqual(["xxxxxxxx", "short"]);
    expect(attrs["stamped"]).toBe("at start");
  });

  it("drops what is over a configured count limit", () => {
    const { span, ended } = started({ attributeCountLimit: 3 });
    writeOwnStartAttributes(span, { head: 1 }, { a: 2, b: 3 });
    writeOwnAttribute(span, "over", 4);
    const done = ended();
    expect(Object.keys(done.attributes)).toHaveLength(3);
    expect(done.attributes["over"]).toBeUndefined();
    expect(done.droppedAttributesCount).toBeGreaterThan(0);
  });

  it("leaves an ended span and a non-recording span as they were", () => {
    const { span, ended } = started({});
    const done = ended();
    writeOwnAttribute(span, "late", 1);
    writeOwnStartAttributes(span, { head: 1 }, {});
    expect(done.attributes["late"]).toBeUndefined();
    expect(done.attributes["head"]).toBeUndefined();
    const none = trace.wrapSpanContext({
      traceId: "00000000000000000000000000000001",
      spanId: "0000000000000001",
      traceFlags: 0,
    });
    expect(() => {
      writeOwnAttribute(none, "k", 1);
      writeOwnStartAttributes(none, { head: 1 }, { a: 1 });
    }).not.toThrow();
  });
});

import {
  type Attributes,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
} from "@opentelemetry/api";
import { TraceState } from "@opentelemetry/core";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it, vi } from "vitest";
import { decodeSpans, groupCounts } from "../../test/export-otlp-decoder.js";
import { encodeTraceRequest } from "./encode-request.js";
import { MASK_FAILED } from "./encode-state.js";

const T0 = 1_700_000_000;

function record(build: (providers: BasicTracerProvider[]) => void): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const providers = [
    resourceFromAttributes({ "service.name": "svc-a", pid: 42, tags: ["x", "y"] }),
    resourceFromAttributes({ "service.name": "svc-b" }),
  ].map(
    (resource) => new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  build(providers);
  return exporter.getFinishedSpans();
}

function oneSpan(attributes: Attributes, events: [string, Attributes][] = []): ReadableSpan[] {
  return record(([p]) => {
    const span = p!.getTracer("t").startSpan("s", { attributes });
    for (const [name, attrs] of events) span.addEvent(name, attrs);
    span.end();
  });
}

const encode = (spans: ReadableSpan[], mask?: (v: unknown, k: string) => unknown, onError = () => {}) =>
  decodeSpans(encodeTraceRequest(spans, mask, onError));

describe("encodeTraceRequest", () => {
  it("round-trips every span field", () => {
    const parentCtx = {
      traceId: "0af7651916cd43dd8448eb211c80319c",
      spanId: "b7ad6b7169203331",
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
      traceState: new TraceState("vendor=abc"),
    };
    const spans = record(([p]) => {
      const tracer = p!.getTracer("scope", "2.0.0");
      const span = tracer.startSpan("chat gpt-4o", {
        kind: SpanKind.CLIENT,
        startTime: [T0, 123_456_789],
        links: [{ context: { ...parentCtx, isRemote: false }, attributes: { why: "retry" } }],
      });
      span.setAttributes({
        s: "héllo ✓ 🚀 日本語",
        i: -7,
        big: 2 ** 53 - 1,
        d: 0.25,
        yes: true,
        list: ["a", ""],
      });
      span.addEvent("started", { n: 1 }, [T0, 500]);
      span.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
      span.end([T0 + 3, 999_999_999]);
    });
    const [s] = encode(spans);
    const ctx = spans[0]!.spanContext();
    expect(s).toMatchObject({
      resource: { "service.name": "svc-a", pid: 42, tags: ["x", "y"] },
      scope: { name: "scope", version: "2.0.0" },
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      parentSpanId: "",
      name: "chat gpt-4o",
      kind: 3, // SPAN_KIND_CLIENT
      start: BigInt(T0) * 1_000_000_000n + 123_456_789n,
      end: BigInt(T0 + 3) * 1_000_000_000n + 999_999_999n,
      attributes: { s: "héllo ✓ 🚀 日本語", i: -7, big: 2 ** 53 - 1, d: 0.25, yes: true, list: ["a", ""] },
      events: [{ name: "started", time: BigInt(T0) * 1_000_000_000n + 500n, attributes: { n: 1 } }],
      links: [
        {
          traceId: parentCtx.traceId,
          spanId: parentCtx.spanId,
          traceState: "vendor=abc",
          attributes: { why: "retry" },
          flags: 0x101,
        },
      ],
      status: { code: 2, message: "boom" },
      flags: 0x101, // sampled, parent remoteness known (no parent: not remote)
    });
  });

  it("writes the parent span id and a remote parent's flag", () => {
    const spans = record(([p]) => {
      const tracer = p!.getTracer("t");
      const root = tracer.startSpan("root");
      root.end();
      const remote = { traceId: "1".repeat(32), spanId: "2".repeat(16), traceFlags: 1, isRemote: true };
      tracer.startSpan("child", {}, trace.setSpanContext(ROOT_CONTEXT, remote)).end();
    });
    const [, child] = encode(spans);
    expect(child).toMatchObject({ traceId: "1".repeat(32), parentSpanId: "2".repeat(16), flags: 0x301 });
  });

  it("groups spans by resource and by scope", () => {
    const spans = record(([a, b]) => {
      a!.getTracer("one").startSpan("1").end();
      b!.getTracer("one").startSpan("2").end();
      a!.getTracer("two", "1").startSpan("3").end();
      a!.getTracer("one").startSpan("4").end();
    });
    const body = encodeTraceRequest(spans, undefined, () => {});
    expect(groupCounts(body)).toEqual({ resources: 2, scopes: 3 });
    const decoded = decodeSpans(body);
    expect(decoded.map((s) => `${s.resource["service.name"]}/${s.scope.name}/${s.name}`)).toEqual([
      "svc-a/one/1",
      "svc-a/one/4",
      "svc-a/two/3",
      "svc-b/one/2",
    ]);
  });

  it("encodes large and non-ASCII strings exactly", () => {
    const big = "x".repeat(200_000);
    const mixed = "aé日🚀\ud800z".repeat(1000); // includes a lone surrogate
    const [s] = encode(oneSpan({ big, mixed }));
    expect(s!.attributes["big"]).toBe(big);
    expect(s!.attributes["mixed"]).toBe(Buffer.from(mixed, "utf8").toString("utf8"));
  });

  it("turns values OTel would not hold into something the server reads", () => {
    const span = oneSpan({})[0]!;
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic["self"] = cyclic;
    Object.assign(span.attributes, {
      n: 10n,
      huge: 2n ** 70n,
      obj: { k: [1] },
      cyclic,
      nan: Number.NaN,
      u: undefined,
    });
    const [s] = encode([span]);
    expect(s!.attributes).toMatchObject({ n: 10, huge: "1180591620717411303424", obj: '{"k":[1]}' });
    expect(s!.attributes["cyclic"]).toBe('{"a":1,"self":"[Circular]"}');
    expect(s!.attributes["nan"]).toBeNaN();
    expect("u" in s!.attributes).toBe(false);
  });

  it("leaves out ids that are not hex of the right length", () => {
    const span = oneSpan({})[0]!;
    const broken = {
      ...span,
      spanContext: () => ({ traceId: "abc", spanId: "zz".repeat(8), traceFlags: 1 }),
    };
    const [s] = encode([broken as unknown as ReadableSpan]);
    expect(s!.traceId).toBe("");
    expect(s!.spanId).toBe("0000000000000000");
  });
});

describe("mask", () => {
  it("applies to content attributes and exception messages only, once per value", () => {
    const spans = oneSpan(
      {
        "gen_ai.input.messages": "secret prompt",
        "honeyhive_inputs.query": "secret",
        "gen_ai.request.model": "gpt-4o",
        count: 3,
      },
      [
        ["exception", { "exception.message": "secret in error", "exception.type": "Error" }],
        ["gen_ai.client.inference.operation.details", { "gen_ai.output.messages": "secret answer" }],
      ],
    );
    const mask = vi.fn((value: unknown, key: string) => `<${key}:${String(value).length}>`);
    const [s] = encode(spans, mask);
    expect(s!.attributes).toEqual({
      "gen_ai.input.messages": "<gen_ai.input.messages:13>",
      "honeyhive_inputs.query": "<honeyhive_inputs.query:6>",
      "gen_ai.request.model": "gpt-4o",
      count: 3,
    });
    expect(s!.events[0]!.attributes).toEqual({
      "exception.message": "<exception.message:15>",
      "exception.type": "Error",
    });
    expect(s!.events[1]!.attributes).toEqual({ "gen_ai.output.messages": "<gen_ai.output.messages:13>" });
    expect(mask).toHaveBeenCalledTimes(4);
  });

  it("applies to exception stack traces and to the status message (error text)", () => {
    const spans = record(([p]) => {
      const span = p!.getTracer("t").startSpan("s");
      span.recordException(new Error("failed for secret@example.com"));
      span.setStatus({ code: SpanStatusCode.ERROR, message: "failed for secret@example.com" });
      span.end();
    });
    const seen: string[] = [];
    const [s] = encode(spans, (value, key) => {
      seen.push(key);
      return String(value).replaceAll("secret@example.com", "<email>");
    });
    expect(JSON.stringify(s, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("secret@");
    expect(s!.status).toEqual({ code: 2, message: "failed for <email>" });
    expect(s!.events[0]!.attributes["exception.stacktrace"]).toMatch(/^Error: failed for <email>/);
    expect(seen.sort()).toEqual(["exception.message", "exception.stacktrace", "otel.status_description"]);
  });

  it("fails closed when the mask throws", () => {
    const onError = vi.fn();
    const [s] = encode(
      oneSpan({ "input.value": "secret", "output.value": "also secret", other: "kept" }),
      (value, key) => {
        if (key === "input.value") throw new Error("bug in mask");
        return value;
      },
      onError,
    );
    expect(s!.attributes).toEqual({
      "input.value": MASK_FAILED,
      "output.value": "also secret",
      other: "kept",
    });
    expect(onError).toHaveBeenCalledOnce();
  });

  it("hides a value whose mask result cannot be serialized, and removes one masked to undefined", () => {
    const poisoned = {
      toJSON() {
        throw new Error("nope");
      },
      toString() {
        throw new Error("nope");
      },
    };
    const [s] = encode(
      oneSpan({ "traceloop.entity.input": "a", "traceloop.entity.output": "b" }),
      (_v, key) => (key.endsWith("input") ? poisoned : undefined),
    );
    expect(s!.attributes).toEqual({ "traceloop.entity.input": "[Throws: nope]" });
  });

  it("keeps structured mask results: arrays as arrays, objects as JSON", () => {
    const [s] = encode(oneSpan({ "ai.prompt": "p", "ai.response.text": "r" }), (_v, key) =>
      key === "ai.prompt" ? ["a", 1] : { redacted: true },
    );
    expect(s!.attributes).toEqual({ "ai.prompt": ["a", 1], "ai.response.text": '{"redacted":true}' });
  });
});

/**
 * Spans recorded by the real OpenTelemetry JS SDK, serialized by its own OTLP
 * serializers (protobuf and JSON), must decode to exactly what was recorded.
 */

import type { SpanRecord } from "@honeyhive-ts/semconv";
import {
  context,
  type HrTime,
  type Attributes as OtelAttributes,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { decodeTracesJson, decodeTracesProtobuf, OtlpDecodeError } from "./index.js";

/** The double nearest to an exact decimal (a literal with this many digits would trip the linter). */
const nearest = (decimal: string): number => Number(decimal);

const BIG = "0123456789abcdef".repeat(128); // 2 KB

function at(seconds: number, nanos: number): HrTime {
  return [1_700_000_000 + seconds, nanos];
}

function recordSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const providerA = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "svc-a", "process.pid": 4242, "host.load": 0.5 }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const providerB = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "svc-b", "deployment.tags": ["blue", "canary"] }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const one = providerA.getTracer("scope-one", "1.2.3");
  const two = providerA.getTracer("scope-two");
  const three = providerB.getTracer("scope-three", "0.1.0");

  const root = one.startSpan("root", {
    kind: SpanKind.SERVER,
    startTime: at(0, 123_456_789),
    attributes: {
      str: "hello",
      unicode: "héllo wörld ✓ 🚀 日本語",
      empty: "",
      big: BIG,
      int: 42,
      negative: -7,
      zero: 0,
      maxSafe: Number.MAX_SAFE_INTEGER,
      double: 3.25,
      tiny: 1e-300,
      yes: true,
      no: false,
      strings: ["a", "b", ""],
      ints: [1, 2, 3],
      doubles: [1.5, 2],
      bools: [true, false],
      withNull: ["x", null, "y"],
      emptyList: [],
    },
  });
  root.addEvent(
    "request.received",
    { "http.method": "POST", size: 42, ok: true, ratio: 0.25 },
    at(0, 200_000_001),
  );
  root.addEvent("bare", undefined, at(1, 0));
  root.setStatus({ code: SpanStatusCode.OK });

  const rootCtx = trace.setSpan(context.active(), root);
  const child = two.startSpan("child", { kind: SpanKind.CLIENT, startTime: at(0, 500_000_000) }, rootCtx);
  child.setAttribute("honeyhive_event_type", "model");
  child.recordException(new Error("kaput"), at(0, 600_000_000));
  child.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });

  const grandchild = two.startSpan(
    "grandchild",
    {
      kind: SpanKind.PRODUCER,
      startTime: at(0, 700_000_000),
      links: [{ context: root.spanContext(), attributes: { "link.attr": 1 } }],
    },
    trace.setSpan(rootCtx, child),
  );
  grandchild.end(at(0, 800_000_000));
  child.end(at(0, 900_000_000));
  root.end(at(2, 999_999_999));

  const consumer = three.startSpan("consumer", { kind: SpanKind.CONSUMER, root: true });
  consumer.end();
  const unnamed = three.startSpan("", { startTime: at(5, 1) });
  unnamed.end(at(5, 1));

  return exporter.getFinishedSpans();
}

/** A span the SDK API cannot produce (kvlist, bytes, nested arrays) but the serializer can. */
function exoticSpan(resourceFrom: ReadableSpan): ReadableSpan {
  const attributes = {
    kv: { inner: "v", n: 1, nested: { deep: [true, { x: 2.5 }] } },
    bytes: new Uint8Array([0, 1, 2, 254, 255]),
    nestedArrays: [[1, 2], ["a"], []],
    mixed: ["s", 1, 1.5, false],
  } as unknown as OtelAttributes;
  return {
    name: "exotic",
    kind: SpanKind.INTERNAL,
    spanContext: () => ({
      traceId: "0af7651916cd43dd8448eb211c80319c",
      spanId: "b7ad6b7169203331",
      traceFlags: 1,
    }),
    parentSpanContext: {
      traceId: "0af7651916cd43dd8448eb211c80319c",
      spanId: "00f067aa0ba902b7",
      traceFlags: 1,
    },
    startTime: at(10, 0),
    endTime: at(10, 1),
    status: { code: SpanStatusCode.UNSET },
    attributes,
    links: [],
    events: [],
    duration: [0, 1],
    ended: true,
    resource: resourceFrom.resource,
    instrumentationScope: { name: "exotic-scope", version: "9" },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/** Exact Unix nanoseconds of an HrTime, as a BigInt. */
function hrNanos([s, ns]: HrTime): bigint {
  return BigInt(s) * 1_000_000_000n + BigInt(ns);
}

/**
 * |ms - nanos/1e6| in nanoseconds, computed exactly. A double near 1.7e12 ms is
 * spaced 2^-12 ms (~244 ns) apart, so "exact" means within one spacing.
 */
function errorNanos(ms: number, nanos: bigint): number {
  // ms = mantissa * 2^-12 exactly for values in [2^40, 2^41) ms (years 2004-2039).
  const scaled = BigInt(Math.round(ms * 4096));
  expect(Number(scaled) / 4096).toBe(ms);
  const diff = scaled * 1_000_000n - nanos * 4096n; // (ms - nanos/1e6) * 1e6 * 4096
  return Math.abs(Number(diff)) / 4096;
}

function expectTime(ms: number, time: HrTime): void {
  expect(errorNanos(ms, hrNanos(time))).toBeLessThanOrEqual(244.15);
}

function expectMatches(decoded: SpanRecord, s: ReadableSpan): void {
  const ctx = s.spanContext();
  expect(decoded.traceId).toBe(ctx.traceId);
  expect(decoded.spanId).toBe(ctx.spanId);
  expect(decoded.parentSpanId).toBe(s.parentSpanContext?.spanId);
  expect("parentSpanId" in decoded).toBe(s.parentSpanContext !== undefined);
  expect(decoded.name).toBe(s.name);
  expect(decoded.kind).toBe(s.kind + 1);
  expectTime(decoded.startTimeMs, s.startTime);
  expectTime(decoded.endTimeMs, s.endTime);
  expect(decoded.attributes).toEqual(s.attributes);
  expect(decoded.status).toEqual(s.status.message ? s.status : { code: s.status.code });
  expect(decoded.events.map((e) => ({ name: e.name, attributes: e.attributes }))).toEqual(
    s.events.map((e) => ({ name: e.name, attributes: e.attributes ?? {} })),
  );
  for (const [i, e] of decoded.events.entries()) expectTime(e.timeMs, s.events[i]!.time);
  expect(decoded.resource).toEqual(s.resource.attributes);
  const scope = s.instrumentationScope;
  expect(decoded.scope).toEqual(
    scope.version ? { name: scope.name, version: scope.version } : { name: scope.name },
  );
}

const recorded = recordSpans();
const all = [...recorded, exoticSpan(recorded[0]!)];
const protobufBody = ProtobufTraceSerializer.serializeRequest(all)!;
const jsonBody = JsonTraceSerializer.serializeRequest(all)!;

describe.each([
  ["protobuf", () => decodeTracesProtobuf(protobufBody)],
  ["json", () => decodeTracesJson(jsonBody)],
])("OTel SDK spans serialized as %s", (_format, decode) => {
  it("decode to what was recorded, span by span", () => {
    const { spans, rejected } = decode();
    expect(rejected).toEqual([]);
    expect(spans).toHaveLength(all.length);
    for (const s of all) {
      const decoded = spans.find((d) => d.spanId === s.spanContext().spanId);
      expect(decoded, s.name).toBeDefined();
      expectMatches(decoded!, s);
    }
  });

  it("keeps the exotic attribute shapes (kvlist, bytes, nested arrays)", () => {
    const exotic = decode().spans.find((d) => d.name === "exotic")!;
    expect(exotic.attributes["bytes"]).toBeInstanceOf(Uint8Array);
    expect(exotic.attributes).toEqual({
      kv: { inner: "v", n: 1, nested: { deep: [true, { x: 2.5 }] } },
      bytes: new Uint8Array([0, 1, 2, 254, 255]),
      nestedArrays: [[1, 2], ["a"], []],
      mixed: ["s", 1, 1.5, false],
    });
  });

  it("shares one resource object and one scope object among the spans that have them", () => {
    const { spans } = decode();
    const byName = new Map(spans.map((s) => [s.name, s]));
    expect(byName.get("root")!.resource).toBe(byName.get("child")!.resource);
    expect(byName.get("root")!.resource).not.toBe(byName.get("consumer")!.resource);
    expect(byName.get("child")!.scope).toBe(byName.get("grandchild")!.scope);
    expect(byName.get("root")!.scope).not.toBe(byName.get("child")!.scope);
  });

  it("links parent and child ids and keeps events' timestamps", () => {
    const byName = new Map(decode().spans.map((s) => [s.name, s]));
    const root = byName.get("root")!;
    expect(root.parentSpanId).toBeUndefined();
    expect(byName.get("child")!.parentSpanId).toBe(root.spanId);
    expect(byName.get("grandchild")!.parentSpanId).toBe(byName.get("child")!.spanId);
    expect(byName.get("consumer")!.traceId).not.toBe(root.traceId);
    expect(root.startTimeMs).toBeCloseTo(nearest("1700000000123.456789"), 3);
    expect(root.events[0]!.timeMs).toBeCloseTo(nearest("1700000000200.000001"), 3);
    expect(byName.get("child")!.events[0]!.name).toBe("exception");
  });
});

describe("protobuf and JSON of the same spans", () => {
  it("decode to identical SpanRecords, timestamps included", () => {
    const fromProtobuf = decodeTracesProtobuf(protobufBody).spans;
    const fromJson = decodeTracesJson(jsonBody).spans;
    expect(fromJson).toEqual(fromProtobuf);
    expect(fromJson.map((s) => s.startTimeMs)).toStrictEqual(fromProtobuf.map((s) => s.startTimeMs));
  });
});

describe("bodies that are views into a larger buffer", () => {
  it("decode the same as standalone bodies (byteOffset respected)", () => {
    for (const [body, decode] of [
      [protobufBody, decodeTracesProtobuf],
      [jsonBody, decodeTracesJson],
    ] as const) {
      const backing = new Uint8Array(body.length + 13).fill(0xff);
      backing.set(body, 7);
      expect(decode(backing.subarray(7, 7 + body.length))).toEqual(decode(body));
    }
  });
});

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Either a decoded result or an OtlpDecodeError; anything else fails the test. */
function decodeOrDecodeError(decode: () => unknown): "ok" | OtlpDecodeError {
  try {
    decode();
    return "ok";
  } catch (err) {
    if (err instanceof OtlpDecodeError) return err;
    throw err;
  }
}

describe("damaged protobuf bodies", () => {
  it("cut at every byte: decodes a valid prefix or throws OtlpDecodeError naming a byte offset", () => {
    let errors = 0;
    for (let cut = 0; cut < protobufBody.length; cut++) {
      const outcome = decodeOrDecodeError(() => decodeTracesProtobuf(protobufBody.subarray(0, cut)));
      if (outcome !== "ok") {
        errors++;
        expect(outcome.message).toMatch(/^protobuf .* at byte \d+/);
      }
    }
    // Only cuts between top-level ResourceSpans (and the empty body) can decode.
    expect(errors).toBeGreaterThan(protobufBody.length - 5);
  });

  it("with random byte flips (fixed seed): decodes or throws OtlpDecodeError, never hangs", () => {
    const random = prng(20240611);
    let errors = 0;
    for (let round = 0; round < 3000; round++) {
      const body = protobufBody.slice();
      const flips = 1 + Math.floor(random() * 4);
      for (let i = 0; i < flips; i++) body[Math.floor(random() * body.length)] = Math.floor(random() * 256);
      if (decodeOrDecodeError(() => decodeTracesProtobuf(body)) !== "ok") errors++;
    }
    expect(errors).toBeGreaterThan(0);
  });

  it("made of random bytes: decodes or throws OtlpDecodeError", () => {
    const random = prng(7);
    for (let round = 0; round < 2000; round++) {
      const body = new Uint8Array(1 + Math.floor(random() * 64)).map(() => Math.floor(random() * 256));
      decodeOrDecodeError(() => decodeTracesProtobuf(body));
    }
  });
});

describe("damaged JSON bodies", () => {
  it("cut at many points: throws OtlpDecodeError saying the JSON is invalid", () => {
    for (let cut = 0; cut < jsonBody.length; cut += 7) {
      const outcome = decodeOrDecodeError(() => decodeTracesJson(jsonBody.subarray(0, cut)));
      expect(outcome).toBeInstanceOf(OtlpDecodeError);
      expect((outcome as OtlpDecodeError).message).toMatch(/^invalid JSON: /);
    }
  });

  it("with random values swapped into the tree (fixed seed): decodes or throws OtlpDecodeError", () => {
    const random = prng(99);
    const replacements: unknown[] = [
      null,
      0,
      -1,
      1.5,
      "",
      "zz",
      "SPAN_KIND_SERVER",
      true,
      [],
      {},
      [{}],
      { values: 3 },
    ];
    let rejectedTotal = 0;
    for (let round = 0; round < 1500; round++) {
      const tree: unknown = JSON.parse(new TextDecoder().decode(jsonBody));
      for (let k = 0; k < 3; k++) mutate(tree, random, replacements);
      const outcome = decodeOrDecodeError(() => {
        rejectedTotal += decodeTracesJson(JSON.stringify(tree)).rejected.length;
      });
      expect(outcome === "ok" || outcome instanceof OtlpDecodeError).toBe(true);
    }
    expect(rejectedTotal).toBeGreaterThan(0);
  });
});

/** Replaces one random node of a JSON tree with a random value. */
function mutate(tree: unknown, random: () => number, replacements: unknown[]): void {
  let node = tree;
  for (let depth = 0; depth < 12; depth++) {
    if (typeof node !== "object" || node === null) return;
    const container = node as Record<string, unknown>;
    const keys = Object.keys(container);
    if (keys.length === 0) return;
    const key = keys[Math.floor(random() * keys.length)]!;
    const child = container[key];
    if (typeof child !== "object" || child === null || random() < 0.25) {
      container[key] = structuredClone(replacements[Math.floor(random() * replacements.length)]);
      return;
    }
    node = child;
  }
}

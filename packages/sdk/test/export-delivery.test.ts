import { afterEach, describe, expect, it } from "vitest";
import { type ExportOptions, ExportPipeline, type ExportTuning } from "../src/export/index.js";
import {
  endSpans,
  type FakeCollector,
  gate,
  startCollector,
  testLogger,
  tracerFor,
  waitUntil,
} from "./export-helpers.js";

let collector: FakeCollector;
let pipeline: ExportPipeline;

afterEach(async () => {
  await pipeline?.shutdown();
  await collector?.close();
});

function make(options: Partial<ExportOptions> = {}, tuning: Partial<ExportTuning> = {}) {
  pipeline = new ExportPipeline(
    {
      endpoint: collector.url,
      headers: { Authorization: "Bearer test-key", "X-Source": "sdk-test" },
      logger: testLogger(),
      ...options,
    },
    tuning,
  );
  return tracerFor(pipeline);
}

describe("delivery", () => {
  it("delivers every span with the headers, as protobuf, and counts them", async () => {
    collector = await startCollector();
    const tracer = make();
    endSpans(tracer, 25);
    expect(await pipeline.flush()).toBe(true);
    expect(collector.accepted.map((s) => s.name).sort()).toEqual(
      Array.from({ length: 25 }, (_, i) => `span-${i}`).sort(),
    );
    const headers = collector.received[0]!.headers;
    expect(headers["authorization"]).toBe("Bearer test-key");
    expect(headers["x-source"]).toBe("sdk-test");
    expect(headers["content-type"]).toBe("application/x-protobuf");
    expect(pipeline.stats()).toMatchObject({ exported: 25, dropped: 0, bufferedSpans: 0, bufferedBytes: 0 });
  });

  it("sends a batch when maxBatchSpans is reached, without waiting for the delay", async () => {
    collector = await startCollector();
    const tracer = make({ maxBatchSpans: 10, scheduleDelayMs: 3_600_000 });
    endSpans(tracer, 25);
    await waitUntil(() => pipeline.stats().exported === 20, "two full batches");
    expect(collector.received.map((r) => r.spans.length)).toEqual([10, 10]);
    expect(pipeline.stats().bufferedSpans).toBe(5);
    expect(await pipeline.flush()).toBe(true);
    expect(collector.received.map((r) => r.spans.length)).toEqual([10, 10, 5]);
  });

  it("cuts batches by estimated bytes (maxBatchBytes)", async () => {
    collector = await startCollector();
    const tracer = make({ maxBatchBytes: 8 * 1024, scheduleDelayMs: 3_600_000 });
    endSpans(tracer, 20, "big", { payload: "x".repeat(2000) });
    expect(await pipeline.flush()).toBe(true);
    const sizes = collector.received.map((r) => r.raw.length);
    expect(collector.accepted).toHaveLength(20);
    expect(collector.received.length).toBeGreaterThanOrEqual(5);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(8 * 1024);
  });

  it("sends a partial batch once scheduleDelayMs has passed", async () => {
    collector = await startCollector();
    const tracer = make({ scheduleDelayMs: 50 });
    endSpans(tracer, 3);
    await waitUntil(() => collector.accepted.length === 3, "the delayed batch");
    expect(collector.received).toHaveLength(1);
  });

  it("keeps at most two requests in flight while a backlog drains", async () => {
    const release = gate();
    collector = await startCollector(async () => {
      await release.promise;
      return { status: 200 };
    });
    const tracer = make({ maxBatchSpans: 5 });
    endSpans(tracer, 50);
    await waitUntil(() => collector.active === 2, "two requests held");
    expect(pipeline.stats().inFlightRequests).toBe(2);
    const flushed = pipeline.flush();
    release.open();
    expect(await flushed).toBe(true);
    expect(collector.maxActive).toBe(2);
    expect(collector.accepted).toHaveLength(50);
  });

  it("compresses with gzip when asked", async () => {
    collector = await startCollector();
    const tracer = make({ compression: "gzip" });
    endSpans(tracer, 10, "gz", { text: "repetitive ".repeat(200) });
    expect(await pipeline.flush()).toBe(true);
    const request = collector.received[0]!;
    expect(request.headers["content-encoding"]).toBe("gzip");
    expect(request.raw.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(request.raw.length).toBeLessThan(10 * 2200);
    expect(collector.accepted.map((s) => s.attributes["text"])).toEqual(
      Array(10).fill("repetitive ".repeat(200)),
    );
  });

  it("disableBatch: sends each span as it ends; waitFor resolves once it is delivered", async () => {
    collector = await startCollector();
    const tracer = make({ disableBatch: true, scheduleDelayMs: 3_600_000 });
    const span = tracer.startSpan("serverless");
    span.end();
    await pipeline.waitFor(span as never);
    expect(collector.accepted.map((s) => s.name)).toEqual(["serverless"]);
    expect(pipeline.stats().exported).toBe(1);
    await pipeline.waitFor(span as never); // already delivered: resolves at once
  });

  it("waitFor sends a batched span's batch at once and resolves after its timeout if it cannot", async () => {
    collector = await startCollector((_r, i) => (i === 0 ? { status: 200 } : { status: 503 }));
    const tracer = make({ scheduleDelayMs: 3_600_000 }, { shutdownTimeoutMs: 50 });
    const first = tracer.startSpan("first");
    first.end();
    await pipeline.waitFor(first as never);
    expect(collector.accepted.map((s) => s.name)).toEqual(["first"]);
    const second = tracer.startSpan("second");
    second.end();
    await pipeline.waitFor(second as never, 100);
    expect(pipeline.stats()).toMatchObject({ exported: 1, bufferedSpans: 1 });
  });

  it("skips spans that are recorded but not sampled", async () => {
    collector = await startCollector();
    const tracer = make();
    const span = tracer.startSpan("unsampled");
    (span.spanContext() as { traceFlags: number }).traceFlags = 0;
    span.end();
    endSpans(tracer, 1);
    expect(await pipeline.flush()).toBe(true);
    expect(collector.accepted.map((s) => s.name)).toEqual(["span-0"]);
    expect(pipeline.stats().dropped).toBe(0);
  });
});

import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { ExportPipeline } from "../src/export/index.js";
import { endSpans, gate, pipelineFixture, testLogger, tracerFor, waitUntil } from "./export-helpers.js";

const fx = pipelineFixture({ tuning: { shutdownTimeoutMs: 200 } });
const setup = fx.setup;

describe("byte-bounded buffer", () => {
  it("drops new spans as buffer_full while the server holds requests, keeps the rest, then delivers them", async () => {
    const release = gate();
    const { tracer, pipeline, collector } = await setup(
      async () => {
        await release.promise;
        return { status: 200 };
      },
      { maxBufferBytes: 64 * 1024, maxBatchSpans: 8 },
    );
    const accepted: string[] = [];
    for (let i = 0; i < 200; i++) {
      const before = pipeline.stats().dropped;
      tracer.startSpan(`span-${i}`, { attributes: { payload: "x".repeat(1000) } }).end();
      if (pipeline.stats().dropped === before) accepted.push(`span-${i}`);
      expect(pipeline.stats().bufferedBytes).toBeLessThanOrEqual(64 * 1024);
      if (i === 100) await waitUntil(() => collector.active === 2, "two batches in flight");
    }
    const stats = pipeline.stats();
    expect(stats.droppedByReason).toEqual({ buffer_full: 200 - accepted.length });
    // 64 KiB at about 1.9 KB per span (1,000 characters of payload plus the span object)
    expect(accepted.length).toBeGreaterThan(25);
    expect(accepted.length).toBeLessThan(45);
    // The oldest spans are kept: the drops are the newest ones.
    expect(accepted).toEqual(Array.from({ length: accepted.length }, (_, i) => `span-${i}`));
    // Spans in flight still count against the bound.
    expect(stats.bufferedSpans).toBe(accepted.length);
    expect(fx.logger.warnings.join("\n")).toContain("export buffer is full");
    release.open();
    expect(await pipeline.flush()).toBe(true);
    expect(collector.accepted.map((s) => s.name).sort()).toEqual([...accepted].sort());
    expect(pipeline.stats()).toMatchObject({ exported: accepted.length, bufferedBytes: 0, bufferedSpans: 0 });
  });
});

describe("flush", () => {
  it("returns false at its timeout, never rejects, and true once the server answers", async () => {
    const release = gate();
    const { tracer, pipeline } = await setup(async () => {
      await release.promise;
      return { status: 200 };
    });
    endSpans(tracer, 3);
    expect(await pipeline.flush(50)).toBe(false);
    expect(await pipeline.flush(0)).toBe(false);
    release.open();
    expect(await pipeline.flush()).toBe(true);
    expect(await pipeline.flush()).toBe(true); // nothing buffered
  });

  it("waits only for what was buffered when it was called", async () => {
    const release = gate();
    const { tracer, pipeline, collector } = await setup(async (r) => {
      if (r.spans.some((s) => s.name === "late-0")) return "hang";
      await release.promise;
      return { status: 200 };
    });
    endSpans(tracer, 3, "early");
    const flushed = pipeline.flush();
    await waitUntil(() => collector.active === 1, "the early batch in flight");
    endSpans(tracer, 1, "late");
    await waitUntil(() => collector.received.length === 2, "the late batch sent");
    release.open();
    expect(await flushed).toBe(true);
    expect(collector.accepted.map((s) => s.name)).toEqual(["early-0", "early-1", "early-2"]);
    expect(pipeline.stats().bufferedSpans).toBe(1);
  });

  it("forceFlush (the SpanProcessor method) resolves", async () => {
    const { tracer, pipeline, collector } = await setup(() => ({ status: 200 }));
    endSpans(tracer, 2);
    await expect(pipeline.forceFlush()).resolves.toBeUndefined();
    expect(collector.accepted).toHaveLength(2);
  });
});

describe("shutdown", () => {
  it("is idempotent, delivers what is buffered, and counts later spans as dropped", async () => {
    const { tracer, pipeline, collector } = await setup(
      () => ({ status: 200 }),
      { scheduleDelayMs: 3_600_000 },
      { shutdownTimeoutMs: 20_000 },
    );
    endSpans(tracer, 5);
    const first = pipeline.shutdown();
    expect(pipeline.shutdown()).toBe(first);
    await first;
    expect(collector.accepted).toHaveLength(5);
    endSpans(tracer, 2, "after");
    expect(pipeline.stats()).toMatchObject({ exported: 5, dropped: 2, droppedByReason: { shutdown: 2 } });
    await pipeline.shutdown();
    expect(await pipeline.flush()).toBe(true);
  });

  it("counts what it could not deliver within its timeout as dropped", async () => {
    const { tracer, pipeline } = await setup(() => ({ status: 503 }), {}, { shutdownTimeoutMs: 100 });
    endSpans(tracer, 7);
    const flushed = pipeline.flush(3_600_000);
    await pipeline.shutdown();
    expect(pipeline.stats()).toMatchObject({
      exported: 0,
      dropped: 7,
      droppedByReason: { shutdown: 7 },
      bufferedSpans: 0,
      bufferedBytes: 0,
    });
    expect(await flushed).toBe(true); // everything it waited for was dropped (counted)
    expect(fx.logger.warnings.join("\n")).toContain("7 span(s) could not be delivered before shutdown");
  });
});

describe("never breaks the host", () => {
  it("survives garbage in onEnd and keeps working", async () => {
    const { tracer, pipeline, collector } = await setup(() => ({ status: 200 }));
    const throwing = {
      spanContext: () => ({ traceId: "1".repeat(32), spanId: "2".repeat(16), traceFlags: 1 }),
      get name(): string {
        throw new Error("hostile getter");
      },
    };
    for (const bad of [null, undefined, {}, 42, throwing]) {
      expect(() => pipeline.onEnd(bad as unknown as ReadableSpan)).not.toThrow();
    }
    expect(() => pipeline.onStart()).not.toThrow();
    endSpans(tracer, 2);
    expect(await pipeline.flush()).toBe(true);
    expect(collector.accepted).toHaveLength(2);
    expect(pipeline.stats().droppedByReason["internal_error"]).toBe(5);
  });

  it("drops a span that cannot be encoded without losing its batch", async () => {
    const { tracer, pipeline, collector } = await setup(() => ({ status: 200 }), {
      scheduleDelayMs: 3_600_000,
    });
    endSpans(tracer, 2, "good");
    const bad = tracer.startSpan("bad");
    bad.end();
    Object.defineProperty(bad, "events", {
      get() {
        throw new Error("broken events");
      },
    });
    endSpans(tracer, 2, "also-good");
    expect(await pipeline.flush()).toBe(true);
    expect(collector.accepted.map((s) => s.name)).toEqual(["good-0", "good-1", "also-good-0", "also-good-1"]);
    expect(pipeline.stats()).toMatchObject({ exported: 4, dropped: 1, droppedByReason: { encode_error: 1 } });
  });

  it("does not throw on a bad endpoint or bad options: warns once and drops", async () => {
    fx.logger = testLogger();
    const pipeline = new ExportPipeline({
      endpoint: "not a url",
      headers: { "bad header": "x", ok: "y" },
      maxBufferBytes: -1,
      logger: fx.logger,
    });
    fx.pipeline = pipeline;
    endSpans(tracerFor(pipeline), 3);
    expect(pipeline.stats()).toMatchObject({ dropped: 3, droppedByReason: { invalid_endpoint: 3 } });
    expect(await pipeline.flush()).toBe(true);
    const warnings = fx.logger.warnings.join("\n");
    expect(warnings).toContain("is not an http(s) URL");
    expect(warnings).toContain('Ignoring the export header "bad header"');
    expect(warnings).toContain("Ignoring maxBufferBytes=-1");
  });

  it("keeps memory bounded when spans end faster than a dead server: buffered bytes never pass the bound", async () => {
    const { tracer, pipeline } = await setup(
      () => "destroy",
      { maxBufferBytes: 16 * 1024 },
      { shutdownTimeoutMs: 10 },
    );
    for (let round = 0; round < 20; round++) {
      endSpans(tracer, 50, `r${round}`, { text: "y".repeat(300) });
      expect(pipeline.stats().bufferedBytes).toBeLessThanOrEqual(16 * 1024);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitUntil(() => pipeline.stats().retried > 3, "retries");
    const s = pipeline.stats();
    expect(s.exported + s.dropped + s.bufferedSpans).toBe(1000);
    expect(s.droppedByReason["buffer_full"]).toBeGreaterThan(900);
  });
});

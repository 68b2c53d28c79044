import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { ExportPipeline } from "../src/export/index.js";
import { endSpans, FAST, pipelineFixture, testLogger, tracerFor, waitUntil } from "./export-helpers.js";

const fx = pipelineFixture({ tuning: { shutdownTimeoutMs: 100 } });
const setup = fx.setup;

/** ExportTraceServiceResponse with a partial success. */
function partialSuccess(rejected: number, message: string): Buffer {
  const msg = Buffer.from(message);
  const inner = Buffer.concat([Buffer.from([0x08, rejected, 0x12, msg.length]), msg]);
  return Buffer.concat([Buffer.from([0x0a, inner.length]), inner]);
}

describe("retries", () => {
  it("waits for Retry-After on 503, then delivers", async () => {
    const arrivals: number[] = [];
    const { tracer, pipeline } = await setup(() => {
      arrivals.push(Date.now());
      return arrivals.length === 1 ? { status: 503, headers: { "retry-after": "1" } } : { status: 200 };
    });
    endSpans(tracer, 5);
    expect(await pipeline.flush()).toBe(true);
    expect(fx.collector!.accepted).toHaveLength(5);
    expect(pipeline.stats()).toMatchObject({ exported: 5, retried: 1, dropped: 0 });
    // Without Retry-After the test backoff would be under 20 ms.
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(900);
  });

  it.each([408, 429, 500, 502, 503, 504])("retries HTTP %d", async (status) => {
    const { tracer, pipeline } = await setup((_r, i) => (i < 2 ? { status } : { status: 200 }));
    endSpans(tracer, 3);
    expect(await pipeline.flush()).toBe(true);
    expect(pipeline.stats()).toMatchObject({ exported: 3, retried: 2, dropped: 0 });
    expect(pipeline.stats().lastError).toContain(`HTTP ${status}`);
  });

  it("retries connections cut mid-request", async () => {
    const { tracer, pipeline } = await setup((_r, i) => (i < 3 ? "destroy" : { status: 200 }));
    endSpans(tracer, 4);
    expect(await pipeline.flush()).toBe(true);
    expect(pipeline.stats()).toMatchObject({ exported: 4, retried: 3, dropped: 0 });
  });

  it("retries a request that gets no response within exportTimeoutMs", async () => {
    const { tracer, pipeline } = await setup((_r, i) => (i === 0 ? "hang" : { status: 200 }), {
      exportTimeoutMs: 200,
    });
    endSpans(tracer, 2);
    expect(await pipeline.flush()).toBe(true);
    expect(pipeline.stats()).toMatchObject({ exported: 2, retried: 1 });
    expect(pipeline.stats().lastError).toContain("no response within 200 ms");
  });

  it("retries when nothing listens, and keeps the spans", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    fx.logger = testLogger();
    const pipeline = new ExportPipeline(
      { endpoint: `http://127.0.0.1:${port}/v1/traces`, headers: {}, logger: fx.logger, scheduleDelayMs: 10 },
      { ...FAST, shutdownTimeoutMs: 100 },
    );
    fx.pipeline = pipeline;
    endSpans(tracerFor(pipeline), 3);
    await waitUntil(() => pipeline.stats().retried >= 2, "two retries");
    expect(pipeline.stats()).toMatchObject({ exported: 0, dropped: 0, bufferedSpans: 3 });
    expect(pipeline.stats().lastError).toContain("ECONNREFUSED");
  });
});

describe("refusals", () => {
  it("drops a batch refused with 401, counts it, and says to check the API key", async () => {
    const { tracer, pipeline } = await setup(() => ({
      status: 401,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ error: { code: "HH_E_AUTH", message: "Invalid API key" } }),
    }));
    endSpans(tracer, 4);
    expect(await pipeline.flush()).toBe(true);
    expect(pipeline.stats()).toMatchObject({
      exported: 0,
      dropped: 4,
      droppedByReason: { http_401: 4 },
      retried: 0,
    });
    expect(fx.collector!.received).toHaveLength(1);
    expect(fx.logger.warnings.join("\n")).toMatch(/Invalid API key.*Check the API key/);
  });

  it.each([400, 403, 404, 415])("does not retry HTTP %d", async (status) => {
    const { tracer, pipeline } = await setup(() => ({ status }));
    endSpans(tracer, 2);
    expect(await pipeline.flush()).toBe(true);
    expect(pipeline.stats()).toMatchObject({
      dropped: 2,
      droppedByReason: { [`http_${status}`]: 2 },
      retried: 0,
    });
  });

  it("counts spans rejected in a partial success", async () => {
    const { tracer, pipeline } = await setup(() => ({
      status: 200,
      headers: { "content-type": "application/x-protobuf" },
      body: partialSuccess(2, "2 spans rejected: bad ids"),
    }));
    endSpans(tracer, 5);
    expect(await pipeline.flush()).toBe(true);
    expect(pipeline.stats()).toMatchObject({ exported: 3, dropped: 2, droppedByReason: { rejected: 2 } });
    expect(fx.logger.warnings.join("\n")).toContain("bad ids");
  });

  it("splits a batch the server finds too large (413) until the halves fit", async () => {
    const { tracer, pipeline } = await setup(
      (r) => (r.spans.length > 3 ? { status: 413 } : { status: 200 }),
      {
        scheduleDelayMs: 3_600_000,
      },
    );
    endSpans(tracer, 16);
    expect(await pipeline.flush()).toBe(true);
    expect(fx.collector!.accepted.map((s) => s.name).sort()).toEqual(
      Array.from({ length: 16 }, (_, i) => `span-${i}`).sort(),
    );
    expect(pipeline.stats()).toMatchObject({ exported: 16, dropped: 0 });
  });

  it("drops a single span that is still too large, and delivers the others", async () => {
    const { tracer, pipeline } = await setup((r) =>
      r.spans.some((s) => s.name === "huge-0") ? { status: 413 } : { status: 200 },
    );
    endSpans(tracer, 3, "small");
    endSpans(tracer, 1, "huge", { blob: "x".repeat(50_000) });
    endSpans(tracer, 3, "after");
    expect(await pipeline.flush()).toBe(true);
    expect(pipeline.stats()).toMatchObject({ exported: 6, dropped: 1, droppedByReason: { too_large: 1 } });
    expect(fx.collector!.accepted.some((s) => s.name === "huge-0")).toBe(false);
    expect(fx.logger.warnings.join("\n")).toContain("larger than the server accepts");
  });
});

import { describe, expect, it } from "vitest";
import type { ExportTuning } from "../src/export/index.js";
import { endSpans, gate, pipelineFixture, type Responder, waitUntil } from "./export-helpers.js";

const fx = pipelineFixture({ options: { maxBatchSpans: 10 } });
const setup = (respond: Responder, tuning: Partial<ExportTuning>) => fx.setup(respond, {}, tuning);

describe("circuit breaker", () => {
  it("opens after 5 consecutive failures, then makes no request until its cooldown ends", async () => {
    const { tracer, pipeline, collector } = await setup(() => ({ status: 503 }), {
      breakerCooldownMs: 3_600_000,
      shutdownTimeoutMs: 3_600_000,
    });
    endSpans(tracer, 30);
    await waitUntil(() => pipeline.stats().breaker === "open", "the breaker to open");
    await waitUntil(() => pipeline.stats().inFlightRequests === 0, "requests started before opening to end");
    const sent = collector.received.length;
    expect(sent).toBeGreaterThanOrEqual(5);
    expect(sent).toBeLessThanOrEqual(6); // the fifth failure, plus at most one request already in flight
    expect(await pipeline.flush(300)).toBe(false);
    expect(collector.received.length).toBe(sent);
    expect(fx.logger.warnings.join("\n")).toContain("Cannot deliver spans");
    // Shutdown's last chance is one probe; when it fails, shutdown gives up at once instead of
    // waiting for its (here one hour) timeout, and counts what is left.
    await pipeline.shutdown();
    expect(collector.received.length).toBe(sent + 1);
    expect(pipeline.stats()).toMatchObject({ exported: 0, dropped: 30, droppedByReason: { shutdown: 30 } });
  });

  it("half-opens with a single probe, closes when it succeeds, and drains the backlog", async () => {
    let down = true;
    const hold = gate();
    const { tracer, pipeline, collector } = await setup(
      async (_r, i) => {
        if (down) return { status: 502 };
        if (i === probeIndex) await hold.promise;
        return { status: 200 };
      },
      { breakerCooldownMs: 100 },
    );
    let probeIndex = -1;
    endSpans(tracer, 40);
    await waitUntil(() => pipeline.stats().breaker === "open", "the breaker to open");
    await waitUntil(() => pipeline.stats().inFlightRequests === 0, "requests started before opening to end");
    probeIndex = collector.received.length;
    down = false;
    await waitUntil(() => collector.received.length > probeIndex, "the probe");
    expect(pipeline.stats().breaker).toBe("half-open");
    // While the probe is held, nothing else is sent (a second request would arrive within a few ms).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(collector.received.length).toBe(probeIndex + 1);
    hold.open();
    expect(await pipeline.flush()).toBe(true);
    expect(pipeline.stats()).toMatchObject({ exported: 40, dropped: 0, breaker: "closed" });
    expect(collector.accepted).toHaveLength(40);
  });

  it("reopens with a doubled cooldown each time the probe fails", async () => {
    const arrivals: number[] = [];
    const { tracer, collector } = await setup(
      () => {
        arrivals.push(Date.now());
        return { status: 500 };
      },
      { breakerCooldownMs: 50, breakerMaxCooldownMs: 3_600_000, maxInFlight: 1, shutdownTimeoutMs: 10 },
    );
    endSpans(tracer, 20);
    await waitUntil(() => collector.received.length >= 8, "three probes after the breaker opened");
    // Requests 0-4 fail and open the breaker; 5, 6, 7 are probes after cooldowns of 50, 100, 200 ms.
    const gaps = [5, 6, 7].map((i) => arrivals[i]! - arrivals[i - 1]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
    expect(gaps[2]).toBeGreaterThanOrEqual(195);
  });
});

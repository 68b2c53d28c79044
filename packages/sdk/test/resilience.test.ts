import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, trace } from "../src/index.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;

beforeAll(async () => {
  srv = await startSdkTestServer();
});

afterAll(async () => {
  await srv.stop();
});

describe("a server that goes away and comes back", () => {
  it("buffers what fits, counts every drop, never makes the application wait, and delivers on recovery", async () => {
    const t = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      sessionName: "outage",
      maxBufferBytes: 512 * 1024,
    });
    const payload = "x".repeat(1000);
    const work = trace((i: number, blob: string) => blob.length + i, { tracer: t, name: "work" });
    const asyncWork = trace(async (i: number) => i, { tracer: t, name: "async-work" });

    // warm up while the server is up
    for (let i = 0; i < 10; i++) work(i, payload);
    expect(await t.flush()).toBe(true);

    await srv.close();
    const total = 3000;
    for (let i = 0; i < total; i++) {
      // sync calls stay sync and return their value: nothing waits on the network
      expect(work(i, payload)).toBe(1000 + i);
    }
    const asyncResults = await Promise.all(Array.from({ length: 200 }, (_, i) => asyncWork(i)));
    expect(asyncResults[199]).toBe(199);
    // let the exporter fail a few times so the breaker opens
    await new Promise((r) => setTimeout(r, 1500));
    const down = t.stats();
    expect(down.droppedByReason["buffer_full"]).toBeGreaterThan(0);
    expect(down.bufferedBytes).toBeLessThanOrEqual(512 * 1024);
    expect(down.exported).toBe(10);

    await srv.restart();
    expect(await t.flush(60_000)).toBe(true);
    const after = t.stats();
    expect(after.bufferedSpans).toBe(0);
    // every span is either delivered or counted as dropped
    expect(after.exported + after.dropped).toBe(10 + total + 200);
    expect(after.dropped).toBe(after.droppedByReason["buffer_full"]);
    const events = await srv.waitForSession(t.sessionId, (ev) => ev.length === after.exported + 1, 60_000);
    expect(events.filter((e) => e.event_type !== "session")).toHaveLength(after.exported);
    await t.shutdown();
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, trace } from "../src/index.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

/** The tracer reports its export counters to the server, which shows them on GET /v1/sdk/health. */
describe("sdk health reporting", () => {
  let srv: SdkTestServer;
  beforeAll(async () => {
    srv = await startSdkTestServer();
  });
  afterAll(async () => srv.stop());

  it("reports exported and dropped spans at shutdown", async () => {
    // The smallest buffer, and spans larger than it: each one is dropped as buffer_full.
    const tiny = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      source: "health-dropping",
      flushOnExit: false,
      maxBufferBytes: 1024,
    });
    const tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      source: "health-ok",
      sessionName: "health-service",
      flushOnExit: false,
    });
    const work = (n: number) => n * 2;
    for (let i = 0; i < 3; i++) trace(work, { tracer })(i);
    const big = (text: string) => text.length;
    for (let i = 0; i < 2; i++) trace(big, { tracer: tiny })("x".repeat(4000));
    const dropped = tiny.stats().dropped;
    await tracer.shutdown();
    await tiny.shutdown();

    const res = await srv.call("GET", "/v1/sdk/health");
    expect(res.status).toBe(200);
    const bySource = new Map((res.body.clients as any[]).map((c) => [c.source, c]));
    expect(bySource.get("health-ok")).toMatchObject({
      sdk_name: "@honeyhive-ts/sdk",
      service_name: "health-service",
      spans_exported: 3,
      spans_dropped: 0,
      buffer_bytes: 0,
    });
    expect(dropped).toBeGreaterThan(0);
    expect(bySource.get("health-dropping")).toMatchObject({
      spans_dropped: dropped,
      dropped_by_reason: { buffer_full: dropped },
    });
    expect(typeof bySource.get("health-ok").instance_id).toBe("string");
  });
});

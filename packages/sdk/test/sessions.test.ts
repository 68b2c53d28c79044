import { context, trace as otelTrace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, trace, withSession } from "../src/index.js";
import { byName, type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;

beforeAll(async () => {
  srv = await startSdkTestServer();
});

afterAll(async () => {
  await srv.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sessions", () => {
  it("1,000 concurrent requests: every span lands in its own request's session", async () => {
    const t = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      sessionName: "server",
    });
    const lookup = trace(
      async (n: number) => {
        await sleep(n % 7);
        return n;
      },
      { tracer: t, name: "lookup" },
    );
    const answer = trace(
      async (n: number) => {
        const a = await lookup(n);
        await sleep(n % 5);
        const b = await lookup(n + 1);
        return a + b;
      },
      { tracer: t, name: "answer" },
    );
    const sessions: string[] = [];
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        t.withSession({ sessionName: `request-${i}`, userProperties: { user: `u${i}` } }, async () => {
          sessions[i] = t.currentSession().sessionId;
          return answer(i);
        }),
      ),
    );
    expect(results[10]).toBe(21);
    expect(new Set(sessions).size).toBe(1000);
    expect(await t.flush(60_000)).toBe(true);
    expect(t.stats().exported).toBe(3000);
    expect(t.stats().dropped).toBe(0);
    // every session holds exactly its own three spans, with its own inputs
    const sample = [0, 1, 137, 500, 998, 999];
    for (const i of sample) {
      const events = await srv.waitForSession(sessions[i]!, (ev) => ev.length === 4);
      const a = byName(events, "answer");
      expect(a.inputs).toEqual({ n: i });
      const lookups = events
        .filter((e) => e.event_name === "lookup")
        .map((e) => e.inputs.n)
        .sort((x, y) => x - y);
      expect(lookups).toEqual([i, i + 1]);
      const session = events.find((e) => e.event_type === "session");
      expect(session.event_name).toBe(`request-${i}`);
      expect(session.user_properties).toEqual({ user: `u${i}` });
    }
    const res = await srv.call("POST", "/events/export", {
      filters: [{ field: "event_name", value: "answer", operator: "is", type: "string" }],
      limit: 2000,
    });
    const bySession = new Map<string, number>();
    for (const e of res.body.events) bySession.set(e.session_id, e.inputs.n);
    expect(bySession.size).toBe(1000);
    for (let i = 0; i < 1000; i++) expect(bySession.get(sessions[i]!)).toBe(i);
    await t.shutdown();
  }, 120_000);

  it("two tracers in one process keep their own sessions; free functions find the tracer of their context", async () => {
    const a = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      sessionName: "A",
    });
    const b = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      sessionName: "B",
    });
    const unbound = trace(async (x: string) => x, { name: "unbound" });
    await a.withSession({ sessionName: "A-req" }, () => unbound("in-a"));
    await b.withSession({ sessionName: "B-req" }, () => unbound("in-b"));
    const inA = a.createSession({ sessionName: "A2" });
    await withSession(inA, () => unbound("in-a2"), { tracer: a });
    await Promise.all([a.flush(), b.flush()]);
    expect(a.stats().exported).toBe(2);
    expect(b.stats().exported).toBe(1);
    const eventsA2 = await srv.waitForSession(inA.sessionId, (ev) => ev.length === 2);
    expect(byName(eventsA2, "unbound").inputs).toEqual({ x: "in-a2" });
    await Promise.all([a.shutdown(), b.shutdown()]);
  });

  it("coexists with the application's own OpenTelemetry set-up: spans leak neither way", async () => {
    const appExporter = new InMemorySpanExporter();
    const appProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(appExporter)] });
    otelTrace.setGlobalTracerProvider(appProvider);
    try {
      const t = HoneyHiveTracer.init({
        apiKey: srv.key,
        serverUrl: srv.url,
        flushOnExit: false,
        sessionName: "coexist",
      });
      const appTracer = otelTrace.getTracer("app");
      const ours = trace(() => "ours", { tracer: t, name: "ours" });
      appTracer.startActiveSpan("app-span", (span) => {
        ours();
        span.end();
      });
      await t.startSpan("our-parent", () => {
        appTracer.startSpan("app-inside-ours", {}, context.active()).end();
      });
      await t.flush();
      await appProvider.forceFlush();
      const appNames = appExporter
        .getFinishedSpans()
        .map((s) => s.name)
        .sort();
      expect(appNames).toEqual(["app-inside-ours", "app-span"]);
      expect(t.stats().exported).toBe(2);
      const events = await srv.waitForSession(t.sessionId, (ev) => ev.length === 3);
      expect(events.map((e) => e.event_name).sort()).toEqual(["coexist", "our-parent", "ours"]);
      await t.shutdown();
    } finally {
      otelTrace.disable();
      await appProvider.shutdown();
    }
  });

  it("a session that was never started (server down at init) is created from its spans", async () => {
    await srv.close();
    const t = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      sessionName: "late",
    });
    const f = trace(() => "x", { tracer: t, name: "early" });
    f();
    await sleep(200);
    await srv.restart();
    expect(await t.flush(30_000)).toBe(true);
    const events = await srv.waitForSession(t.sessionId, (ev) => ev.length === 2);
    expect(events.find((e) => e.event_type === "session").event_name).toBe("late");
    await t.shutdown();
  }, 60_000);
});

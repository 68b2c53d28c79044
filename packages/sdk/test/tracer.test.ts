import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  enrichSession,
  enrichSpan,
  HoneyHiveTracer,
  trace,
  traceChain,
  traceModel,
  traceTool,
} from "../src/index.js";
import { resetWarnings } from "../src/internal/logger.js";
import { byName, type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
const tracers: HoneyHiveTracer[] = [];

function tracer(options: Parameters<typeof HoneyHiveTracer.init>[0] = {}): HoneyHiveTracer {
  const t = HoneyHiveTracer.init({ apiKey: srv.key, serverUrl: srv.url, flushOnExit: false, ...options });
  tracers.push(t);
  return t;
}

beforeAll(async () => {
  srv = await startSdkTestServer();
});

afterAll(async () => {
  await Promise.all(tracers.map((t) => t.shutdown()));
  await srv.stop();
});

describe("HoneyHiveTracer against the real server", () => {
  it("without an API key warns once, naming the option and the env var, and does nothing", async () => {
    resetWarnings();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const saved = { a: process.env["HH_API_KEY"], b: process.env["HONEYHIVE_API_KEY"] };
    delete process.env["HH_API_KEY"];
    delete process.env["HONEYHIVE_API_KEY"];
    try {
      const t1 = HoneyHiveTracer.init({ serverUrl: srv.url });
      const t2 = HoneyHiveTracer.init({ serverUrl: srv.url });
      const add = trace((a: number, b: number) => a + b, { tracer: t1 });
      expect(add(2, 3)).toBe(5);
      expect(t1.enabled).toBe(false);
      expect(await t2.flush()).toBe(true);
      expect(t1.stats().exported).toBe(0);
      const lines = warn.mock.calls.map((c) => c.join(" ")).filter((l) => l.includes("API key"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain("apiKey");
      expect(lines[0]).toContain("HH_API_KEY");
      await Promise.all([t1.shutdown(), t2.shutdown()]);
    } finally {
      warn.mockRestore();
      if (saved.a !== undefined) process.env["HH_API_KEY"] = saved.a;
      if (saved.b !== undefined) process.env["HONEYHIVE_API_KEY"] = saved.b;
    }
  });

  it("records sync, async, nested and failing calls in the tracer's session", async () => {
    const t = tracer({ sessionName: "core-test", source: "test" });
    const tokenize = traceTool((text: string) => text.split(" "), { tracer: t, name: "tokenize" });
    const complete = traceModel(
      async (prompt: string, opts: { temperature: number }) => `echo: ${prompt} @${opts.temperature}`,
      {
        tracer: t,
        name: "complete",
      },
    );
    const runPipeline = traceChain(
      async function pipeline(question: string) {
        const words = tokenize(question);
        return complete(words.join("+"), { temperature: 0.5 });
      },
      { tracer: t },
    );
    const boom = trace(
      () => {
        throw new TypeError("bad thing");
      },
      { tracer: t, name: "boom" },
    );

    const syncResult = tokenize("not nested");
    expect(syncResult).toEqual(["not", "nested"]);
    expect(await runPipeline("hello world")).toBe("echo: hello+world @0.5");
    const err = (() => {
      try {
        boom();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe("bad thing");

    expect(await t.flush()).toBe(true);
    const events = await srv.waitForSession(t.sessionId, (ev) => ev.length >= 6);
    const session = events.find((e) => e.event_type === "session");
    expect(session.event_name).toBe("core-test");
    expect(session.source).toBe("test");
    const p = byName(events, "pipeline");
    const m = byName(events, "complete");
    expect(p.event_type).toBe("chain");
    expect(p.inputs).toEqual({ question: "hello world" });
    expect(p.outputs).toEqual({ result: "echo: hello+world @0.5" });
    expect(p.parent_id).toBe(t.sessionId);
    expect(m.event_type).toBe("model");
    expect(m.parent_id).toBe(p.event_id);
    expect(m.inputs).toEqual({ prompt: "hello+world", opts: { temperature: 0.5 } });
    const nestedTokenize = events.filter((e) => e.event_name === "tokenize");
    expect(nestedTokenize).toHaveLength(2);
    expect(nestedTokenize.some((e) => e.parent_id === p.event_id)).toBe(true);
    const b = byName(events, "boom");
    expect(b.error).toBe("bad thing");
  });

  it("sync functions stay sync and keep `this`", () => {
    const t = tracer();
    const obj = {
      factor: 3,
      times: trace(
        function (this: { factor: number }, x: number) {
          return this.factor * x;
        },
        { tracer: t },
      ),
    };
    const out = obj.times(2);
    expect(out).toBe(6);
    expect(out).not.toBeInstanceOf(Promise);
  });

  it("a rejected promise passes the same error object through", async () => {
    const t = tracer();
    const original = new Error("nope");
    const f = trace(
      async () => {
        throw original;
      },
      { tracer: t },
    );
    await expect(f()).rejects.toBe(original);
  });

  it("enrichSpan and enrichSession land on the event and the session", async () => {
    const t = tracer({ sessionName: "enrich-test", metadata: { started: "yes" } });
    const step = trace(
      async (x: number) => {
        enrichSpan({
          metadata: { stage: "one", nested: { deep: [1, 2] } },
          metrics: { score: 0.9 },
          feedback: { ok: true },
        });
        enrichSpan({ metadata: { second: "call" }, userProperties: { user_id: "u1" } });
        return x * 2;
      },
      { tracer: t, name: "step" },
    );
    await step(21);
    enrichSession({
      tracer: t,
      metadata: { finished: true },
      feedback: { rating: 5 },
      metrics: { turns: 1 },
    });
    expect(await t.flush()).toBe(true);
    const events = await srv.waitForSession(t.sessionId, (ev) => byName(ev, "step") !== undefined);
    const e = byName(events, "step");
    expect(e.metadata).toMatchObject({ stage: "one", nested: { deep: [1, 2] }, second: "call" });
    expect(e.metrics).toMatchObject({ score: 0.9 });
    expect(e.feedback).toMatchObject({ ok: true });
    expect(e.user_properties).toMatchObject({ user_id: "u1" });
    const session = events.find((ev) => ev.event_type === "session");
    expect(session.metadata).toMatchObject({ started: "yes", finished: true });
    expect(session.feedback).toMatchObject({ rating: 5 });
    expect(session.metrics).toMatchObject({ turns: 1 });
  });

  it("a disposable span ends with `using`, manual spans nest", async () => {
    const t = tracer({ sessionName: "manual" });
    await t.startSpan(
      "outer",
      async (span) => {
        span.setInputs({ q: "x" });
        {
          using inner = t.span("inner", { eventType: "tool" });
          inner.setOutputs({ docs: 3 });
        }
        span.setOutputs({ done: true });
      },
      { eventType: "chain" },
    );
    expect(await t.flush()).toBe(true);
    const events = await srv.waitForSession(t.sessionId, (ev) => ev.length >= 3);
    const outer = byName(events, "outer");
    const inner = byName(events, "inner");
    expect(outer.inputs).toEqual({ q: "x" });
    expect(outer.outputs).toEqual({ done: true });
    expect(inner.parent_id).toBe(outer.event_id);
    expect(inner.outputs).toEqual({ docs: 3 });
    expect(inner.event_type).toBe("tool");
  });

  it("disableBatch: the span is stored before the traced call's promise settles", async () => {
    const t = tracer({ disableBatch: true, sessionName: "serverless" });
    const handler = trace(async (n: number) => n + 1, { tracer: t, name: "handler" });
    expect(await handler(1)).toBe(2);
    const events = await srv.sessionEvents(t.sessionId);
    expect(byName(events, "handler")).toBeDefined();
  });

  it("shutdown is idempotent and stats count what was exported", async () => {
    const t = tracer();
    const f = trace(() => 1, { tracer: t, name: "counted" });
    for (let i = 0; i < 25; i++) f();
    const first = t.shutdown();
    expect(t.shutdown()).toBe(first);
    await first;
    const stats = t.stats();
    expect(stats.exported).toBe(25);
    expect(stats.dropped).toBe(0);
    expect(stats.bufferedSpans).toBe(0);
  });

  it("sampling 0 records nothing; excludeSpans filters by name", async () => {
    const none = tracer({ sampling: 0 });
    const f = trace(() => 1, { tracer: none, name: "sampled" });
    for (let i = 0; i < 10; i++) f();
    await none.flush();
    expect(none.stats().exported).toBe(0);

    const filtered = tracer({ excludeSpans: ["noisy", /^health/], sessionName: "filters" });
    const noisy = trace(() => 1, { tracer: filtered, name: "noisy" });
    const health = trace(() => 1, { tracer: filtered, name: "healthcheck" });
    const kept = trace(() => 1, { tracer: filtered, name: "kept" });
    noisy();
    health();
    kept();
    await filtered.flush();
    expect(filtered.stats().filtered).toBe(2);
    expect(filtered.stats().exported).toBe(1);
  });

  it("mask hides values before export and fails closed", async () => {
    const t = tracer({
      sessionName: "mask",
      mask: (value) => {
        if (typeof value === "string" && value.includes("boom")) throw new Error("mask bug");
        return typeof value === "string" ? value.replace(/\d{4}-\d{4}/g, "####") : value;
      },
    });
    const pay = trace((card: string) => `charged ${card}`, { tracer: t, name: "pay" });
    const leak = trace((secret: string) => secret.length, { tracer: t, name: "leak" });
    pay("1234-5678");
    leak("boom-secret");
    await t.flush();
    const events = await srv.waitForSession(t.sessionId, (ev) => ev.length >= 3);
    const p = byName(events, "pay");
    expect(JSON.stringify(p)).not.toContain("1234-5678");
    const l = byName(events, "leak");
    expect(JSON.stringify(l)).not.toContain("boom-secret");
  });
});

import { describe, expect, it } from "vitest";
import { trace } from "../src/index.js";
import { byName, tracedServer } from "./server.js";

const fx = tracedServer("streams");

const tick = () => new Promise((r) => setTimeout(r, 1));

async function eventsNamed(name: string, count = 1): Promise<any[]> {
  const events = await fx.srv.waitForSession(
    fx.tracer.sessionId,
    (ev) => ev.filter((e) => e.event_name === name).length >= count,
  );
  return events.filter((e) => e.event_name === name);
}

describe("streaming results", () => {
  it("a generator stays a generator; its span covers the whole iteration, children nest", async () => {
    const child = trace((n: number) => n * 10, { tracer: fx.tracer, name: "gen-child" });
    const gen = trace(
      function* numbers(limit: number) {
        for (let i = 0; i < limit; i++) yield child(i);
        return "done";
      },
      { tracer: fx.tracer, name: "gen" },
    );
    const it = gen(3);
    expect(typeof it.next).toBe("function");
    expect([...it]).toEqual([0, 10, 20]);
    await fx.tracer.flush();
    const [g] = await eventsNamed("gen");
    expect(g.outputs).toMatchObject({ chunks: [0, 10, 20], return_value: "done" });
    expect(g.metrics.time_to_first_chunk_ms).toBeGreaterThanOrEqual(0);
    const children = await eventsNamed("gen-child", 3);
    for (const c of children) expect(c.parent_id).toBe(g.event_id);
  });

  it("an async generator of text chunks: outputs joined; break ends the span and runs finally", async () => {
    let cleaned = false;
    const stream = trace(
      async function* tokens() {
        try {
          for (const w of ["Hel", "lo", " wor", "ld", "!"]) {
            await tick();
            yield w;
          }
        } finally {
          cleaned = true;
        }
      },
      { tracer: fx.tracer, name: "tokens" },
    );
    let text = "";
    for await (const chunk of stream()) text += chunk;
    expect(text).toBe("Hello world!");
    for await (const chunk of stream()) {
      if (chunk === "lo") break;
    }
    expect(cleaned).toBe(true);
    await fx.tracer.flush();
    const spans = await eventsNamed("tokens", 2);
    const full = spans.find((s) => s.outputs.result === "Hello world!");
    const cut = spans.find((s) => s.metadata.stream_abandoned === "return");
    expect(full).toBeDefined();
    expect(cut.outputs.result).toBe("Hello");
  });

  it("an async function returning a stream: the span ends when the stream is read, not when the promise settles", async () => {
    async function* source() {
      yield "a";
      await tick();
      yield "b";
    }
    const llm = trace(async () => source(), { tracer: fx.tracer, name: "llm-stream" });
    const s = await llm();
    await tick();
    expect(fx.tracer.stats().pendingResults).toBeGreaterThan(0);
    const chunks: string[] = [];
    for await (const c of s) chunks.push(c);
    expect(chunks).toEqual(["a", "b"]);
    await fx.tracer.flush();
    const [e] = await eventsNamed("llm-stream");
    expect(e.outputs.result).toBe("ab");
  });

  it("a ReadableStream result: cancel ends the span as abandoned", async () => {
    const make = trace(
      () =>
        new ReadableStream<string>({
          start(controller) {
            controller.enqueue("x");
            controller.enqueue("y");
          },
        }),
      { tracer: fx.tracer, name: "readable" },
    );
    const stream = make();
    expect(stream).toBeInstanceOf(ReadableStream);
    const reader = stream.getReader();
    expect((await reader.read()).value).toBe("x");
    await reader.cancel();
    await fx.tracer.flush();
    const [e] = await eventsNamed("readable");
    expect(e.metadata.stream_abandoned).toBe("cancel");
    expect(e.outputs.result).toBe("x");
  });

  it("flush waits for a stream still being read", async () => {
    const slow = trace(
      async function* slowStream() {
        for (let i = 0; i < 5; i++) {
          await new Promise((r) => setTimeout(r, 20));
          yield i;
        }
      },
      { tracer: fx.tracer, name: "slow-stream" },
    );
    const consumed = (async () => {
      let n = 0;
      for await (const _ of slow()) n++;
      return n;
    })();
    await tick();
    expect(await fx.tracer.flush(20_000)).toBe(true);
    // the stream had ended by the time flush resolved, and its span was exported
    expect(fx.tracer.stats().pendingResults).toBe(0);
    expect(await consumed).toBe(5);
    const events = await fx.srv.sessionEvents(fx.tracer.sessionId);
    expect(byName(events, "slow-stream")).toBeDefined();
  });

  it("a traced handler that flushes before returning does not wait for itself", async () => {
    const handler = trace(
      async () => {
        const ok = await fx.tracer.flush(5_000);
        return ok;
      },
      { tracer: fx.tracer, name: "self-flush" },
    );
    expect(await handler()).toBe(true);
  });
});

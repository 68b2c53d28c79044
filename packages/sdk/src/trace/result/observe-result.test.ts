import { Readable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { isAsyncIterable, isPromiseLike, isReadableStream, observeResult } from "./index.js";
import { direct, recorder, settle, thenable, throwingObserver } from "./recorder.testkit.js";
import { Settlement } from "./settlement.js";

describe("plain values", () => {
  it("complete synchronously and are returned as they are", () => {
    const { observer, events } = recorder();
    const value = { a: 1 };
    const out = observeResult(value, observer, direct);
    expect(out).toBe(value);
    expect(events).toEqual([["complete", value, "value"]]);
  });

  it("include sync iterables, primitives, functions and Node streams", () => {
    const values = [
      [1, 2],
      new Map([[1, 2]]),
      new Set([1]),
      "text",
      42,
      undefined,
      null,
      () => 1,
      Readable.from([]),
    ];
    for (const value of values) {
      const { observer, events } = recorder();
      expect(observeResult(value, observer, direct)).toBe(value);
      expect(events).toEqual([["complete", value, "value"]]);
    }
  });
});

describe("native promises", () => {
  it("resolve with the same value after completing", async () => {
    const { observer, events } = recorder();
    const value = { answer: 42 };
    const out = observeResult(Promise.resolve(value), observer, direct);
    expect(out).toBeInstanceOf(Promise);
    expect(await out).toBe(value);
    expect(events).toEqual([["complete", value, "promise"]]);
  });

  it("reject with the same error object, Error or not", async () => {
    for (const error of [new TypeError("bad"), "a string", { code: 7 }, undefined]) {
      const { observer, events } = recorder();
      const out = observeResult(Promise.reject(error), observer, direct);
      await expect(out).rejects.toBe(error);
      expect(events).toEqual([["fail", error]]);
    }
  });

  it("settle only after beforeSettle, which sees the result already completed", async () => {
    const { observer, events } = recorder();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let eventsAtGate: number | undefined;
    const beforeSettle = () => {
      eventsAtGate = events.length;
      return gate;
    };
    let settled = false;
    const out = observeResult(Promise.resolve("v"), observer, { ...direct, beforeSettle }).then(() => {
      settled = true;
    });
    await settle();
    expect(eventsAtGate).toBe(1);
    expect(settled).toBe(false);
    open();
    await out;
    expect(settled).toBe(true);
  });

  it("ignore a failing beforeSettle and delay rejections too", async () => {
    const { observer } = recorder();
    const error = new Error("call failed");
    const beforeSettle = vi.fn(() => Promise.reject(new Error("export failed")));
    await expect(observeResult(Promise.reject(error), observer, { ...direct, beforeSettle })).rejects.toBe(
      error,
    );
    await expect(
      observeResult(Promise.resolve(1), recorder().observer, { ...direct, beforeSettle }),
    ).resolves.toBe(1);
    expect(beforeSettle).toHaveBeenCalledTimes(2);
  });

  it("resolved with an async generator, resolve with an observed one and complete when it ends", async () => {
    const { observer, events } = recorder();
    async function* tokens() {
      yield "a";
      yield "b";
      return "done";
    }
    const beforeSettle = vi.fn(() => Promise.resolve());
    const stream = await observeResult((async () => tokens())(), observer, { ...direct, beforeSettle });
    expect(events).toEqual([]);
    const seen: string[] = [];
    for await (const token of stream) seen.push(token);
    expect(seen).toEqual(["a", "b"]);
    expect(events).toEqual([
      ["firstChunk"],
      ["chunk", "a"],
      ["chunk", "b"],
      ["complete", "done", "async-generator"],
    ]);
    expect(beforeSettle).not.toHaveBeenCalled();
  });

  it("resolved with another async iterable (an SDK stream), resolve with the same object, observed", async () => {
    class SdkStream {
      async *[Symbol.asyncIterator]() {
        yield "chunk";
      }
    }
    const stream = new SdkStream();
    const { observer, events } = recorder();
    const out = await observeResult((async () => stream)(), observer, direct);
    expect(out).toBe(stream);
    expect(events).toEqual([]);
    for await (const _ of out) {
      // drain
    }
    expect(events).toEqual([["firstChunk"], ["chunk", "chunk"], ["complete", undefined, "async-iterable"]]);
  });

  it("resolved with a ReadableStream, resolve with an observed stream", async () => {
    const { observer, events } = recorder();
    const source = new ReadableStream({
      start(controller) {
        controller.enqueue("x");
        controller.close();
      },
    });
    const out = await observeResult(Promise.resolve(source), observer, direct);
    expect(out === source).toBe(false);
    const chunks: unknown[] = [];
    for await (const chunk of out) chunks.push(chunk);
    expect(chunks).toEqual(["x"]);
    expect(events).toEqual([["firstChunk"], ["chunk", "x"], ["complete", undefined, "readable-stream"]]);
  });
});

describe("observer errors", () => {
  it("never reach the caller, and are reported to onObserverError", async () => {
    const onObserverError = vi.fn();
    const options = { ...direct, onObserverError };
    expect(observeResult(5, throwingObserver(), options)).toBe(5);
    await expect(observeResult(Promise.resolve(6), throwingObserver(), options)).resolves.toBe(6);
    const error = new Error("real");
    await expect(observeResult(Promise.reject(error), throwingObserver(), options)).rejects.toBe(error);
    function* gen() {
      yield 1;
      return 2;
    }
    expect([...observeResult(gen(), throwingObserver(), options)]).toEqual([1]);
    expect(onObserverError).toHaveBeenCalled();
    expect(onObserverError.mock.calls.every(([e]) => (e as Error).message === "observer bug")).toBe(true);
  });

  it("survive an onObserverError that throws too", () => {
    const options = {
      ...direct,
      onObserverError: () => {
        throw new Error("logger bug");
      },
    };
    expect(observeResult("v", throwingObserver(), options)).toBe("v");
  });
});

describe("Settlement (the once-guard)", () => {
  it("ends once, reports firstChunk once, and ignores chunks after the end", () => {
    const { observer, events } = recorder();
    const settlement = new Settlement(observer, undefined);
    settlement.chunk(1);
    settlement.chunk(2);
    settlement.complete("r", "generator");
    settlement.fail(new Error("late"));
    settlement.abandon("return");
    settlement.chunk(3);
    settlement.collected();
    expect(events).toEqual([["firstChunk"], ["chunk", 1], ["chunk", 2], ["complete", "r", "generator"]]);
    expect(settlement.settled).toBe(true);
  });

  it("ends once when failing or abandoning first", () => {
    for (const first of ["fail", "abandon"] as const) {
      const { observer, ends } = recorder();
      const settlement = new Settlement(observer, undefined);
      if (first === "fail") settlement.fail("e");
      else settlement.abandon("cancel");
      settlement.complete(1, "value");
      settlement.fail("again");
      settlement.abandon("garbage");
      expect(ends()).toEqual([first === "fail" ? ["fail", "e"] : ["abandon", "cancel"]]);
    }
  });
});

describe("detection helpers", () => {
  it("recognise promises, async iterables and streams by shape", () => {
    expect(isPromiseLike(thenable(() => {}))).toBe(true);
    const then = 1;
    expect(isPromiseLike({ then })).toBe(false);
    expect(isAsyncIterable({ async *[Symbol.asyncIterator]() {} })).toBe(true);
    expect(isAsyncIterable([1])).toBe(false);
    expect(isReadableStream(new ReadableStream())).toBe(true);
    expect(isReadableStream({ getReader() {}, cancel() {}, locked: false })).toBe(true);
    expect(isReadableStream(Readable.from([]))).toBe(false);
  });
});

describe("a result whose inspection throws", () => {
  it("is a plain value", () => {
    const { observer, events } = recorder();
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("no peeking");
        },
      },
    );
    // (compared by identity: matchers would trip the proxy's trap)
    expect(observeResult(hostile, observer, direct) === hostile).toBe(true);
    expect(events.length).toBe(1);
    expect(events[0]?.[0]).toBe("complete");
    expect(events[0]?.[1] === hostile).toBe(true);
    expect(events[0]?.[2]).toBe("value");
  });
});

import { AsyncLocalStorage } from "node:async_hooks";
import { isGeneratorObject } from "node:util/types";
import { describe, expect, it } from "vitest";
import { observeResult } from "./index.js";
import { direct, recorder } from "./recorder.testkit.js";
import type { ObserveOptions } from "./types.js";

describe("generators", () => {
  it("are replaced by a generator of the same kind that yields and returns the same values", () => {
    const { observer, events } = recorder();
    function* count() {
      yield 1;
      yield 2;
      return "end";
    }
    const original = count();
    const out = observeResult(original, observer, direct);
    expect(out === original).toBe(false); // (not.toBe would iterate both to compare them)
    expect(isGeneratorObject(out)).toBe(true);
    expect(out).toBeInstanceOf(count);
    expect(Object.prototype.toString.call(out)).toBe("[object Generator]");
    expect(out[Symbol.iterator]()).toBe(out);
    expect(events).toEqual([]);
    expect(out.next()).toEqual({ value: 1, done: false });
    expect(out.next()).toEqual({ value: 2, done: false });
    expect(out.next()).toEqual({ value: "end", done: true });
    expect(out.next()).toEqual({ value: undefined, done: true });
    expect(events).toEqual([["firstChunk"], ["chunk", 1], ["chunk", 2], ["complete", "end", "generator"]]);
  });

  it("forward next(value)", () => {
    function* echo(): Generator<string, string, string> {
      const a = yield "first";
      const b = yield `got ${a}`;
      return `last ${b}`;
    }
    const out = observeResult(echo(), recorder().observer, direct);
    expect(out.next("ignored").value).toBe("first");
    expect(out.next("A").value).toBe("got A");
    expect(out.next("B")).toEqual({ value: "last B", done: true });
  });

  it("forward throw(): the original can catch it and continue", () => {
    const { observer, events } = recorder();
    const error = new Error("retry");
    function* resilient() {
      try {
        yield 1;
      } catch (e) {
        yield e;
      }
      yield 3;
    }
    const out = observeResult(resilient(), observer, direct);
    out.next();
    expect(out.throw(error)).toEqual({ value: error, done: false });
    expect(out.next()).toEqual({ value: 3, done: false });
    expect(out.next().done).toBe(true);
    expect(events.at(-1)).toEqual(["complete", undefined, "generator"]);
  });

  it("fail with the same error when the generator throws, or does not catch a throw()", () => {
    const thrown = { not: "an Error" };
    function* broken() {
      yield 1;
      throw thrown;
    }
    const first = recorder();
    const out = observeResult(broken(), first.observer, direct);
    out.next();
    expect(() => out.next()).toThrow(expect.objectContaining(thrown));
    expect(first.ends()).toEqual([["fail", thrown]]);

    const second = recorder();
    const error = new Error("stop");
    const gen = observeResult(broken(), second.observer, direct);
    gen.next();
    expect(() => gen.throw(error)).toThrow(error);
    expect(second.ends()).toEqual([["fail", error]]);
  });

  it("abandon on break, running the original's finally", () => {
    const { observer, ends } = recorder();
    let cleaned = false;
    function* infinite() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        cleaned = true;
      }
    }
    for (const i of observeResult(infinite(), observer, direct)) if (i === 2) break;
    expect(cleaned).toBe(true);
    expect(ends()).toEqual([["abandon", "return"]]);
  });

  it("forward return(value)", () => {
    function* gen() {
      yield 1;
      yield 2;
    }
    const { observer, ends } = recorder();
    const out = observeResult(gen(), observer, direct);
    out.next();
    expect(out.return("early" as never)).toEqual({ value: "early", done: true });
    expect(ends()).toEqual([["abandon", "return"]]);
  });

  it("run each step inside options.run", () => {
    const als = new AsyncLocalStorage<string>();
    const options: ObserveOptions = { run: (fn) => als.run("span", fn) };
    function* probe() {
      yield als.getStore();
      yield als.getStore();
    }
    expect([...observeResult(probe(), recorder().observer, options)]).toEqual(["span", "span"]);
  });

  it("throw a TypeError for methods called on another receiver, as generators do", () => {
    const out = observeResult(
      (function* () {
        yield 1;
      })(),
      recorder().observer,
      direct,
    );
    const next = out.next;
    expect(() => next.call({} as never)).toThrow(TypeError);
    expect(out.next()).toEqual({ value: 1, done: false });
  });
});

describe("async generators", () => {
  it("are replaced by an async generator that yields and returns the same values", async () => {
    const { observer, events } = recorder();
    async function* tokens() {
      yield "a";
      yield "b";
      return { usage: 2 };
    }
    const out = observeResult(tokens(), observer, direct);
    expect(isGeneratorObject(out)).toBe(true);
    expect(Object.prototype.toString.call(out)).toBe("[object AsyncGenerator]");
    expect(out).toBeInstanceOf(tokens);
    const seen: string[] = [];
    let step = await out.next();
    while (!step.done) {
      seen.push(step.value);
      step = await out.next();
    }
    expect(seen).toEqual(["a", "b"]);
    expect(step.value).toEqual({ usage: 2 });
    expect(events).toEqual([
      ["firstChunk"],
      ["chunk", "a"],
      ["chunk", "b"],
      ["complete", { usage: 2 }, "async-generator"],
    ]);
  });

  it("abandon on break out of for-await, running the original's finally", async () => {
    const { observer, ends } = recorder();
    let cleaned = false;
    async function* infinite() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        cleaned = true;
      }
    }
    for await (const i of observeResult(infinite(), observer, direct)) if (i === 1) break;
    expect(cleaned).toBe(true);
    expect(ends()).toEqual([["abandon", "return"]]);
  });

  it("forward throw() and fail with the same error when uncaught", async () => {
    async function* gen(): AsyncGenerator<unknown, void, unknown> {
      try {
        yield 1;
      } catch (e) {
        yield `caught ${String(e)}`;
      }
      yield 2;
    }
    const first = recorder();
    const out = observeResult(gen(), first.observer, direct);
    await out.next();
    expect(await out.throw("x")).toEqual({ value: "caught x", done: false });
    expect(await out.next()).toEqual({ value: 2, done: false });
    const error = new Error("fatal");
    await expect(out.throw(error)).rejects.toBe(error);
    expect(first.ends()).toEqual([["fail", error]]);
  });

  it("fail when the body rejects", async () => {
    const error = new Error("upstream 500");
    async function* gen() {
      yield 1;
      throw error;
    }
    const { observer, ends } = recorder();
    const out = observeResult(gen(), observer, direct);
    await expect(
      (async () => {
        for await (const _ of out) {
          // drain
        }
      })(),
    ).rejects.toBe(error);
    expect(ends()).toEqual([["fail", error]]);
  });

  it("run each step inside options.run, across awaits", async () => {
    const als = new AsyncLocalStorage<string>();
    const options: ObserveOptions = { run: (fn) => als.run("span", fn) };
    async function* probe() {
      await new Promise((resolve) => setImmediate(resolve));
      yield als.getStore();
    }
    const seen: unknown[] = [];
    for await (const value of observeResult(probe(), recorder().observer, options)) seen.push(value);
    expect(seen).toEqual(["span"]);
  });
});

/** Like an SDK's Stream class: async iterable, not a generator, with its own methods. */
class Stream {
  iterations = 0;
  returned = 0;
  constructor(private readonly items: string[]) {}
  [Symbol.asyncIterator](): AsyncIterator<string> {
    this.iterations++;
    let i = 0;
    return {
      next: async () =>
        i < this.items.length ? { value: this.items[i++]!, done: false } : { value: undefined, done: true },
      return: async () => {
        this.returned++;
        return { value: undefined, done: true };
      },
    };
  }
  toText() {
    return this.items.join("");
  }
}

describe("other async iterables", () => {
  it("are the same object, observed on their first iteration only", async () => {
    const { observer, events } = recorder();
    const stream = new Stream(["a", "b"]);
    const out = observeResult(stream, observer, direct);
    expect(out).toBe(stream);
    expect(out).toBeInstanceOf(Stream);
    expect(out.toText()).toBe("ab");
    const first: string[] = [];
    for await (const chunk of out) first.push(chunk);
    const second: string[] = [];
    for await (const chunk of out) second.push(chunk);
    expect(first).toEqual(["a", "b"]);
    expect(second).toEqual(["a", "b"]);
    expect(stream.iterations).toBe(2);
    expect(Object.hasOwn(stream, Symbol.asyncIterator)).toBe(false);
    expect(events).toEqual([
      ["firstChunk"],
      ["chunk", "a"],
      ["chunk", "b"],
      ["complete", undefined, "async-iterable"],
    ]);
  });

  it("abandon on break and call the original iterator's return", async () => {
    const { observer, ends } = recorder();
    const stream = observeResult(new Stream(["a", "b", "c"]), observer, direct);
    for await (const chunk of stream) if (chunk === "a") break;
    expect(stream.returned).toBe(1);
    expect(ends()).toEqual([["abandon", "return"]]);
  });

  it("abandon on break even when the iterator has no return method", async () => {
    const { observer, ends } = recorder();
    const iterable = {
      [Symbol.asyncIterator]: () => ({ next: async () => ({ value: 1, done: false }) }),
    };
    for await (const _ of observeResult(iterable, observer, direct)) break;
    expect(ends()).toEqual([["abandon", "return"]]);
  });

  it("fail with the iterator's error", async () => {
    const error = new Error("socket closed");
    const iterable = {
      [Symbol.asyncIterator]: () => ({ next: (): Promise<IteratorResult<never>> => Promise.reject(error) }),
    };
    const { observer, ends } = recorder();
    const out = observeResult(iterable, observer, direct);
    await expect(
      (async () => {
        for await (const _ of out) {
          // drain
        }
      })(),
    ).rejects.toBe(error);
    expect(ends()).toEqual([["fail", error]]);
  });

  it("complete at once when frozen", () => {
    const { observer, events } = recorder();
    const frozen = Object.freeze(new Stream(["a"]));
    expect(observeResult(frozen, observer, direct)).toBe(frozen);
    expect(events).toEqual([["complete", frozen, "async-iterable"]]);
  });

  it("run the iteration inside options.run", async () => {
    const als = new AsyncLocalStorage<string>();
    const iterable = {
      async *[Symbol.asyncIterator]() {
        yield als.getStore();
      },
    };
    const seen: unknown[] = [];
    const options: ObserveOptions = { run: (fn) => als.run("span", fn) };
    for await (const value of observeResult(iterable, recorder().observer, options)) seen.push(value);
    expect(seen).toEqual(["span"]);
  });
});

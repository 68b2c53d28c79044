import { describe, expect, it, vi } from "vitest";
import { observeResult } from "./index.js";
import { direct, recorder, settle, thenable } from "./recorder.testkit.js";

/** Like an SDK's APIPromise: a Promise subclass with extra methods and its own `then`. */
class APIPromise<T> extends Promise<T> {
  thenCalls = 0;
  constructor(private readonly inner: Promise<T>) {
    super((resolve) => resolve(null as T));
  }
  static override get [Symbol.species]() {
    return Promise;
  }
  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass overriding then, as SDKs do
  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.thenCalls++;
    return this.inner.then(onFulfilled, onRejected);
  }
  async withResponse() {
    return { data: await this.inner, response: "raw" };
  }
}

/** Like a query builder: runs only when `then` is called, again on each call. */
class LazyQuery {
  runs = 0;
  // biome-ignore lint/suspicious/noThenProperty: a lazy thenable, as query builders are
  then(onFulfilled: (rows: string[]) => unknown, onRejected?: (error: unknown) => unknown) {
    this.runs++;
    return Promise.resolve(["row"]).then(onFulfilled, onRejected);
  }
}

describe("thenables that are not native promises", () => {
  it("are returned as the same object, class and methods, and complete when awaited", async () => {
    const { observer, events } = recorder();
    const original = new APIPromise(Promise.resolve({ id: 1 }));
    const out = observeResult(original, observer, direct);
    expect(out).toBe(original);
    expect(out).toBeInstanceOf(APIPromise);
    expect(events).toEqual([]);
    expect(await out).toEqual({ id: 1 });
    expect(events).toEqual([["complete", { id: 1 }, "promise"]]);
    expect(Object.hasOwn(out, "then")).toBe(false);
    expect(await out.withResponse()).toEqual({ data: { id: 1 }, response: "raw" });
  });

  it("are never subscribed to by the observation itself", async () => {
    const query = new LazyQuery();
    observeResult(query, recorder().observer, direct);
    await settle();
    expect(query.runs).toBe(0);
    const api = observeResult(new APIPromise(Promise.resolve(1)), recorder().observer, direct);
    await settle();
    expect(api.thenCalls).toBe(0);
  });

  it("run once when the caller awaits them once", async () => {
    const { observer, events } = recorder();
    const query = observeResult(new LazyQuery(), observer, direct);
    expect(await query).toEqual(["row"]);
    expect(query.runs).toBe(1);
    expect(await query).toEqual(["row"]);
    expect(query.runs).toBe(2);
    expect(events).toEqual([["complete", ["row"], "promise"]]);
  });

  it("pass the same rejection to the caller's handler, and to the caller of then without one", async () => {
    const error = { code: "E" };
    const rejecting = () => new APIPromise(Promise.reject(error));
    const first = recorder();
    const handled = await observeResult(rejecting(), first.observer, direct).then(
      () => "no",
      (e: unknown) => e,
    );
    expect(handled).toBe(error);
    expect(first.events).toEqual([["fail", error]]);
    const second = recorder();
    await expect(observeResult(rejecting(), second.observer, direct).then((v) => v)).rejects.toBe(error);
    expect(second.events).toEqual([["fail", error]]);
  });

  it("work with catch and finally of a Promise subclass", async () => {
    const error = new Error("nope");
    const { observer, events } = recorder();
    const onFinally = vi.fn();
    const out = observeResult(new APIPromise(Promise.reject(error)), observer, direct);
    expect(await out.catch((e: unknown) => e).finally(onFinally)).toBe(error);
    expect(onFinally).toHaveBeenCalledOnce();
    expect(events).toEqual([["fail", error]]);
  });

  it("delay the caller's callback until beforeSettle", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const { observer, events } = recorder();
    let seen: unknown;
    const done = observeResult(new LazyQuery(), observer, { ...direct, beforeSettle: () => gate }).then(
      (rows) => {
        seen = rows;
      },
    );
    await settle();
    expect(events).toHaveLength(1);
    expect(seen).toBeUndefined();
    open();
    await done;
    expect(seen).toEqual(["row"]);
  });

  it("resolved with an async iterable, observe its iteration", async () => {
    const stream = {
      async *[Symbol.asyncIterator]() {
        yield 1;
      },
    };
    const resolving = thenable<unknown>((resolve) => resolve(stream));
    const { observer, events } = recorder();
    const out = (await observeResult(resolving, observer, direct)) as typeof stream;
    expect(out).toBe(stream);
    for await (const _ of out) {
      // drain
    }
    expect(events).toEqual([["firstChunk"], ["chunk", 1], ["complete", undefined, "async-iterable"]]);
  });

  it("complete at once when frozen (nothing can be hooked)", () => {
    const { observer, events } = recorder();
    const frozen = Object.freeze(thenable<number>((resolve) => resolve(1)));
    expect(observeResult(frozen, observer, direct)).toBe(frozen);
    expect(events).toEqual([["complete", frozen, "promise"]]);
  });

  it("keep an own then property as it was after the first call", async () => {
    const then = (resolve: (value: number) => void) => resolve(3);
    const thenable = { then };
    const out = observeResult(thenable, recorder().observer, direct);
    expect(await out).toBe(3);
    expect(Object.getOwnPropertyDescriptor(out, "then")).toEqual({
      value: then,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });
});

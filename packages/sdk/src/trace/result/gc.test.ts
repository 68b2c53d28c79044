import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { observeResult } from "./index.js";
import { direct, type ObservedEvent, recorder, settle, thenable } from "./recorder.testkit.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Collect garbage until `done()` or give up after a bounded number of rounds (no timing involved). */
async function collectUntil(done: () => boolean): Promise<void> {
  for (let round = 0; round < 50 && !done(); round++) {
    gc();
    await settle();
  }
}

// Each result is created in a function of its own, so that no local variable keeps it alive.
function startGenerator(events: ObservedEvent[]): void {
  const { observer, events: own } = recorder();
  const out = observeResult(
    (function* () {
      yield 1;
      yield 2;
    })(),
    { ...observer, abandon: (reason) => events.push(["abandon", reason]) },
    direct,
  );
  out.next();
  events.push(...own);
}

async function startAsyncGenerator(events: ObservedEvent[]): Promise<void> {
  const out = observeResult(
    (async function* () {
      yield 1;
      yield 2;
    })(),
    { ...recorder().observer, abandon: (reason) => events.push(["abandon", reason]) },
    direct,
  );
  await out.next();
}

function startStream(events: ObservedEvent[], cancel: () => void): void {
  observeResult(
    new ReadableStream({ pull: (controller) => controller.enqueue("x"), cancel }, { highWaterMark: 0 }),
    { ...recorder().observer, abandon: (reason) => events.push(["abandon", reason]) },
    direct,
  );
}

function startThenable(events: ObservedEvent[]): void {
  observeResult(
    thenable<number>((resolve) => resolve(1)),
    { ...recorder().observer, abandon: (reason) => events.push(["abandon", reason]) },
    direct,
  );
}

function startIterable(events: ObservedEvent[]): void {
  observeResult(
    {
      async *[Symbol.asyncIterator]() {
        yield 1;
      },
    },
    { ...recorder().observer, abandon: (reason) => events.push(["abandon", reason]) },
    direct,
  );
}

function startPromise(events: ObservedEvent[]): void {
  observeResult(
    new Promise(() => {}),
    { ...recorder().observer, abandon: (reason) => events.push(["abandon", reason]) },
    direct,
  ).then(
    () => undefined,
    () => undefined,
  );
}

/** A thenable awaited (then called) whose result comes later: the thenable itself may be collected meanwhile. */
function awaitThenable(events: ObservedEvent[]): {
  resolve: (value: number) => void;
  done: Promise<unknown>;
} {
  let resolve!: (value: number) => void;
  const inner = new Promise<number>((r) => {
    resolve = r;
  });
  const done = Promise.resolve(
    observeResult(
      thenable<number>((onFulfilled, onRejected) => {
        inner.then(onFulfilled, onRejected);
      }),
      {
        ...recorder().observer,
        complete: () => events.push(["complete", 0, "promise"]),
        abandon: (reason) => events.push(["abandon", reason]),
      },
      direct,
    ),
  );
  return { resolve, done };
}

function finishGenerator(events: ObservedEvent[]): void {
  const { observer } = recorder();
  const out = observeResult(
    (function* () {
      yield 1;
    })(),
    {
      ...observer,
      complete: () => events.push(["complete", 0, "generator"]),
      abandon: (r) => events.push(["abandon", r]),
    },
    direct,
  );
  for (const _ of out) {
    // drain
  }
}

describe("results garbage-collected unfinished", () => {
  it("a generator is abandoned with 'garbage'", async () => {
    const events: ObservedEvent[] = [];
    startGenerator(events);
    await collectUntil(() => events.some(([name]) => name === "abandon"));
    expect(events.filter(([name]) => name === "abandon")).toEqual([["abandon", "garbage"]]);
  });

  it("an async generator is abandoned with 'garbage'", async () => {
    const events: ObservedEvent[] = [];
    await startAsyncGenerator(events);
    await collectUntil(() => events.length > 0);
    expect(events).toEqual([["abandon", "garbage"]]);
  });

  it("an unread ReadableStream is abandoned and its source cancelled", async () => {
    const events: ObservedEvent[] = [];
    const cancel = vi.fn();
    startStream(events, cancel);
    await collectUntil(() => events.length > 0 && cancel.mock.calls.length > 0);
    expect(events).toEqual([["abandon", "garbage"]]);
    expect(cancel).toHaveBeenCalledOnce();
  });

  it("a thenable never awaited is abandoned with 'garbage'", async () => {
    const events: ObservedEvent[] = [];
    startThenable(events);
    await collectUntil(() => events.length > 0);
    expect(events).toEqual([["abandon", "garbage"]]);
  });

  it("an async iterable never iterated is abandoned with 'garbage'", async () => {
    const events: ObservedEvent[] = [];
    startIterable(events);
    await collectUntil(() => events.length > 0);
    expect(events).toEqual([["abandon", "garbage"]]);
  });

  it("a promise that can never settle is abandoned with 'garbage'", async () => {
    const events: ObservedEvent[] = [];
    startPromise(events);
    await collectUntil(() => events.length > 0);
    expect(events).toEqual([["abandon", "garbage"]]);
  });

  it("an awaited thenable is not abandoned while its result is pending", async () => {
    const events: ObservedEvent[] = [];
    const { resolve, done } = awaitThenable(events);
    const sentinel: ObservedEvent[] = [];
    startGenerator(sentinel);
    await collectUntil(() => sentinel.some(([name]) => name === "abandon"));
    expect(events).toEqual([]);
    resolve(1);
    await done;
    expect(events).toEqual([["complete", 0, "promise"]]);
  });

  it("a finished generator is not reported again when collected", async () => {
    const events: ObservedEvent[] = [];
    finishGenerator(events);
    const sentinel: ObservedEvent[] = [];
    startGenerator(sentinel);
    // Once the sentinel's garbage is reported, the finished one had the same chance.
    await collectUntil(() => sentinel.some(([name]) => name === "abandon"));
    expect(sentinel.some(([name]) => name === "abandon")).toBe(true);
    expect(events).toEqual([["complete", 0, "generator"]]);
  });
});

import type { ObserveOptions, ResultKind, ResultObserver } from "./types.js";

export type ObservedEvent =
  | ["firstChunk"]
  | ["chunk", unknown]
  | ["complete", unknown, ResultKind]
  | ["fail", unknown]
  | ["abandon", string];

/** An observer that records every call, in order. */
export function recorder(): {
  events: ObservedEvent[];
  observer: ResultObserver;
  ends: () => ObservedEvent[];
} {
  const events: ObservedEvent[] = [];
  const observer: ResultObserver = {
    firstChunk: () => events.push(["firstChunk"]),
    chunk: (value) => events.push(["chunk", value]),
    complete: (value, kind) => events.push(["complete", value, kind]),
    fail: (error) => events.push(["fail", error]),
    abandon: (reason) => events.push(["abandon", reason]),
  };
  const ends = () => events.filter(([name]) => name === "complete" || name === "fail" || name === "abandon");
  return { events, observer, ends };
}

/** An observer whose every callback throws. */
export function throwingObserver(): ResultObserver {
  const boom = (): never => {
    throw new Error("observer bug");
  };
  return { firstChunk: boom, chunk: boom, complete: boom, fail: boom, abandon: boom };
}

export const direct: ObserveOptions = { run: (fn) => fn() };

/** A plain object with a `then` method (a thenable that is not a promise). */
export function thenable<T>(then: (resolve: (value: T) => void, reject: (error: unknown) => void) => void): {
  then: typeof then;
} {
  return { then };
}

/** Let pending promise jobs and one macrotask run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

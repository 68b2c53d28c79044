import { observeAsyncIterable } from "./async-iterable.js";
import { shapeOf } from "./detect.js";
import { wrapGenerator } from "./iterators.js";
import { observeReadableStream } from "./readable-stream.js";
import { type Settlement, watchGarbage } from "./settlement.js";
import type { ObserveOptions } from "./types.js";

/**
 * `promise.then(...)` that completes or fails the settlement, then (when
 * `beforeSettle` is given) waits for it before settling; a rejection passes
 * the same error through. A promise resolved with a stream (async generator,
 * async iterable, ReadableStream) resolves with the observed stream instead,
 * and completes when the stream does; `beforeSettle` is not awaited then,
 * since the span ends only after the caller has read the stream.
 */
export function observePromise(
  promise: Promise<unknown>,
  settlement: Settlement,
  options: ObserveOptions,
): Promise<unknown> {
  const observed = promise.then(
    (value) => settleValue(value, settlement, options, (v) => v),
    (error: unknown) => settleError(error, settlement, options, rethrow),
  );
  // Alive as long as the original can still settle; collected: it never will.
  watchGarbage(observed, settlement);
  return observed;
}

/**
 * A thenable that is not a native promise (an SDK's `APIPromise`, a query
 * builder) is handed back as the same object. Its own `then` is replaced until
 * the first call, which restores it and forwards to it with the caller's
 * callbacks wrapped to observe the outcome. No extra `then` call is made: lazy
 * thenables do not run early or twice, and a rejection nobody handles stays
 * unhandled exactly as it would have. Never awaited: abandoned as garbage once
 * collected (after the first `then`, once the chain it returned is). Consumed
 * without `then` (e.g. `withResponse()`): not seen until then either. Frozen:
 * completes at once.
 */
export function observeThenable<T extends object>(
  thenable: T,
  settlement: Settlement,
  options: ObserveOptions,
): T {
  const target = thenable as { then: (...args: unknown[]) => unknown };
  const originalThen = target.then;
  const own = Object.getOwnPropertyDescriptor(thenable, "then");
  let used = false;
  function then(this: unknown, ...args: unknown[]): unknown {
    if (used) return Reflect.apply(originalThen, this, args);
    used = true;
    try {
      // biome-ignore lint/suspicious/noThenProperty: restores the thenable's own `then`
      if (own) Object.defineProperty(thenable, "then", own);
      else delete (thenable as { then?: unknown }).then;
    } catch {
      // cannot restore (frozen since): later calls go straight to the original
    }
    const [onFulfilled, onRejected] = args;
    const chained: unknown = Reflect.apply(originalThen, this, [
      (value: unknown) =>
        settleValue(value, settlement, options, (v) =>
          typeof onFulfilled === "function" ? onFulfilled(v) : v,
        ),
      (error: unknown) =>
        settleError(error, settlement, options, (e) =>
          typeof onRejected === "function" ? onRejected(e) : rethrow(e),
        ),
      ...args.slice(2),
    ]);
    // From now on the chain, not the thenable, is what stays alive while the result is pending.
    if (chained !== null && (typeof chained === "object" || typeof chained === "function")) {
      watchGarbage(chained, settlement);
    }
    return chained;
  }
  try {
    // biome-ignore lint/suspicious/noThenProperty: the object is a thenable already; this observes its first `then`
    Object.defineProperty(thenable, "then", {
      value: then,
      writable: true,
      configurable: true,
      enumerable: own?.enumerable ?? false,
    });
  } catch {
    settlement.complete(thenable, "promise");
    return thenable;
  }
  watchGarbage(thenable, settlement);
  return thenable;
}

function settleValue(
  value: unknown,
  settlement: Settlement,
  options: ObserveOptions,
  next: (value: unknown) => unknown,
): unknown {
  if (settlement.settled) return next(value);
  const stream = observeStreamValue(value, settlement, options);
  if (stream !== NOT_A_STREAM) return next(stream);
  settlement.complete(value, "promise");
  return options.beforeSettle ? afterDelay(options.beforeSettle, () => next(value)) : next(value);
}

function settleError(
  error: unknown,
  settlement: Settlement,
  options: ObserveOptions,
  next: (error: unknown) => unknown,
): unknown {
  const fresh = !settlement.settled;
  settlement.fail(error);
  return fresh && options.beforeSettle ? afterDelay(options.beforeSettle, () => next(error)) : next(error);
}

const NOT_A_STREAM = Symbol("not a stream");

/** The observed form of a stream a promise resolved with, or NOT_A_STREAM. */
function observeStreamValue(value: unknown, settlement: Settlement, options: ObserveOptions): unknown {
  try {
    return observeStream(value, settlement, options);
  } catch {
    return NOT_A_STREAM;
  }
}

function observeStream(value: unknown, settlement: Settlement, options: ObserveOptions): unknown {
  switch (shapeOf(value)) {
    case "async-generator":
      return wrapGenerator(value as AsyncGenerator, settlement, options.run);
    case "async-iterable":
      return observeAsyncIterable(value as object, settlement, options.run);
    case "readable-stream":
      return observeReadableStream(value as ReadableStream, settlement, options.run);
    default:
      return NOT_A_STREAM;
  }
}

async function afterDelay(delay: () => Promise<void>, next: () => unknown): Promise<unknown> {
  try {
    await delay();
  } catch {
    // a failed export must not change what the caller sees
  }
  return next();
}

function rethrow(error: unknown): never {
  throw error;
}

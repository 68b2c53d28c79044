import { observeAsyncIterable } from "./async-iterable.js";
import { shapeOf } from "./detect.js";
import { wrapGenerator } from "./iterators.js";
import { observePromise, observeThenable } from "./promises.js";
import { observeReadableStream } from "./readable-stream.js";
import { Settlement } from "./settlement.js";
import type { ObserveOptions, ResultObserver } from "./types.js";

/**
 * Hands back `result` with the same type and behaviour for the caller while
 * reporting to `observer` when it is finished:
 *
 * - a plain value (anything below, and sync iterables such as arrays, Maps,
 *   Node streams): completes at once, synchronously, and is returned as is;
 * - a native promise: a promise that settles the same way, after
 *   `beforeSettle`; resolved with a stream, with the observed stream;
 * - another thenable: the same object, observed through its first `then`;
 * - a generator or async generator: a generator of the same kind driving the
 *   original step by step inside `options.run`;
 * - another async iterable: the same object, its first iteration observed;
 * - a ReadableStream: a new ReadableStream reading the original.
 *
 * Exactly one of complete / fail / abandon is called, once; observer errors
 * never reach the caller.
 */
export function observeResult<T>(result: T, observer: ResultObserver, options: ObserveOptions): T {
  const settlement = new Settlement(observer, options.onObserverError);
  try {
    return observe(result, settlement, options) as T;
  } catch (error) {
    // A failure in here must not cost the caller its result.
    try {
      options.onObserverError?.(error);
    } catch {
      // nothing else to tell
    }
    settlement.complete(result, "value");
    return result;
  }
}

function observe(result: unknown, settlement: Settlement, options: ObserveOptions): unknown {
  switch (shapeOf(result)) {
    case "native-promise":
      return observePromise(result as Promise<unknown>, settlement, options);
    case "thenable":
      return observeThenable(result as object, settlement, options);
    case "generator":
    case "async-generator":
      return wrapGenerator(result as Generator, settlement, options.run);
    case "readable-stream":
      return observeReadableStream(result as ReadableStream, settlement, options.run);
    case "async-iterable":
      return observeAsyncIterable(result as object, settlement, options.run);
    default:
      settlement.complete(result, "value");
      return result;
  }
}

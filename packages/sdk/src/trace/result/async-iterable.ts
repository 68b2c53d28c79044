import { wrapAsyncIterator } from "./iterators.js";
import { type Settlement, watchGarbage } from "./settlement.js";
import type { Run } from "./types.js";

type Patchable = { [Symbol.asyncIterator]?: (this: unknown) => unknown };

/**
 * Keeps the same object (identity, class, methods) and patches its own
 * `Symbol.asyncIterator` so that the first iteration is observed; the patch
 * removes itself on first use, so a second iteration is the original one.
 * A frozen or non-extensible object cannot be patched: it completes at once
 * with kind "async-iterable".
 */
export function observeAsyncIterable<T extends object>(iterable: T, settlement: Settlement, run: Run): T {
  const original: (this: unknown) => unknown = (iterable as Patchable)[Symbol.asyncIterator]!;
  const own = Object.getOwnPropertyDescriptor(iterable, Symbol.asyncIterator);
  const restore = (): void => {
    try {
      if (own) Object.defineProperty(iterable, Symbol.asyncIterator, own);
      else delete (iterable as Patchable)[Symbol.asyncIterator];
    } catch {
      // the patch stays; it only observes the first iteration anyway
    }
  };
  let used = false;
  function observedIterator(this: unknown): unknown {
    if (used) return Reflect.apply(original, this, []);
    used = true;
    restore();
    let iterator: unknown;
    try {
      iterator = run(() => Reflect.apply(original, this, []));
    } catch (error) {
      settlement.fail(error);
      throw error;
    }
    if (iterator === null || typeof iterator !== "object") {
      settlement.complete(undefined, "async-iterable");
      return iterator;
    }
    return wrapAsyncIterator(iterator, settlement, run);
  }
  try {
    Object.defineProperty(iterable, Symbol.asyncIterator, {
      value: observedIterator,
      writable: true,
      configurable: true,
      enumerable: own?.enumerable ?? false,
    });
  } catch {
    settlement.complete(iterable, "async-iterable");
    return iterable;
  }
  watchGarbage(iterable, settlement);
  return iterable;
}

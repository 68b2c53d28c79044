import { type Settlement, watchGarbage } from "./settlement.js";
import type { ResultKind, Run } from "./types.js";

type Method = "next" | "throw" | "return";
type AnyIterator = Partial<Record<Method, (...args: unknown[]) => unknown>>;

type Step = (method: Method, args: unknown[]) => unknown;

/** The step function of each wrapper generator (a WeakMap: nothing shows on the object). */
const steps = new WeakMap<object, Step>();
/** Per prototype of the generators wrapped: a prototype in front of it with the forwarding methods. */
const forwardingPrototypes = new WeakMap<object, object>();

/**
 * A generator of the same kind (sync or async) that drives `source` step by
 * step inside `run`, forwarding next / throw / return with their arguments
 * and handing back the source's own results. The returned object is a real
 * generator object (`util.types.isGeneratorObject` agrees) whose prototype
 * chain goes through the source's (so `instanceof` agrees too), with the
 * three methods in a prototype in between.
 */
export function wrapGenerator<G extends Generator | AsyncGenerator>(
  source: G,
  settlement: Settlement,
  run: Run,
): G {
  const async = Symbol.asyncIterator in source;
  const wrapper = async ? emptyAsyncGenerator() : emptyGenerator();
  Object.setPrototypeOf(wrapper, forwardingPrototype(Object.getPrototypeOf(source) as object));
  const kind: ResultKind = async ? "async-generator" : "generator";
  steps.set(
    wrapper,
    async ? asyncStepper(source, settlement, run, kind) : syncStepper(source, settlement, run, kind),
  );
  watchGarbage(wrapper, settlement);
  return wrapper as unknown as G;
}

function forwardingPrototype(sourcePrototype: object): object {
  let prototype = forwardingPrototypes.get(sourcePrototype);
  if (prototype === undefined) {
    prototype = Object.create(sourcePrototype, {
      next: forwarding("next"),
      throw: forwarding("throw"),
      return: forwarding("return"),
    }) as object;
    forwardingPrototypes.set(sourcePrototype, prototype);
  }
  return prototype;
}

function forwarding(method: Method): PropertyDescriptor {
  const value = {
    [method](this: unknown, ...args: unknown[]): unknown {
      const step = typeof this === "object" && this !== null ? steps.get(this) : undefined;
      if (step === undefined) throw new TypeError(`${method} method called on an incompatible receiver`);
      return step(method, args);
    },
  }[method];
  return { value, writable: true, configurable: true, enumerable: false };
}

/**
 * An async iterator over `source` (the iterator of an async iterable that is
 * not a generator). `return` is always present so that a `break` is seen; when
 * the source has none it just reports done.
 */
export function wrapAsyncIterator(source: object, settlement: Settlement, run: Run): AsyncIterator<unknown> {
  const step = asyncStepper(source, settlement, run, "async-iterable");
  const it = source as AnyIterator;
  const wrapper: Record<string | symbol, unknown> = {
    next: (...args: unknown[]) => step("next", args),
    return: (...args: unknown[]) => {
      if (typeof it.return === "function") return step("return", args);
      settlement.abandon("return");
      return Promise.resolve({ value: args[0], done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  if (typeof it.throw === "function") wrapper["throw"] = (...args: unknown[]) => step("throw", args);
  watchGarbage(wrapper, settlement);
  return wrapper as unknown as AsyncIterator<unknown>;
}

function syncStepper(source: object, settlement: Settlement, run: Run, kind: ResultKind) {
  const it = source as AnyIterator;
  return (method: Method, args: unknown[]): unknown => {
    let result: unknown;
    try {
      result = run(() => Reflect.apply(it[method]!, it, args));
    } catch (error) {
      settlement.fail(error);
      throw error;
    }
    report(settlement, method, result, kind);
    return result;
  };
}

function asyncStepper(source: object, settlement: Settlement, run: Run, kind: ResultKind) {
  const it = source as AnyIterator;
  return async (method: Method, args: unknown[]): Promise<unknown> => {
    let result: unknown;
    try {
      result = await run(() => Reflect.apply(it[method]!, it, args));
    } catch (error) {
      settlement.fail(error);
      throw error;
    }
    report(settlement, method, result, kind);
    return result;
  };
}

/** One step's outcome: a `return()` by the consumer abandons; done completes; anything else is a chunk. */
function report(settlement: Settlement, method: Method, result: unknown, kind: ResultKind): void {
  if (method === "return") {
    settlement.abandon("return");
    return;
  }
  if (result === null || typeof result !== "object") return;
  let done: unknown;
  let value: unknown;
  try {
    ({ done, value } = result as IteratorResult<unknown>);
  } catch {
    return;
  }
  if (done) settlement.complete(value, kind);
  else settlement.chunk(value);
}

// biome-ignore lint/correctness/useYield: only its generator object is used, with another prototype
function* emptyGenerator(): Generator<never, undefined, unknown> {
  return undefined;
}

// biome-ignore lint/correctness/useYield: only its generator object is used, with another prototype
async function* emptyAsyncGenerator(): AsyncGenerator<never, undefined, unknown> {
  return undefined;
}

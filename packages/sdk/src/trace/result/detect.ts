import { isGeneratorObject, isPromise } from "node:util/types";

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return isObjectLike(value) && typeof (value as { then?: unknown }).then === "function";
}

export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    isObjectLike(value) &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function"
  );
}

/** A WHATWG ReadableStream, this realm's or another implementation's (by shape). */
export function isReadableStream(value: unknown): value is ReadableStream<unknown> {
  if (typeof ReadableStream === "function" && value instanceof ReadableStream) return true;
  if (!isObjectLike(value)) return false;
  const v = value as { getReader?: unknown; cancel?: unknown; locked?: unknown };
  return typeof v.getReader === "function" && typeof v.cancel === "function" && typeof v.locked === "boolean";
}

export type Shape =
  | "value"
  | "native-promise"
  | "thenable"
  | "generator"
  | "async-generator"
  | "readable-stream"
  | "async-iterable";

/**
 * How a result is observed. Node streams (`pipe` + `on`) are plain values:
 * they are usually consumed through events, which iteration hooks would miss.
 */
export function shapeOf(value: unknown): Shape {
  try {
    return shape(value);
  } catch {
    return "value"; // a proxy or getter that throws: nothing to observe
  }
}

function shape(value: unknown): Shape {
  if (!isObjectLike(value)) return "value";
  if (isPromise(value) && Object.getPrototypeOf(value) === Promise.prototype) return "native-promise";
  if (isPromiseLike(value)) return "thenable";
  if (isGeneratorObject(value)) return isAsyncIterable(value) ? "async-generator" : "generator";
  if (isReadableStream(value)) return "readable-stream";
  const v = value as { pipe?: unknown; on?: unknown };
  if (typeof v.pipe === "function" && typeof v.on === "function") return "value";
  return isAsyncIterable(value) ? "async-iterable" : "value";
}

function isObjectLike(value: unknown): value is object {
  return value !== null && (typeof value === "object" || typeof value === "function");
}

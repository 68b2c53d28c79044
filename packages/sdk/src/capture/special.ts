import * as types from "node:util/types";

/**
 * A short description for objects that are captured as a single string
 * rather than walked: dates, binary data, promises, streams, iterators, weak
 * collections. `undefined` when the object should be walked.
 */
export function describeSpecial(value: object): string | undefined {
  if (types.isDate(value)) return dateString(value);
  if (types.isRegExp(value)) return String(value);
  if (typeof URL === "function" && value instanceof URL) return value.href;
  if (types.isAnyArrayBuffer(value)) {
    return `[${types.isSharedArrayBuffer(value) ? "SharedArrayBuffer" : "ArrayBuffer"} ${value.byteLength} bytes]`;
  }
  if (ArrayBuffer.isView(value))
    return `[${constructorName(value, "ArrayBufferView")} ${value.byteLength} bytes]`;
  if (types.isPromise(value) || typeof (value as { then?: unknown }).then === "function") return "[Promise]";
  if (types.isWeakMap(value)) return "[WeakMap]";
  if (types.isWeakSet(value)) return "[WeakSet]";
  if (typeof WeakRef === "function" && value instanceof WeakRef) return "[WeakRef]";
  if (types.isGeneratorObject(value)) return "[Generator]";
  if (types.isMapIterator(value) || types.isSetIterator(value)) return "[Iterator]";
  if (typeof ReadableStream === "function" && value instanceof ReadableStream) return "[ReadableStream]";
  if (isNodeStream(value)) return "[Stream]";
  if (typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function") {
    return "[AsyncIterable]";
  }
  return undefined;
}

/** {@link describeSpecial} for plain objects: only thenables and async iterables apply. */
export function describePlain(value: object): string | undefined {
  if (typeof (value as { then?: unknown }).then === "function") return "[Promise]";
  if (typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function") {
    return "[AsyncIterable]";
  }
  return undefined;
}

function dateString(date: Date): string {
  const time = date.getTime();
  return Number.isNaN(time) ? "Invalid Date" : date.toISOString();
}

function isNodeStream(value: object): boolean {
  const v = value as { pipe?: unknown; on?: unknown };
  return typeof v.pipe === "function" && typeof v.on === "function";
}

export function constructorName(value: object, fallback: string): string {
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  const name = typeof ctor === "function" ? ctor.name : undefined;
  return typeof name === "string" && name !== "" ? name : fallback;
}

export function functionLabel(fn: { readonly name: string }): string {
  let name: unknown;
  try {
    name = fn.name;
  } catch {
    name = undefined;
  }
  return `[Function ${typeof name === "string" && name !== "" ? name : "(anonymous)"}]`;
}

/** `[Throws: message]` for a getter, proxy trap or toJSON that threw. */
export function throwsLabel(error: unknown): string {
  return `[Throws: ${safeMessage(error)}]`;
}

export function safeMessage(error: unknown): string {
  try {
    if (error instanceof Error) return error.message;
    return String(error);
  } catch {
    return "unknown error";
  }
}

const ERROR_FIELDS = ["name", "message", "stack"];

/** The keys an error is captured with: name, message, stack, cause, errors, then its own enumerable keys. */
export function errorKeys(error: Error): string[] {
  const keys = ERROR_FIELDS.slice();
  if ("cause" in error) keys.push("cause");
  if ("errors" in error && Array.isArray((error as { errors?: unknown }).errors)) keys.push("errors");
  for (const key of Object.keys(error)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

export function isError(value: object): value is Error {
  return types.isNativeError(value) || value instanceof Error;
}

export const isMap = types.isMap as (value: unknown) => value is Map<unknown, unknown>;
export const isSet = types.isSet as (value: unknown) => value is Set<unknown>;
export const isBoxedPrimitive = types.isBoxedPrimitive;

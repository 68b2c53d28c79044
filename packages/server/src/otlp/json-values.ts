/**
 * OTLP/JSON (proto3 JSON mapping) leaf values: ids, uint64 nanoseconds, enums,
 * AnyValue and attribute lists. Every helper throws a SpanReject naming what was
 * wrong; the caller rejects the span that contained it.
 */
import type { Attributes, AttributeValue } from "@honeyhive-ts/semconv";
import { bytesToHex, MAX_ANY_VALUE_DEPTH, setAttribute, splitNanosToMs } from "./common.js";

export type JsonObject = Record<string, unknown>;

/** Why one span (or one resource/scope, and so all its spans) cannot be kept. */
export class SpanReject extends Error {
  readonly path: string[] = [];
  constructor(readonly detail: string) {
    super(detail);
    this.name = "SpanReject";
  }

  /** "attributes[3].value.intValue: expected an integer, got true". */
  get reason(): string {
    let where = "";
    for (const segment of this.path)
      where += where === "" || segment.startsWith("[") ? segment : `.${segment}`;
    return where === "" ? this.detail : `${where}: ${this.detail}`;
  }
}

/** Prefixes a path segment to a SpanReject passing through; other errors are returned untouched. */
export function under(err: unknown, segment: string): unknown {
  if (err instanceof SpanReject) err.path.unshift(segment);
  return err;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field by its lowerCamelCase or snake_case name; null counts as absent (proto3 JSON). */
export function get(o: JsonObject, camel: string, snake: string): unknown {
  const v = o[camel];
  if (v !== undefined && v !== null) return v;
  const w = o[snake];
  return w === null ? undefined : w;
}

/** A short description of a JSON value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}...` : JSON.stringify(value);
    case "object":
      return "an object";
    case "number":
    case "boolean":
      return String(value);
    default:
      return typeof value;
  }
}

export function field<T>(value: unknown, name: string, read: (v: unknown) => T): T {
  try {
    return read(value);
  } catch (err) {
    throw under(err, name);
  }
}

export function optionalString(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value !== "string") throw new SpanReject(`expected a string, got ${describe(value)}`);
  return value;
}

const HEX = /^[0-9a-fA-F]*$/;
const ZEROS = /^0*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]*|[A-Za-z0-9_-]*)={0,2}$/;

/**
 * A trace or span id: hex (any case), or base64 of the right length for robustness.
 * Returns lower-case hex, or undefined for an absent/empty/all-zero id when `optional`.
 */
export function jsonId(value: unknown, bytes: number, name: string, optional: boolean): string | undefined {
  if (value === undefined || value === "") {
    if (optional) return undefined;
    throw new SpanReject(`${name} is missing`);
  }
  if (typeof value !== "string")
    throw new SpanReject(`${name}: expected a hex string, got ${describe(value)}`);
  let hex: string | undefined;
  if (value.length === bytes * 2 && HEX.test(value)) {
    hex = value.toLowerCase();
  } else if (BASE64.test(value)) {
    const decoded = Buffer.from(value, "base64");
    if (decoded.length === bytes) hex = bytesToHex(decoded, 0, bytes);
  }
  if (hex === undefined) {
    throw new SpanReject(
      `${name} must be ${bytes * 2} hex characters (${bytes} bytes), got ${describe(value)}`,
    );
  }
  if (ZEROS.test(hex)) {
    if (optional) return undefined;
    throw new SpanReject(`${name} must not be all zeros`);
  }
  return hex;
}

const UINT64 = /^\d{1,20}$/;

/** A uint64 count of Unix nanoseconds (decimal string or number) as fractional milliseconds; absent is 0. */
export function nanosToMs(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value === "string" && UINT64.test(value)) {
    const n = value.length;
    return n <= 6
      ? splitNanosToMs(0, Number(value))
      : splitNanosToMs(Number(value.slice(0, n - 6)), Number(value.slice(n - 6)));
  }
  if (typeof value === "number" && value >= 0 && Number.isFinite(value)) {
    if (!Number.isSafeInteger(value)) return value / 1e6;
    let whole = Math.trunc(value / 1e6);
    let sub = value - whole * 1e6;
    if (sub < 0) {
      whole -= 1;
      sub += 1e6;
    } else if (sub >= 1e6) {
      whole += 1;
      sub -= 1e6;
    }
    return splitNanosToMs(whole, sub);
  }
  throw new SpanReject(
    `expected unsigned integer nanoseconds (a decimal string or number), got ${describe(value)}`,
  );
}

/** An enum: its number, or one of its value names (index = number). Absent is 0. */
export function enumValue(value: unknown, names: readonly string[]): number {
  if (value === undefined) return 0;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string") {
    const i = names.indexOf(value);
    if (i >= 0) return i;
  }
  throw new SpanReject(`expected an integer or one of ${names.join(", ")}, got ${describe(value)}`);
}

const INT64 = /^-?\d{1,19}$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function int64(value: unknown): number | string {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && INT64.test(value)) {
    if (value.length <= 15) return Number(value);
    const big = BigInt(value);
    if (big >= INT64_MIN && big <= INT64_MAX) {
      const n = Number(big);
      return Number.isSafeInteger(n) ? n : big.toString();
    }
  }
  throw new SpanReject(`expected a 64-bit integer (number or decimal string), got ${describe(value)}`);
}

function double(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    if (value === "NaN") return Number.NaN;
    if (value === "Infinity") return Number.POSITIVE_INFINITY;
    if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
    const n = Number(value);
    if (value.trim() !== "" && !Number.isNaN(n)) return n;
  }
  throw new SpanReject(`expected a number, got ${describe(value)}`);
}

/** base64 (standard or URL-safe), or the `[1, 2]` / `{"0": 1, "1": 2}` forms JSON.stringify makes of bytes. */
function bytesValue(value: unknown): Uint8Array {
  if (typeof value === "string" && BASE64.test(value)) return new Uint8Array(Buffer.from(value, "base64"));
  const list = Array.isArray(value) ? value : isObject(value) ? indexedValues(value) : undefined;
  if (list?.every(isByte)) return Uint8Array.from(list as number[]);
  throw new SpanReject(`expected base64, got ${describe(value)}`);
}

function indexedValues(o: JsonObject): unknown[] | undefined {
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) if (keys[i] !== String(i)) return undefined;
  return Object.values(o);
}

function isByte(b: unknown): boolean {
  return typeof b === "number" && Number.isInteger(b) && b >= 0 && b <= 255;
}

function typed<T>(value: unknown, type: "string" | "boolean", name: string): T {
  if (typeof value !== type) throw under(new SpanReject(`expected a ${type}, got ${describe(value)}`), name);
  return value as T;
}

/** Decodes an OTLP/JSON AnyValue; an empty one (or none) is null. */
export function anyValue(value: unknown, depth: number): AttributeValue {
  if (value === undefined) return null;
  if (!isObject(value)) throw new SpanReject(`expected an AnyValue object, got ${describe(value)}`);
  const s = get(value, "stringValue", "string_value");
  if (s !== undefined) return typed<string>(s, "string", "stringValue");
  const b = get(value, "boolValue", "bool_value");
  if (b !== undefined) return typed<boolean>(b, "boolean", "boolValue");
  const i = get(value, "intValue", "int_value");
  if (i !== undefined) return field(i, "intValue", int64);
  const d = get(value, "doubleValue", "double_value");
  if (d !== undefined) return field(d, "doubleValue", double);
  const a = get(value, "arrayValue", "array_value");
  if (a !== undefined) return field(a, "arrayValue", (v) => arrayValue(v, depth + 1));
  const kv = get(value, "kvlistValue", "kvlist_value");
  if (kv !== undefined) return field(kv, "kvlistValue", (v) => keyValueList(v, depth + 1));
  const bytes = get(value, "bytesValue", "bytes_value");
  if (bytes !== undefined) return field(bytes, "bytesValue", bytesValue);
  return null;
}

function nestedValues(value: unknown, depth: number): unknown[] | undefined {
  if (depth > MAX_ANY_VALUE_DEPTH) throw new SpanReject(`nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
  if (!isObject(value)) throw new SpanReject(`expected an object with "values", got ${describe(value)}`);
  const values = value["values"];
  if (values === undefined || values === null) return undefined;
  if (!Array.isArray(values))
    throw under(new SpanReject(`expected an array, got ${describe(values)}`), "values");
  return values;
}

function arrayValue(value: unknown, depth: number): AttributeValue[] {
  const values = nestedValues(value, depth);
  const out: AttributeValue[] = [];
  if (values === undefined) return out;
  for (let i = 0; i < values.length; i++) {
    try {
      out.push(anyValue(values[i], depth));
    } catch (err) {
      throw under(under(err, `[${i}]`), "values");
    }
  }
  return out;
}

function keyValueList(value: unknown, depth: number): Attributes {
  const values = nestedValues(value, depth);
  const out: Attributes = {};
  if (values === undefined) return out;
  return field(values, "values", (v) => attributes(v, depth, out));
}

/** A `repeated KeyValue` list as a plain object; entries without a key are skipped, the last duplicate wins. */
export function attributes(value: unknown, depth = 0, out: Attributes = {}): Attributes {
  if (value === undefined) return out;
  if (!Array.isArray(value))
    throw new SpanReject(`expected an array of {key, value}, got ${describe(value)}`);
  for (let i = 0; i < value.length; i++) {
    const kv: unknown = value[i];
    if (!isObject(kv)) throw under(new SpanReject(`expected {key, value}, got ${describe(kv)}`), `[${i}]`);
    const key = kv["key"];
    if (key === undefined || key === null || key === "") continue;
    if (typeof key !== "string") {
      throw under(under(new SpanReject(`expected a string, got ${describe(key)}`), "key"), `[${i}]`);
    }
    try {
      setAttribute(out, key, anyValue(kv["value"] ?? undefined, depth));
    } catch (err) {
      throw under(under(err, "value"), `[${i}]`);
    }
  }
  return out;
}

/** Small value helpers shared by the conversion (no dependencies, edge-runtime safe). */

import type { JsonObject } from "../event.js";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 (with padding) of a byte array. */
export function toBase64(bytes: Uint8Array): string {
  let out = "";
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + B64[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8);
    out += B64[v >> 18]! + B64[(v >> 12) & 63]!;
    out += i + 1 < n ? `${B64[(v >> 6) & 63]!}=` : "==";
  }
  return out;
}

/** An attribute value made JSON-safe: byte arrays become base64 strings, recursively. */
export function normalizeValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Uint8Array) return toBase64(value);
  if (Array.isArray(value)) return value.map(normalizeValue);
  const entries = Object.entries(value);
  for (let i = 0; i < entries.length; i++) entries[i]![1] = normalizeValue(entries[i]![1]);
  return Object.fromEntries(entries) as JsonObject;
}

export function isPlainObject(value: unknown): value is JsonObject {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/**
 * Parses a string that is clearly JSON: after trimming it starts with "{" and
 * ends with "}" (or "[" and "]") and parses. Anything else is returned as is.
 */
export function parseJsonIfClear(value: unknown): unknown {
  if (typeof value !== "string" || value.length < 2) return value;
  let start = 0;
  let end = value.length - 1;
  while (start < end && isSpace(value.charCodeAt(start))) start++;
  while (end > start && isSpace(value.charCodeAt(end))) end--;
  const first = value.charCodeAt(start);
  const last = value.charCodeAt(end);
  const brace = first === 123 && last === 125; // { }
  const bracket = first === 91 && last === 93; // [ ]
  if (!brace && !bracket) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Like `parseJsonIfClear`, but always tries a string (for attributes documented as JSON). */
export function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A finite number from a number or a numeric string (OTLP int64 may arrive as "123"); else undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  if (typeof value === "bigint") return Number(value);
  return undefined;
}

/** A non-empty string from a string, number or boolean; else undefined. */
export function toStr(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Text for display: strings as they are, other values as JSON. */
export function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return value.length === 36 && UUID.test(value);
}

/** Lower-cases a UUID-shaped string; other strings are returned unchanged. */
export function lowerIfUuid(value: string): string {
  return isUuid(value) ? value.toLowerCase() : value;
}

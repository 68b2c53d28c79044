import type { JsonValue } from "./limits.js";

// Characters JSON.stringify escapes: quote, backslash, control characters and
// surrogates (a lone surrogate becomes \udXXX; a pair is kept, the slow path
// below counts it exactly).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Length of `JSON.stringify(s)`, without building it in the common case. */
export function stringSize(s: string): number {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s).length : s.length + 2;
}

/** Length of `JSON.stringify(n)` for a finite number. */
export function numberSize(n: number): number {
  return n >= 0 && n < 10 && Number.isInteger(n) ? 1 : String(n).length;
}

/** The suffix of a cut string. */
export function truncatedMarker(omitted: number): string {
  return `…[truncated ${omitted} chars]`;
}

/** Characters {@link truncatedMarker} adds (it never needs escaping). */
export function truncatedMarkerSize(omitted: number): number {
  return 19 + String(omitted).length;
}

/** The final item of a cut array. */
export function moreItemsMarker(omitted: number): string {
  return `[… ${omitted} more items]`;
}

/** The value of the `"…"` key of a cut object. */
export function moreKeysMarker(omitted: number): string {
  return `${omitted} more keys`;
}

/** Where to cut `s` to keep at most `keep` characters without splitting a surrogate pair. */
export function cutIndex(s: string, keep: number): number {
  if (keep <= 0) return 0;
  if (keep >= s.length) return s.length;
  const last = s.charCodeAt(keep - 1);
  return last >= 0xd800 && last <= 0xdbff ? keep - 1 : keep;
}

/**
 * Length of `JSON.stringify(value)` for a value made of plain JSON data.
 * Used only on the slow path (values over budget) and by tests.
 */
export function jsonSize(value: JsonValue): number {
  if (value === null) return 4;
  switch (typeof value) {
    case "string":
      return stringSize(value);
    case "number":
      return Number.isFinite(value) ? numberSize(value) : 4;
    case "boolean":
      return value ? 4 : 5;
    default:
      break;
  }
  if (Array.isArray(value)) {
    let size = 2 + Math.max(0, value.length - 1);
    for (const item of value) size += jsonSize(item);
    return size;
  }
  const keys = Object.keys(value);
  let size = 2 + Math.max(0, keys.length - 1);
  for (const key of keys) size += stringSize(key) + 1 + jsonSize(value[key] as JsonValue);
  return size;
}

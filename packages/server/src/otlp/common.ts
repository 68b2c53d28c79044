import type { Attributes, AttributeValue } from "@honeyhive-ts/semconv";

/** Deepest AnyValue nesting (arrays and kvlists inside each other) either decoder accepts. */
export const MAX_ANY_VALUE_DEPTH = 64;

/** Two lower-case hex characters for every byte value. */
const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** Lower-case hex of `bytes[start..end)`. */
export function bytesToHex(bytes: Uint8Array, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; i++) out += HEX_PAIRS[bytes[i]!]!;
  return out;
}

export function isAllZero(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * Unix nanoseconds given as `wholeMs * 1e6 + subMsNanos` (both exact integers,
 * 0 <= subMsNanos < 1e6) to fractional milliseconds, rounded once. Both decoders
 * go through here so the same nanosecond value gives the same double whichever
 * wire format carried it.
 */
export function splitNanosToMs(wholeMs: number, subMsNanos: number): number {
  return wholeMs + subMsNanos / 1e6;
}

/** Sets an attribute; last duplicate key wins. "__proto__" becomes an ordinary own property. */
export function setAttribute(target: Attributes, key: string, value: AttributeValue): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Converts a 64-bit two's-complement integer (two unsigned 32-bit halves) to a number, or a decimal string beyond 2^53. */
export function int64FromHalves(lo: number, hi: number): number | string {
  if (hi < 0x200000) return hi * 4294967296 + lo;
  if (hi >= 0x80000000) {
    const negLo = (~lo + 1) >>> 0;
    const negHi = (~hi + (negLo === 0 ? 1 : 0)) >>> 0;
    if (negHi < 0x200000) return -(negHi * 4294967296 + negLo);
  }
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString();
}

export function spanIndex(resourceIndex: number, scopeIndex: number, spanIndexInScope: number): string {
  return `resourceSpans[${resourceIndex}].scopeSpans[${scopeIndex}].spans[${spanIndexInScope}]`;
}

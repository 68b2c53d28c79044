/** Bounds applied by {@link capture}. Every limit keeps the result valid, structured JSON. */
export interface CaptureLimits {
  /** Characters kept per string; the rest becomes `…[truncated N chars]`. */
  maxStringLength: number;
  /** Items kept per array, set or map; the rest becomes a final `[… N more items]`. */
  maxArrayItems: number;
  /** Keys kept per object; the rest becomes `"…": "N more keys"`. */
  maxObjectKeys: number;
  /** Nesting kept; deeper containers become `"[Object]"` / `"[Array]"`. */
  maxDepth: number;
  /** Budget for the whole serialized value, in characters of JSON text. */
  maxTotalChars: number;
}

export const DEFAULT_CAPTURE_LIMITS: Readonly<CaptureLimits> = Object.freeze({
  maxStringLength: 16_384,
  maxArrayItems: 200,
  maxObjectKeys: 200,
  maxDepth: 10,
  maxTotalChars: 256 * 1024,
});

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Defaults for missing or unusable values (negative, NaN, non-numbers); fractions are floored. */
export function resolveLimits(limits: Partial<CaptureLimits> | undefined): CaptureLimits {
  if (limits === undefined) return DEFAULT_CAPTURE_LIMITS;
  return {
    maxStringLength: pick(limits.maxStringLength, DEFAULT_CAPTURE_LIMITS.maxStringLength),
    maxArrayItems: pick(limits.maxArrayItems, DEFAULT_CAPTURE_LIMITS.maxArrayItems),
    maxObjectKeys: pick(limits.maxObjectKeys, DEFAULT_CAPTURE_LIMITS.maxObjectKeys),
    maxDepth: pick(limits.maxDepth, DEFAULT_CAPTURE_LIMITS.maxDepth),
    maxTotalChars: pick(limits.maxTotalChars, DEFAULT_CAPTURE_LIMITS.maxTotalChars),
  };
}

function pick(value: unknown, fallback: number): number {
  return typeof value === "number" && value >= 0 ? Math.floor(value) : fallback;
}

/**
 * State shared by the encoder's two passes. The planning pass computes every
 * nested message size and string length in traversal order; the writing pass
 * walks the same way and reads them back. Values that must be computed once
 * (mask results, normalized odd values) are kept the same way, so the user's
 * mask runs exactly once per value.
 */
import { capture } from "../capture/index.js";

export type MaskFunction = (value: unknown, key: string) => unknown;

/** Stands in for a value whose mask threw: the whole value is hidden (fail closed). */
export const MASK_FAILED = "[masked: mask function failed]";

const MAX_ARRAY_DEPTH = 4;

export class EncodeState {
  /** Sizes and string lengths from the planning pass (a growable typed array: no boxing, no holes). */
  private sizes = new Uint32Array(256);
  /** How many sizes the planning pass recorded, and how many the writing pass read. */
  count = 0;
  cursor = 0;
  /** Substituted values (masked or normalized) from the planning pass. */
  readonly substituted: unknown[] = [];
  subCursor = 0;

  constructor(
    readonly mask: MaskFunction | undefined,
    readonly onMaskError: (err: unknown) => void,
  ) {}

  /** Records a size (or string length) for the writing pass. */
  push(size: number): void {
    if (this.count === this.sizes.length) this.grow();
    this.sizes[this.count++] = size;
  }

  /** A slot for a message size known only after its children are planned; fill it with set(). */
  reserve(): number {
    this.push(0);
    return this.count - 1;
  }

  set(index: number, size: number): void {
    this.sizes[index] = size;
  }

  next(): number {
    return this.sizes[this.cursor++] ?? 0;
  }

  private grow(): void {
    const bigger = new Uint32Array(this.sizes.length * 2);
    bigger.set(this.sizes);
    this.sizes = bigger;
  }

  nextSubstituted(): unknown {
    return this.substituted[this.subCursor++];
  }

  /** Runs the mask on one value; never throws. */
  applyMask(mask: MaskFunction, value: unknown, key: string): unknown {
    try {
      return normalizeValue(mask(value, key), 0);
    } catch (err) {
      this.onMaskError(err);
      return MASK_FAILED;
    }
  }
}

function isPrimitive(v: unknown): boolean {
  const t = typeof v;
  return t === "string" || t === "number" || t === "boolean" || v === null || v === undefined;
}

/** True for the values OTel attributes normally hold: encoded as they are. */
export function isPlainValue(value: unknown): boolean {
  if (isPrimitive(value)) return true;
  if (!Array.isArray(value)) return false;
  for (const v of value) if (!isPrimitive(v)) return false;
  return true;
}

/** Anything into what AnyValue can carry: primitives, byte arrays, arrays of those; the rest as JSON. */
export function normalizeValue(value: unknown, depth: number): unknown {
  if (isPrimitive(value) || value instanceof Uint8Array) return value;
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (Array.isArray(value) && depth < MAX_ARRAY_DEPTH) {
    return value.map((v) => normalizeValue(v, depth + 1));
  }
  if (typeof value === "object") return safeJson(value);
  return safeString(value);
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "[unserializable]";
  }
}

/** JSON that never throws: the SDK's one safe serializer (cycles, BigInt, errors, limits). */
export function safeJson(value: unknown): string {
  const captured = capture(value);
  return typeof captured === "string" ? captured : JSON.stringify(captured);
}

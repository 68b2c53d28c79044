import { cutIndex, stringSize, truncatedMarker, truncatedMarkerSize } from "./json-size.js";
import type { CaptureLimits, JsonValue } from "./limits.js";

/** Strings this short are never shrunk to meet the total budget, so they are not tracked. */
export const STRING_FLOOR = 32;

/** The walk stops visiting new entries past this multiple of the budget (shared references can explode). */
const HARD_CAP_FACTOR = 16;

/** The key of the marker that ends a cut object (a real key of that name is replaced by it). */
export const MORE_KEYS = "…";

export type Holder = JsonValue[] | { [key: string]: JsonValue };

/** A string that the budget pass may shorten: where it sits, its text before any marker, how much was cut. */
export interface StringSlot {
  holder: Holder | undefined;
  key: string | number;
  value: string;
  text: string;
  omitted: number;
  size: number;
  /** No character of `text` needs escaping in JSON. */
  plain: boolean;
}

export interface Walk {
  readonly limits: CaptureLimits;
  readonly hardCap: number;
  /** Exact length of the JSON text of everything captured so far. */
  total: number;
  readonly ancestors: object[];
  /** Strings longer than {@link STRING_FLOOR}, for the budget pass. */
  readonly slots: StringSlot[];
  pending: StringSlot | undefined;
  /** Containers cut by the walk (they end with a marker) → how many items or keys were left out. */
  cut: Map<Holder, number> | undefined;
}

export function createWalk(limits: CaptureLimits): Walk {
  const hardCap = limits.maxTotalChars * HARD_CAP_FACTOR;
  return { limits, hardCap, total: 0, ancestors: [], slots: [], pending: undefined, cut: undefined };
}

/** Store a captured value; `__proto__` is defined, not assigned (which would set the prototype). */
export function setKey(holder: Holder, key: string | number, value: JsonValue): void {
  if (Array.isArray(holder)) holder[key as number] = value;
  else if (key === "__proto__") {
    Object.defineProperty(holder, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    holder[key] = value;
  }
}

/** Add a captured value to an object, and tell its string slot (if any) where it sits. */
export function putKey(
  walk: Walk,
  holder: { [key: string]: JsonValue },
  key: string,
  value: JsonValue,
): void {
  if (key === "__proto__") setKey(holder, key, value);
  else holder[key] = value;
  if (walk.pending !== undefined) bind(walk, holder, key, value);
}

/** Append a captured value to an array, and tell its string slot (if any) where it sits. */
export function putItem(walk: Walk, holder: JsonValue[], value: JsonValue): void {
  holder.push(value);
  if (walk.pending !== undefined) bind(walk, holder, holder.length - 1, value);
}

function bind(walk: Walk, holder: Holder, key: string | number, value: JsonValue): void {
  const slot = walk.pending!;
  walk.pending = undefined;
  if (slot.value === value) {
    slot.holder = holder;
    slot.key = key;
  }
}

export function captureString(walk: Walk, s: string): string {
  const max = walk.limits.maxStringLength;
  let text = s;
  let omitted = 0;
  let out = s;
  let size: number;
  if (s.length > max) {
    const keep = cutIndex(s, max);
    text = s.slice(0, keep);
    omitted = s.length - keep;
    out = text + truncatedMarker(omitted);
    size = stringSize(text) + truncatedMarkerSize(omitted);
  } else {
    size = stringSize(s);
  }
  walk.total += size;
  if (text.length > STRING_FLOOR) {
    const plain = size === text.length + 2 + (omitted > 0 ? truncatedMarkerSize(omitted) : 0);
    const slot: StringSlot = { holder: undefined, key: 0, value: out, text, omitted, size, plain };
    walk.slots.push(slot);
    walk.pending = slot;
  }
  return out;
}

export function markCut(walk: Walk, container: Holder, omitted: number): void {
  walk.cut ??= new Map();
  walk.cut.set(container, omitted);
}

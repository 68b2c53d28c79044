import {
  cutIndex,
  jsonSize,
  moreItemsMarker,
  moreKeysMarker,
  stringSize,
  truncatedMarker,
  truncatedMarkerSize,
} from "./json-size.js";
import type { JsonValue } from "./limits.js";
import { type Holder, MORE_KEYS, STRING_FLOOR, type StringSlot, setKey, type Walk } from "./walk-state.js";

/**
 * The slow path, for values whose JSON text is over `maxTotalChars`. In order,
 * until the value fits: cut the longest strings to a common length (strings
 * shorter than it, such as ids and names, stay whole; none is cut below
 * {@link STRING_FLOOR}); then cut the largest arrays and objects to a common
 * number of items or keys (at least one); then replace containers below a
 * depth by markers.
 */
export function shrinkToBudget(walk: Walk, box: { value: JsonValue }): void {
  const budget = walk.limits.maxTotalChars;
  const size = walk.total;
  if (size <= budget) return;
  if (shrinkStrings(walk.slots, containers(box, new Set()), size, budget) <= budget) return;
  shrinkContainers(walk, box, budget);
}

type Candidate = StringSlot & { holder: Holder };

/** Every array and object of the value (and the box): slots elsewhere were dropped after capture. */
function containers(node: object, found: Set<object>): Set<object> {
  found.add(node);
  for (const child of Object.values(node) as JsonValue[]) {
    if (child !== null && typeof child === "object") containers(child, found);
  }
  return found;
}

function shrinkStrings(
  slots: readonly StringSlot[],
  live: Set<object>,
  size: number,
  budget: number,
): number {
  const candidates: Candidate[] = [];
  let longest = 0;
  for (const slot of slots) {
    const holder = slot.holder as Record<string | number, JsonValue> | undefined;
    if (holder === undefined || holder[slot.key] !== slot.value || !live.has(holder)) continue;
    candidates.push(slot as Candidate);
    longest = Math.max(longest, slot.text.length);
  }
  const sizeAt = (cap: number): number => {
    let total = size;
    for (const slot of candidates) total -= slot.size - shrunkSize(slot, cap);
    return total;
  };
  let cap = STRING_FLOOR;
  if (sizeAt(cap) <= budget) {
    let hi = longest;
    while (cap < hi) {
      const mid = Math.ceil((cap + hi) / 2);
      if (sizeAt(mid) <= budget) cap = mid;
      else hi = mid - 1;
    }
  }
  for (const slot of candidates) {
    if (shrunkSize(slot, cap) < slot.size) applyCap(slot, cap);
  }
  return sizeAt(cap);
}

function shrunkSize(slot: Candidate, cap: number): number {
  if (slot.text.length <= cap) return slot.size;
  const keep = cutIndex(slot.text, cap);
  const head = slot.plain ? keep + 2 : stringSize(slot.text.slice(0, keep));
  return Math.min(slot.size, head + truncatedMarkerSize(slot.omitted + slot.text.length - keep));
}

function applyCap(slot: Candidate, cap: number): void {
  const keep = cutIndex(slot.text, cap);
  const value = slot.text.slice(0, keep) + truncatedMarker(slot.omitted + slot.text.length - keep);
  setKey(slot.holder, slot.key, value);
}

interface Caps {
  /** Items kept per array and keys per object. */
  items: number;
  /** Containers at this depth become "[Array]" / "[Object]". */
  depth: number;
}

type Cut = Map<Holder, number>;

function shrinkContainers(walk: Walk, box: { value: JsonValue }, budget: number): void {
  const cut: Cut = walk.cut ?? new Map();
  const { widest, depth } = shape(box.value, 0);
  const caps: Caps = { items: 1, depth: depth + 1 };
  if (measure(box.value, caps, 0, cut) <= budget) {
    let hi = widest;
    while (caps.items < hi) {
      const mid = Math.ceil((caps.items + hi) / 2);
      if (measure(box.value, { items: mid, depth: caps.depth }, 0, cut) <= budget) caps.items = mid;
      else hi = mid - 1;
    }
  } else {
    while (caps.depth > 0 && measure(box.value, caps, 0, cut) > budget) caps.depth--;
  }
  box.value = applyCaps(box.value, caps, 0, cut);
}

/** The most items or keys of any container, and the deepest nesting, of a captured value. */
function shape(node: JsonValue, depth: number): { widest: number; depth: number } {
  const result = { widest: 0, depth };
  if (node === null || typeof node !== "object") return result;
  const children = Array.isArray(node) ? node : Object.values(node);
  result.widest = children.length;
  for (const child of children) {
    const inner = shape(child, depth + 1);
    result.widest = Math.max(result.widest, inner.widest);
    result.depth = Math.max(result.depth, inner.depth);
  }
  return result;
}

/** The entries a container keeps under `cap` (its marker excluded) and how many it leaves out in all. */
function kept(node: JsonValue[] | { [key: string]: JsonValue }, cap: number, cut: Cut) {
  const prior = cut.get(node) ?? 0;
  let entries: (string | number)[];
  if (Array.isArray(node)) {
    entries = [...node.keys()];
    if (prior > 0) entries.pop(); // the marker is the last item
  } else {
    entries = Object.keys(node);
    // the marker key keeps the place of a real key of the same name, if there was one
    if (prior > 0) entries = entries.filter((key) => key !== MORE_KEYS);
  }
  const keep = entries.slice(0, cap);
  return { keep, omitted: prior + entries.length - keep.length };
}

/** Length of the JSON text `applyCaps(node, caps)` would produce. */
function measure(node: JsonValue, caps: Caps, depth: number, cut: Cut): number {
  if (node === null || typeof node !== "object") return jsonSize(node);
  if (depth >= caps.depth) return Array.isArray(node) ? 9 : 10;
  const { keep, omitted } = kept(node, caps.items, cut);
  const array = Array.isArray(node);
  let size = 2 + Math.max(0, keep.length + (omitted > 0 ? 1 : 0) - 1);
  for (const key of keep) {
    const child = (node as Record<string | number, JsonValue>)[key] as JsonValue;
    size += (array ? 0 : stringSize(key as string) + 1) + measure(child, caps, depth + 1, cut);
  }
  if (omitted === 0) return size;
  return size + (array ? stringSize(moreItemsMarker(omitted)) : 4 + stringSize(moreKeysMarker(omitted)));
}

function applyCaps(node: JsonValue, caps: Caps, depth: number, cut: Cut): JsonValue {
  if (node === null || typeof node !== "object") return node;
  if (depth >= caps.depth) return Array.isArray(node) ? "[Array]" : "[Object]";
  const { keep, omitted } = kept(node, caps.items, cut);
  if (Array.isArray(node)) {
    const out = keep.map((i) => applyCaps(node[i as number] as JsonValue, caps, depth + 1, cut));
    if (omitted > 0) out.push(moreItemsMarker(omitted));
    return out;
  }
  const out: { [key: string]: JsonValue } = {};
  for (const key of keep as string[])
    setKey(out, key, applyCaps(node[key] as JsonValue, caps, depth + 1, cut));
  if (omitted > 0) setKey(out, MORE_KEYS, moreKeysMarker(omitted));
  return out;
}

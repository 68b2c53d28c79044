import {
  cutIndex,
  jsonSize,
  moreItemsMarker,
  moreKeysMarker,
  numberSize,
  stringSize,
  truncatedMarker,
} from "./json-size.js";
import type { JsonValue } from "./limits.js";
import {
  describePlain,
  describeSpecial,
  errorKeys,
  functionLabel,
  isBoxedPrimitive,
  isError,
  isMap,
  isSet,
  throwsLabel,
} from "./special.js";
import { captureString, MORE_KEYS, markCut, putItem, putKey, setKey, type Walk } from "./walk-state.js";

export function walkValue(walk: Walk, value: unknown, depth: number): JsonValue {
  switch (typeof value) {
    case "string":
      return captureString(walk, value);
    case "number":
      if (!Number.isFinite(value)) return captureString(walk, String(value));
      walk.total += numberSize(value);
      return value === 0 ? 0 : value;
    case "boolean":
      walk.total += value ? 4 : 5;
      return value;
    case "bigint":
      return captureString(walk, value.toString());
    case "symbol":
      return captureString(walk, value.description ?? "");
    case "function":
      return captureString(walk, functionLabel(value));
    case "undefined":
      walk.total += 4;
      return null;
    default:
      if (value === null) {
        walk.total += 4;
        return null;
      }
      return walkObject(walk, value as object, depth, false);
  }
}

function walkObject(walk: Walk, value: object, depth: number, skipToJSON: boolean): JsonValue {
  try {
    if (walk.ancestors.includes(value)) return captureString(walk, "[Circular]");
    const deep = depth >= walk.limits.maxDepth;
    if (Array.isArray(value))
      return deep ? captureString(walk, "[Array]") : walkList(walk, value, value, depth);
    const proto: unknown = Object.getPrototypeOf(value);
    const plain = proto === Object.prototype || proto === null;
    const special = plain ? describePlain(value) : describeSpecial(value);
    if (special !== undefined) return captureString(walk, special);
    if (!plain && isBoxedPrimitive(value)) return walkValue(walk, value.valueOf(), depth);
    if (!skipToJSON && typeof (value as { toJSON?: unknown }).toJSON === "function") {
      return walkToJSON(walk, value as { toJSON: (key: string) => unknown }, depth);
    }
    if (deep) return captureString(walk, !plain && isSet(value) ? "[Array]" : "[Object]");
    if (plain) return walkRecord(walk, value, Object.keys(value), depth, readProperty);
    return walkInstance(walk, value, depth);
  } catch (error) {
    return captureString(walk, throwsLabel(error));
  }
}

/** Errors, maps, sets, and other class instances (their own enumerable properties). */
function walkInstance(walk: Walk, value: object, depth: number): JsonValue {
  if (isError(value)) return walkRecord(walk, value, errorKeys(value), depth, readProperty);
  if (isMap(value)) return walkMap(walk, value, depth);
  if (isSet(value)) {
    return walkList(walk, value, firstItems(value.values(), walk.limits.maxArrayItems), depth, value.size);
  }
  return walkRecord(walk, value, Object.keys(value), depth, readProperty);
}

/** What `toJSON` returns, walked without calling its own toJSON; `value` counts as an ancestor. */
function walkToJSON(walk: Walk, value: { toJSON: (key: string) => unknown }, depth: number): JsonValue {
  const json: unknown = value.toJSON("");
  if (json === null || typeof json !== "object") return walkValue(walk, json, depth);
  if (json === value) return walkObject(walk, json, depth, true);
  walk.ancestors.push(value);
  try {
    return walkObject(walk, json, depth, true);
  } finally {
    walk.ancestors.pop();
  }
}

function walkMap(walk: Walk, map: Map<unknown, unknown>, depth: number): JsonValue {
  const { maxArrayItems, maxObjectKeys } = walk.limits;
  const entries = firstItems(map.entries(), Math.max(maxArrayItems, maxObjectKeys));
  if (entries.every(([key]) => typeof key === "string")) {
    return walkRecord(
      walk,
      map,
      entries.map(([key]) => key as string),
      depth,
      readMapValue,
      map.size,
    );
  }
  const pairs = entries.slice(0, maxArrayItems).map(([key, value]) => [key, value]);
  return walkList(walk, map, pairs, depth, map.size);
}

function walkList(
  walk: Walk,
  self: object,
  items: ArrayLike<unknown>,
  depth: number,
  total?: number,
): JsonValue {
  const count = total ?? items.length;
  const limit = Math.min(count, items.length, walk.limits.maxArrayItems);
  const out: JsonValue[] = [];
  walk.ancestors.push(self);
  try {
    for (let i = 0; i < limit && walk.total <= walk.hardCap; i++) {
      if (i > 0) walk.total += 1;
      let item: unknown;
      try {
        item = items[i];
      } catch (error) {
        item = throwsLabel(error);
      }
      putItem(walk, out, walkValue(walk, item, depth + 1));
    }
  } finally {
    walk.ancestors.pop();
  }
  const omitted = count - out.length;
  if (omitted > 0) {
    if (out.length > 0) walk.total += 1;
    out.push(captureString(walk, moreItemsMarker(omitted)));
    walk.pending = undefined;
    markCut(walk, out, omitted);
  }
  walk.total += 2;
  return out;
}

type Read = (source: object, key: string) => unknown;
const readProperty: Read = (source, key) => (source as Record<string, unknown>)[key];
const readMapValue: Read = (source, key) => (source as Map<unknown, unknown>).get(key);

function walkRecord(
  walk: Walk,
  source: object,
  keys: readonly string[],
  depth: number,
  read: Read,
  total?: number,
): JsonValue {
  const count = total ?? keys.length;
  const limit = Math.min(keys.length, walk.limits.maxObjectKeys);
  const out: { [key: string]: JsonValue } = {};
  let visited = 0;
  let kept = 0;
  walk.ancestors.push(source);
  try {
    for (; visited < limit && walk.total <= walk.hardCap; visited++) {
      const key = keys[visited]!;
      let value: unknown;
      try {
        value = read(source, key);
      } catch (error) {
        value = throwsLabel(error);
      }
      if (value === undefined) continue;
      const name =
        key.length > walk.limits.maxStringLength ? captureKey(key, walk.limits.maxStringLength) : key;
      walk.total += stringSize(name) + 1 + (kept > 0 ? 1 : 0);
      putKey(walk, out, name, walkValue(walk, value, depth + 1));
      kept++;
    }
  } finally {
    walk.ancestors.pop();
  }
  let omitted = count - visited;
  if (omitted > 0) {
    if (Object.hasOwn(out, MORE_KEYS)) {
      // a real key named like the marker: replaced by it, and counted as left out
      kept--;
      omitted++;
      walk.total -= (kept > 0 ? 1 : 0) + 4 + jsonSize(out[MORE_KEYS] as JsonValue);
    }
    const marker = moreKeysMarker(omitted);
    walk.total += (kept > 0 ? 1 : 0) + 4 + stringSize(marker);
    setKey(out, MORE_KEYS, marker);
    markCut(walk, out, omitted);
  }
  walk.total += 2;
  return out;
}

function captureKey(key: string, max: number): string {
  const keep = cutIndex(key, max);
  return key.slice(0, keep) + truncatedMarker(key.length - keep);
}

function firstItems<T>(iterator: Iterator<T>, max: number): T[] {
  const items: T[] = [];
  while (items.length < max) {
    const step = iterator.next();
    if (step.done) break;
    items.push(step.value);
  }
  return items;
}

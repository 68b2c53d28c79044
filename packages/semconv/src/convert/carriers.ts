/**
 * Helpers for field carriers: a carrier reads one convention's attributes and,
 * when they are present, returns the field value with the attributes it used.
 */

import type { JsonObject } from "../event.js";
import type { AttrBag, Family } from "./context.js";
import { normalizeMessages } from "./messages.js";
import { TreeBuilder } from "./tree.js";
import { isPlainObject, normalizeValue, parseJson } from "./values.js";

/** A derived field value and the attributes it came from. */
export interface Derived {
  value: JsonObject;
  sources: string[];
}

export type Carrier = (bag: AttrBag) => Derived | undefined;

/** An indexed family (`gen_ai.prompt.0.role`, `retrieval.documents.0.document.id`, ...) rebuilt. */
export function indexedTree(
  bag: AttrBag,
  family: Family,
): { value: JsonObject; sources: string[] } | undefined {
  const keys = bag.family(family);
  if (keys.length === 0) return undefined;
  const tree = new TreeBuilder();
  for (const key of keys) tree.add(key.slice(family.length), normalizeValue(bag.attrs[key]));
  return { value: tree.build(), sources: keys };
}

export function indexedMessages(bag: AttrBag, family: Family, role: string) {
  const found = indexedTree(bag, family);
  return found && { messages: normalizeMessages(found.value, role), sources: found.sources };
}

/** OpenInference `input.value` / `output.value`, JSON-decoded when the mime type says so. */
export function mimeValue(
  bag: AttrBag,
  valueKey: string,
  mimeKey: string,
  wrap: string,
): Derived | undefined {
  const raw = bag.peek(valueKey);
  if (raw === undefined) return undefined;
  const mime = bag.peek(mimeKey);
  const json = typeof mime === "string" && mime.toLowerCase().includes("json");
  const value = json ? parseJson(raw) : normalizeValue(raw);
  const sources = mime === undefined ? [valueKey] : [valueKey, mimeKey];
  return { value: isPlainObject(value) ? value : { [wrap]: value }, sources };
}

export function firstOf(bag: AttrBag, keys: readonly string[]): [string, unknown] | undefined {
  const key = bag.firstKey(keys);
  return key === undefined ? undefined : [key, bag.peek(key)];
}

/** The result of the first carrier that yields. */
export function firstCarrier(bag: AttrBag, carriers: Carrier[]): Derived | undefined {
  for (const carrier of carriers) {
    const found = carrier(bag);
    if (found) return found;
  }
  return undefined;
}

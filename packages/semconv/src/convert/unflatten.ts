import type { JsonObject } from "../event.js";
import { TreeBuilder } from "./tree.js";
import { normalizeValue, parseJsonIfClear } from "./values.js";

export interface UnflattenOptions {
  /** Parse string values that are clearly JSON objects/arrays (see `parseJsonIfClear`). Default false. */
  parseJson?: boolean;
}

/**
 * Rebuilds nested objects from the dotted keys of `attrs` that start with
 * `prefix` + "." (all keys when `prefix` is ""), the prefix removed:
 * `unflatten({"m.a.b": 1, "m.l.0": "x"}, "m")` → `{a: {b: 1}, l: ["x"]}`.
 * Byte arrays become base64. Collisions: see `TreeBuilder`.
 */
export function unflatten(
  attrs: Record<string, unknown>,
  prefix: string,
  options: UnflattenOptions = {},
): JsonObject {
  const tree = new TreeBuilder();
  const head = prefix === "" ? "" : `${prefix}.`;
  for (const key of Object.keys(attrs)) {
    if (head !== "" && !key.startsWith(head)) continue;
    let value = normalizeValue(attrs[key]);
    if (options.parseJson) value = parseJsonIfClear(value);
    tree.add(key.slice(head.length), value);
  }
  return tree.build();
}

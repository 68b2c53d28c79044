import { type CaptureLimits, type JsonValue, resolveLimits } from "./limits.js";
import { shrinkToBudget } from "./shrink.js";
import { walkValue } from "./walk.js";
import { createWalk, putKey } from "./walk-state.js";

/**
 * Turns any JS value into JSON-safe data within `limits`; never throws.
 *
 * One walk builds the result and totals the length of its JSON text; only a
 * value over `maxTotalChars` pays for a second, shrinking pass. Truncation
 * always keeps the structure: strings, arrays and objects end with markers
 * (`…[truncated N chars]`, `[… N more items]`, `"…": "N more keys"`).
 */
export function capture(value: unknown, limits?: Partial<CaptureLimits>): JsonValue {
  try {
    const walk = createWalk(resolveLimits(limits));
    const box: { value: JsonValue } = { value: null };
    putKey(walk, box, "value", walkValue(walk, value, 0));
    if (walk.total > walk.limits.maxTotalChars) shrinkToBudget(walk, box);
    return box.value;
  } catch {
    return "[Unserializable]";
  }
}

/**
 * `JSON.stringify(capture(value, limits))`; never throws. Plain JSON data
 * within every limit (most of what is captured: messages, parameters,
 * results) is stringified as it is, without the walk's copy: the text is
 * the same.
 */
export function captureJson(value: unknown, limits?: Partial<CaptureLimits>): string {
  try {
    const resolved = resolveLimits(limits);
    const text = asIsJson(value, resolved);
    return text ?? JSON.stringify(capture(value, resolved));
  } catch {
    return '"[Unserializable]"';
  }
}

/**
 * What `asIs` may still look at, in characters of JSON text: it takes off
 * about the length of the text as it goes, so a value far over
 * `maxTotalChars` (or shared references that would explode) stops the check
 * early. It only decides which path is taken: either gives the same text.
 */
let left = 0;

/** The JSON text of `value` when capture would keep it as it is, else undefined. */
function asIsJson(value: unknown, limits: CaptureLimits): string | undefined {
  try {
    left = limits.maxTotalChars;
    if (!asIs(value, limits, 0)) return undefined;
    const text = JSON.stringify(value);
    return text !== undefined && text.length <= limits.maxTotalChars ? text : undefined;
  } catch {
    return undefined; // a getter that throws: the walk labels it
  }
}

/**
 * Plain JSON data that the walk would copy unchanged: strings within the
 * length limit, finite numbers, booleans, null, arrays and plain objects
 * within the depth, item and key limits, and undefined (dropped from objects,
 * null in arrays: what JSON.stringify does too). Anything the
 * walk labels, cuts or converts (functions, symbols, bigints, class
 * instances, promise-likes, toJSON, cycles: they reach the depth limit) is not.
 */
function asIs(value: unknown, limits: CaptureLimits, depth: number): boolean {
  if (--left < 0) return false;
  switch (typeof value) {
    case "string":
      left -= value.length + 1;
      return value.length <= limits.maxStringLength;
    case "number":
      return Number.isFinite(value);
    case "boolean":
      return true;
    case "undefined":
      return true; // at the top JSON.stringify gives no text, and the walk's "null" is used
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= limits.maxDepth) return false;
  if (Array.isArray(value)) {
    if (value.length > limits.maxArrayItems) return false;
    for (let i = 0; i < value.length; i++) if (!asIs(value[i], limits, depth + 1)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const v = value as Record<string | symbol, unknown>;
  if (typeof v["then"] === "function" || typeof v["toJSON"] === "function") return false;
  if (v[Symbol.asyncIterator] !== undefined) return false;
  const keys = Object.keys(value);
  if (keys.length > limits.maxObjectKeys) return false;
  for (const key of keys) {
    left -= key.length + 3;
    if (key.length > limits.maxStringLength || !asIs(v[key], limits, depth + 1)) return false;
  }
  return true;
}

/**
 * The inputs of a call as one object: each argument under its parameter name
 * when known, else `argN` by position. A name written `...rest` (as returned
 * by {@link parameterNames}) collects the remaining arguments into an array
 * under `rest`. The limits apply to the object as a whole, with one more level
 * of depth so that each argument keeps `maxDepth`.
 */
export function captureArgs(
  args: readonly unknown[],
  paramNames: readonly (string | undefined)[],
  limits?: Partial<CaptureLimits>,
): Record<string, JsonValue> {
  try {
    const resolved = resolveLimits(limits);
    const inputs: Record<string, unknown> = Object.create(null);
    for (let i = 0; i < args.length; i++) {
      const name = paramNames[i];
      if (name?.startsWith("...")) {
        inputs[name.slice(3)] = args.slice(i);
        break;
      }
      inputs[name ?? `arg${i}`] = args[i];
    }
    const restIndex = paramNames.findIndex((name) => name?.startsWith("..."));
    if (restIndex >= args.length) inputs[paramNames[restIndex]!.slice(3)] = [];
    const captured = capture(inputs, { ...resolved, maxDepth: resolved.maxDepth + 1 });
    if (captured !== null && typeof captured === "object" && !Array.isArray(captured)) return captured;
    return { "…": captured };
  } catch {
    return { "…": "[Unserializable]" };
  }
}

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

/** `JSON.stringify(capture(value, limits))`; never throws. */
export function captureJson(value: unknown, limits?: Partial<CaptureLimits>): string {
  try {
    return JSON.stringify(capture(value, limits));
  } catch {
    return '"[Unserializable]"';
  }
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

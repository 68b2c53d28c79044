/** Numbers compared with the ground truth. */
import { evaluator } from "../evaluator.js";
import type { Evaluator, EvaluatorInput } from "../types.js";
import { asText, type BuiltinOptions, pickOutput, requireExpected, wrapperOptions } from "./shared.js";

/** A number from a number or a numeric string (e.g. an LLM's "42.5"), else an error naming the side. */
function toNumber(value: unknown, side: string): number {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN;
  if (typeof value === "string" && value.trim() === "")
    throw new Error(`${side} is an empty string, not a number`);
  if (!Number.isFinite(n)) throw new Error(`${side} is not a number: ${asText(value).slice(0, 80)}`);
  return n;
}

export interface NumericDifferenceOptions extends BuiltinOptions {
  /** absolute (default): |output - expected|; relative: |output - expected| / |expected|. */
  mode?: "absolute" | "relative";
  /** The largest difference that passes (default 0: equality). */
  tolerance?: number;
}

/** The difference from the ground truth (lower is better); passes when it is within `tolerance`. */
export function numericDifference(options: NumericDifferenceOptions = {}): Evaluator {
  const mode = options.mode ?? "absolute";
  const tolerance = options.tolerance ?? 0;
  return evaluator(
    (ev: EvaluatorInput) => {
      const output = toNumber(pickOutput(ev, options), "output");
      const expected = toNumber(requireExpected(ev, options, "numeric_difference"), "expected");
      const absolute = Math.abs(output - expected);
      if (mode === "relative" && expected === 0 && absolute !== 0)
        throw new Error("a relative difference from an expected 0 is undefined; use mode absolute");
      const score = mode === "absolute" || absolute === 0 ? absolute : absolute / Math.abs(expected);
      return { score, explanation: `${mode} difference ${score} (output ${output}, expected ${expected})` };
    },
    wrapperOptions(options, { name: "numeric_difference", threshold: { max: tolerance } }),
  );
}

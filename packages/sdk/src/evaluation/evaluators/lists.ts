/** Lists compared with the ground truth: recall, precision, F1 of expected items. */
import { evaluator } from "../evaluator.js";
import type { Evaluator, EvaluatorInput } from "../types.js";
import { asText, type BuiltinOptions, pickOutput, requireExpected, wrapperOptions } from "./shared.js";

export interface ListContainmentOptions extends BuiltinOptions {
  /**
   * recall (default): the share of expected items found in the output;
   * precision: the share of output items that were expected; f1: their harmonic mean.
   */
  measure?: "recall" | "precision" | "f1";
  /** Compare string items case-insensitively (default false). */
  ignoreCase?: boolean;
}

/**
 * Expected items (the ground truth, a list) found in the output. An output
 * list is compared item by item (as JSON for non-strings); an output string
 * counts an expected item as found when it contains it (recall only).
 * Passes at 1 unless `threshold` says otherwise.
 */
export function listContainment(options: ListContainmentOptions = {}): Evaluator {
  const measure = options.measure ?? "recall";
  const key = (item: unknown) => {
    const text = typeof item === "string" ? item : JSON.stringify(item);
    return options.ignoreCase ? text.toLowerCase() : text;
  };
  return evaluator(
    (ev: EvaluatorInput) => {
      const raw = requireExpected(ev, options, "list_containment");
      const expected = (Array.isArray(raw) ? raw : [raw]).map(key);
      const output = pickOutput(ev, options);
      const found = (item: string) =>
        Array.isArray(output) ? output.map(key).includes(item) : key(asText(output)).includes(item);
      const hits = expected.filter(found);
      const recall = expected.length === 0 ? 1 : hits.length / expected.length;
      const missing = expected.filter((e) => !found(e));
      const why = missing.length ? `missing ${missing.join(", ")}` : "every expected item present";
      if (measure === "recall") return { score: recall, explanation: `recall ${recall}: ${why}` };
      if (!Array.isArray(output)) throw new Error(`${measure} needs the output to be a list`);
      const outputKeys = output.map(key);
      const expectedSet = new Set(expected);
      const extra = outputKeys.filter((o) => !expectedSet.has(o));
      const precision = outputKeys.length === 0 ? 1 : (outputKeys.length - extra.length) / outputKeys.length;
      const explanation = `recall ${recall}, precision ${precision}: ${why}${extra.length ? `; unexpected ${extra.join(", ")}` : ""}`;
      if (measure === "precision") return { score: precision, explanation };
      const f1 = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
      return { score: f1, explanation };
    },
    wrapperOptions(options, { name: `list_${measure}`, threshold: { min: 1 } }),
  );
}

/** A weighted combination of other evaluators. */
import { evaluator, toEvaluator } from "../evaluator.js";
import type { EvaluationResult, Evaluator, EvaluatorFn, EvaluatorInput, EvaluatorOptions } from "../types.js";

export interface CompositeOptions extends Omit<EvaluatorOptions, "passWhen"> {
  /** The metric name of the combination (required: it is what the run reports). */
  name: string;
  /** Weights by position or by child name (default: each child's own `weight`). */
  weights?: number[] | Record<string, number>;
  /**
   * What a child that fails (error, or a score that is not a number or a
   * boolean) does: "fail" (default) makes the composite an error naming it,
   * since leaving a part out would report a better score than was measured;
   * "exclude" reports it in the explanation and combines the others.
   */
  onChildError?: "fail" | "exclude";
}

function weightOf(child: Evaluator, index: number, weights: CompositeOptions["weights"]): number {
  const w = Array.isArray(weights) ? weights[index] : weights?.[child.name];
  const weight = w ?? child.weight;
  if (!(weight >= 0) || !Number.isFinite(weight))
    throw new TypeError(`composite weight of ${child.name} must be a finite number >= 0, got ${weight}`);
  return weight;
}

const numeric = (r: EvaluationResult): number | null =>
  typeof r.score === "boolean" ? (r.score ? 1 : 0) : typeof r.score === "number" ? r.score : null;

/**
 * Runs the children on the same call (concurrently) and scores their weighted
 * mean; booleans count as 1 / 0. The explanation lists every part. Without a
 * `threshold`, the composite passes when every child that has a pass rule
 * passed (null when none has one).
 */
export function composite(children: (Evaluator | EvaluatorFn)[], options: CompositeOptions): Evaluator {
  if (!options.name) throw new TypeError("composite needs a name");
  if (children.length === 0) throw new TypeError("composite needs at least one evaluator");
  const parts = children.map((c, i) => toEvaluator(c, i));
  const weights = parts.map((p, i) => weightOf(p, i, options.weights));
  if (weights.every((w) => w === 0)) throw new TypeError("composite weights are all 0");
  const { weights: _w, onChildError, ...wrapper } = options;
  return evaluator(async (ev: EvaluatorInput) => {
    const results = await Promise.all(parts.map((p) => p.evaluate(ev)));
    let sum = 0;
    let total = 0;
    const lines: string[] = [];
    const failed: string[] = [];
    results.forEach((r, i) => {
      const value = numeric(r);
      if (value === null) {
        const why = r.error ?? `score ${JSON.stringify(r.score)} is not a number or boolean`;
        failed.push(`${r.name}: ${why}`);
        lines.push(`${r.name} failed (${why})`);
        return;
      }
      sum += weights[i]! * value;
      total += weights[i]!;
      const verdict = r.passed === null ? "" : r.passed ? ", passed" : ", failed";
      lines.push(`${r.name}=${Number(value.toFixed(4))} ×${weights[i]}${verdict}`);
    });
    if (failed.length && onChildError !== "exclude") throw new Error(`part failed: ${failed.join("; ")}`);
    if (total === 0) throw new Error(`no part scored: ${lines.join("; ")}`);
    const rules = results.filter((r) => r.passed !== null);
    return {
      score: sum / total,
      explanation: lines.join("; "),
      ...(options.threshold === undefined && rules.length ? { passed: rules.every((r) => r.passed) } : {}),
    };
  }, wrapper);
}

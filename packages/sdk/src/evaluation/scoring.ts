import { errorMessage } from "../trace/span-observer.js";
import { toEvaluator } from "./evaluator.js";
import type { EvaluationResult, Evaluator, EvaluatorFn, EvaluatorInput, ScoreValue } from "./types.js";
import { bounded } from "./work.js";

/** Evaluators as given (functions or `evaluator()`s), made uniform once; a duplicate name would overwrite a metric. */
export function toEvaluators(given: ReadonlyArray<EvaluatorFn | Evaluator> | undefined): Evaluator[] {
  const list = (given ?? []).map((e, i) => toEvaluator(e as EvaluatorFn | Evaluator, i));
  const seen = new Set<string>();
  for (const e of list) {
    if (seen.has(e.name))
      throw new TypeError(`two evaluators are named "${e.name}"; give one a different name`);
    seen.add(e.name);
  }
  return list;
}

/**
 * Every evaluator on one call, side by side. Each is bounded by `timeoutMs`
 * and by `input.signal`: one that ignores both still yields an error result
 * at the deadline, so a hung evaluator never holds the others' results.
 */
export function runEvaluators(
  evaluators: readonly Evaluator[],
  input: EvaluatorInput,
  timeoutMs?: number,
): Promise<EvaluationResult[]> {
  const parent = input.signal ?? new AbortController().signal;
  return Promise.all(
    evaluators.map(async (e): Promise<EvaluationResult> => {
      const started = performance.now();
      try {
        return await bounded(timeoutMs, parent, (signal) => e.evaluate({ ...input, signal }));
      } catch (err) {
        const durationMs = performance.now() - started;
        return { name: e.name, score: null, passed: null, error: errorMessage(err), durationMs };
      }
    }),
  );
}

/**
 * Scores as an event's metrics: `metrics[name]` and, when there is one,
 * `metrics[name + "_explanation"]`. Failed evaluators store nothing (their
 * error is in the result), so a re-run can tell they are not done.
 */
export function metricsOf(results: readonly EvaluationResult[]): Record<string, ScoreValue | string> {
  const out: Record<string, ScoreValue | string> = {};
  for (const r of results) {
    if (r.error !== undefined || r.score === null) continue;
    out[r.name] = r.score;
    if (r.explanation !== undefined) out[`${r.name}_explanation`] = r.explanation;
  }
  return out;
}

/** A datapoint passes when no judged evaluation failed and at least one passed; null when nothing was judged. */
export function passedOf(results: readonly EvaluationResult[], failed: boolean): boolean | null {
  if (failed) return false;
  if (results.some((r) => r.passed === false)) return false;
  return results.some((r) => r.passed === true) ? true : null;
}

import type {
  EvaluationResult,
  Evaluator,
  EvaluatorFn,
  EvaluatorInput,
  EvaluatorOptions,
  EvaluatorReturn,
  RepeatAggregate,
  ScoreValue,
} from "./types.js";

const IS_EVALUATOR = Symbol.for("honeyhive.evaluator");

export function isEvaluator(value: unknown): value is Evaluator {
  return (
    typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[IS_EVALUATOR] === true
  );
}

/** A score and its explanation from whatever the function returned. */
export function normalizeScore(raw: EvaluatorReturn): {
  score: ScoreValue;
  explanation?: string;
  label?: string;
  passed?: boolean;
} {
  if (raw === null || typeof raw !== "object") return { score: raw === undefined ? null : raw };
  const out: { score: ScoreValue; explanation?: string; label?: string; passed?: boolean } = {
    score: raw.score === undefined ? null : raw.score,
  };
  if (typeof raw.explanation === "string") out.explanation = raw.explanation;
  if (typeof raw.label === "string") out.label = raw.label;
  if (typeof raw.passed === "boolean") out.passed = raw.passed;
  return out;
}

/** Pass / fail by the options' rule; null when there is no rule for this kind of score. */
export function judge(score: ScoreValue, options: EvaluatorOptions): boolean | null {
  if (score === null) return null;
  if (options.passWhen !== undefined) {
    const allowed = Array.isArray(options.passWhen) ? options.passWhen : [options.passWhen];
    return allowed.includes(score);
  }
  if (options.threshold && typeof score === "number") {
    const { min, max } = options.threshold;
    return (min === undefined || score >= min) && (max === undefined || score <= max);
  }
  return null;
}

function combine(scores: ScoreValue[], how: RepeatAggregate): ScoreValue {
  const present = scores.filter((s) => s !== null);
  if (present.length === 0) return null;
  const numeric = present.map((s) => (typeof s === "boolean" ? (s ? 1 : 0) : s));
  if (how === "majority" || numeric.some((n) => typeof n !== "number")) {
    const counts = new Map<ScoreValue, number>();
    for (const s of present) counts.set(s, (counts.get(s) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  }
  const nums = (numeric as number[]).slice().sort((a, b) => a - b);
  switch (how) {
    case "min":
      return nums[0]!;
    case "max":
      return nums[nums.length - 1]!;
    case "median": {
      const mid = nums.length >> 1;
      return nums.length % 2 ? nums[mid]! : (nums[mid - 1]! + nums[mid]!) / 2;
    }
    default:
      return nums.reduce((a, b) => a + b, 0) / nums.length;
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number | undefined,
  parent?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener("abort", onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    const pending = work(controller.signal);
    if (ms === undefined) return await pending;
    return await Promise.race([
      pending,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const err = new Error(`timed out after ${ms} ms`);
          // Reject first: work that settles on abort must not win the race.
          reject(err);
          controller.abort(err);
        }, ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
    parent?.removeEventListener("abort", onAbort);
  }
}

/**
 * Wraps a function `({output, expected, input, metadata}) => score` as an
 * evaluator with a name, a weight, a pass rule, repetitions and a timeout.
 * An evaluator never rejects: an exception, a timeout or an invalid score
 * becomes a result with `error` and a null score.
 */
export function evaluator<O = unknown, I = Record<string, unknown>, E = unknown>(
  fn: EvaluatorFn<O, I, E>,
  options: EvaluatorOptions = {},
): Evaluator<O, I, E> {
  const name = options.name ?? (fn.name || "evaluator");
  const repeat = Math.max(1, Math.floor(options.repeat ?? 1));
  const frozen = Object.freeze({ ...options, name });
  const ev: Evaluator<O, I, E> = {
    name,
    weight: options.weight ?? 1,
    options: frozen,
    async evaluate(input: EvaluatorInput<O, I, E>): Promise<EvaluationResult> {
      const started = performance.now();
      try {
        const runs = [];
        for (let i = 0; i < repeat; i++) {
          const raw = await withTimeout(
            (signal) => Promise.resolve(fn({ ...input, signal })),
            options.timeoutMs,
            input.signal,
          );
          runs.push(normalizeScore(raw));
        }
        for (const r of runs) {
          if (r.score !== null && !["number", "boolean", "string"].includes(typeof r.score)) {
            throw new TypeError(
              `returned ${typeof r.score}; return a number, boolean, string or {score, explanation}`,
            );
          }
          if (typeof r.score === "number" && !Number.isFinite(r.score))
            throw new TypeError(`returned ${r.score}`);
        }
        const score =
          runs.length === 1
            ? runs[0]!.score
            : combine(
                runs.map((r) => r.score),
                options.aggregate ?? "mean",
              );
        const first = runs[0]!;
        const result: EvaluationResult = {
          name,
          score,
          passed: runs.length === 1 && first.passed !== undefined ? first.passed : judge(score, options),
          durationMs: performance.now() - started,
        };
        if (first.explanation !== undefined) result.explanation = first.explanation;
        if (first.label !== undefined) result.label = first.label;
        return result;
      } catch (err) {
        return {
          name,
          score: null,
          passed: null,
          error: message(err),
          durationMs: performance.now() - started,
        };
      }
    },
  };
  Object.defineProperty(ev, IS_EVALUATOR, { value: true });
  return ev;
}

/** An evaluator as given to evaluate() or trace(): a bare function becomes one named after it (or by position). */
export function toEvaluator(value: EvaluatorFn | Evaluator, index: number): Evaluator {
  if (isEvaluator(value)) return value;
  if (typeof value !== "function")
    throw new TypeError(`evaluator ${index} is not a function or an evaluator()`);
  return evaluator(value, { name: value.name || `evaluator_${index + 1}` });
}

/**
 * The evaluator contract shared by `evaluate()`, inline evaluation in
 * `trace(fn, {evaluators})`, the built-in library and composites.
 */

/** What an evaluator sees of one call. */
export interface EvaluatorInput<Output = unknown, Input = Record<string, unknown>, Expected = unknown> {
  /** What the evaluated function returned. */
  output: Output;
  /** The datapoint's ground truth (undefined when there is none, e.g. production calls). */
  expected: Expected | undefined;
  /** The inputs the function was called with. */
  input: Input;
  /** The datapoint's metadata, or the traced call's. */
  metadata: Record<string, unknown>;
  /** Facts of the call when known: for latency and cost budgets. */
  call?: { durationMs?: number; cost?: number; totalTokens?: number };
  /** Aborted when the evaluation is cancelled or times out. */
  signal?: AbortSignal;
}

/** Scores an evaluator function may return. */
export type ScoreValue = number | boolean | string | null;
export type EvaluatorReturn =
  | ScoreValue
  | { score: ScoreValue; explanation?: string; label?: string; passed?: boolean };

export type EvaluatorFn<O = unknown, I = Record<string, unknown>, E = unknown> = (
  input: EvaluatorInput<O, I, E>,
) => EvaluatorReturn | Promise<EvaluatorReturn>;

/** How repeated scores of one evaluator (`repeat > 1`, e.g. a noisy LLM judge) become one. */
export type RepeatAggregate = "mean" | "median" | "min" | "max" | "majority";

export interface EvaluatorOptions {
  /** The metric name (default: the function's name). */
  name?: string;
  /** Weight in composites and in the run's overall score (default 1). */
  weight?: number;
  /** A numeric score passes when min <= score <= max. */
  threshold?: { min?: number; max?: number };
  /** A boolean / string score passes when it equals this (or one of these). */
  passWhen?: ScoreValue | ScoreValue[];
  /** Run the evaluator this many times and aggregate (default 1). */
  repeat?: number;
  /** How repeated scores combine (default "mean"; "majority" for booleans and labels). */
  aggregate?: RepeatAggregate;
  /** Abort an evaluation that takes longer (ms; default none). */
  timeoutMs?: number;
}

/** One evaluator's verdict on one call. Never thrown: a failure is `error`. */
export interface EvaluationResult {
  name: string;
  score: ScoreValue;
  explanation?: string;
  label?: string;
  /** null when the evaluator has no pass rule, or failed. */
  passed: boolean | null;
  /** Why the evaluator failed (then score is null). */
  error?: string;
  durationMs: number;
}

export interface Evaluator<O = unknown, I = Record<string, unknown>, E = unknown> {
  readonly name: string;
  readonly weight: number;
  readonly options: Readonly<EvaluatorOptions>;
  /** Scores one call; resolves with an error result instead of rejecting. */
  evaluate(input: EvaluatorInput<O, I, E>): Promise<EvaluationResult>;
}

/**
 * Inline production evaluation: `trace(fn, {evaluators})` scores sampled live
 * calls after they settle, off the caller's path.
 *
 * The span is not ended when the call settles: its end is held until the
 * evaluators finished (or gave up), then the span ends with the end time taken
 * at settlement, so its duration is the call's. The caller gets its result at
 * once; only the span's export waits. This way the scores land on the span
 * itself: as `gen_ai.evaluation.result` span events (OpenTelemetry GenAI
 * semantic conventions) and as `honeyhive_metrics.<name>` /
 * `<name>_explanation` attributes (the event's metrics), with no extra request.
 */
import { HH_ATTR } from "@honeyhive-ts/semconv";
import type { Attributes, Span } from "@opentelemetry/api";
import type { TracerCore } from "../tracer/core.js";
import { metricsOf, runEvaluators, toEvaluators } from "./scoring.js";
import type { EvaluationResult, Evaluator, EvaluatorFn } from "./types.js";

/** The span event and attribute names of the GenAI semantic conventions for evaluation results. */
export const GEN_AI_EVALUATION = {
  event: "gen_ai.evaluation.result",
  name: "gen_ai.evaluation.name",
  scoreValue: "gen_ai.evaluation.score.value",
  scoreLabel: "gen_ai.evaluation.score.label",
  explanation: "gen_ai.evaluation.explanation",
  errorType: "error.type",
} as const;

/** A held span ends after this long even if an evaluator never settles (ms). */
export const DEFAULT_INLINE_TIMEOUT_MS = 30_000;

export interface InlineEvaluationOptions {
  evaluators?: ReadonlyArray<EvaluatorFn | Evaluator>;
  /** Fraction of calls evaluated, 0..1 (default 1). */
  evaluationSampling?: number;
  /** Bound on each evaluator of a call, in ms (default 30 000). */
  evaluationTimeoutMs?: number;
}

/** What a traced function needs to evaluate its calls; made once per traced function. */
export interface InlineEvaluation {
  evaluators: readonly Evaluator[];
  sampling: number;
  timeoutMs: number;
  metadata: Record<string, unknown>;
  /** The call's inputs by parameter name, as evaluators see them. */
  inputOf: (args: readonly unknown[]) => Record<string, unknown>;
}

/** Undefined when there is nothing to evaluate; throws on a bad option (at `trace()` time, not per call). */
export function inlineEvaluation(
  options: InlineEvaluationOptions,
  metadata: Record<string, unknown> | undefined,
  inputOf: (args: readonly unknown[]) => Record<string, unknown>,
): InlineEvaluation | undefined {
  const evaluators = toEvaluators(options.evaluators);
  if (evaluators.length === 0) return undefined;
  const sampling = options.evaluationSampling ?? 1;
  if (!(sampling >= 0 && sampling <= 1)) throw new TypeError("evaluationSampling must be between 0 and 1");
  return {
    evaluators,
    sampling,
    timeoutMs: options.evaluationTimeoutMs ?? DEFAULT_INLINE_TIMEOUT_MS,
    metadata: metadata ?? {},
    inputOf,
  };
}

const UNSET = Symbol("unset");

/** Where the traced call reports its value when it knows it (sync values and promises). */
export interface OutputSink {
  output: unknown;
}

/**
 * For a sampled call: replaces the span's `end` so that ending it starts the
 * evaluation (on a later tick) and the real end follows it. Returns the sink
 * for the call's value, or undefined when the call is not sampled.
 */
export function holdSpanEnd(
  span: Span,
  core: TracerCore,
  evaluation: InlineEvaluation,
  args: readonly unknown[],
): OutputSink | undefined {
  if (evaluation.sampling < 1 && Math.random() >= evaluation.sampling) return undefined;
  const sink: OutputSink = { output: UNSET };
  const started = performance.now();
  const realEnd = span.end.bind(span);
  let held = false;
  span.end = () => {
    if (held) return;
    held = true;
    // A performance timestamp: OpenTelemetry converts it like its own clock, so the duration is the call's.
    const endedAt = performance.now();
    const key = `${span.spanContext().spanId}:evaluation`;
    core.pending.add(key, undefined);
    setImmediate(() => {
      evaluateCall(span, core, evaluation, args, sink, endedAt - started)
        .catch((err: unknown) => core.logger.error("inline evaluation failed", err))
        .finally(() => {
          realEnd(endedAt);
          core.pending.delete(key);
        });
    });
  };
  return sink;
}

async function evaluateCall(
  span: Span,
  core: TracerCore,
  evaluation: InlineEvaluation,
  args: readonly unknown[],
  sink: OutputSink,
  durationMs: number,
): Promise<void> {
  const attributes = (span as { attributes?: Attributes }).attributes ?? {};
  if (attributes[HH_ATTR.error] !== undefined) return; // a failed call has no output to score
  const output = sink.output !== UNSET ? sink.output : recordedOutput(attributes[HH_ATTR.outputs]);
  const results = await runEvaluators(
    evaluation.evaluators,
    {
      output,
      expected: undefined,
      input: evaluation.inputOf(args),
      metadata: evaluation.metadata,
      call: { durationMs },
    },
    evaluation.timeoutMs,
  );
  for (const r of results) span.addEvent(GEN_AI_EVALUATION.event, eventAttributes(r));
  for (const [name, value] of Object.entries(metricsOf(results))) {
    if (value !== null) span.setAttribute(`${HH_ATTR.metrics}.${name}`, value);
  }
  core.logger.debug(`evaluated ${results.length} evaluators on a call`);
}

/** Streams and iterators: the output the span recorded (`{"result": ...}` unwrapped), when outputs are captured. */
function recordedOutput(json: unknown): unknown {
  if (typeof json !== "string") return undefined;
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    return Object.keys(parsed).length === 1 && "result" in parsed ? parsed["result"] : parsed;
  } catch {
    return json;
  }
}

/** One result as the attributes of a `gen_ai.evaluation.result` event. */
export function eventAttributes(r: EvaluationResult): Attributes {
  const out: Attributes = { [GEN_AI_EVALUATION.name]: r.name };
  if (typeof r.score === "number") out[GEN_AI_EVALUATION.scoreValue] = r.score;
  if (typeof r.score === "boolean") out[GEN_AI_EVALUATION.scoreValue] = r.score ? 1 : 0;
  const label =
    r.label ??
    (typeof r.score === "string" || typeof r.score === "boolean" ? String(r.score) : undefined) ??
    (r.passed === null ? undefined : r.passed ? "pass" : "fail");
  if (label !== undefined) out[GEN_AI_EVALUATION.scoreLabel] = label;
  if (r.error !== undefined) {
    out[GEN_AI_EVALUATION.errorType] = /timed out/.test(r.error) ? "timeout" : "evaluator_error";
    out[GEN_AI_EVALUATION.explanation] = r.error;
  } else if (r.explanation !== undefined) {
    out[GEN_AI_EVALUATION.explanation] = r.explanation;
  }
  return out;
}

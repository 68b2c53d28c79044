/**
 * `evaluate()`: run a function over a dataset, score every output with
 * evaluators, and record it all as a run on the server (a session per
 * datapoint and repetition, scores as the session's metrics). Without a key or
 * a server it still runs and returns the scores; it never crashes the host.
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { HH_ATTR } from "@honeyhive-ts/semconv";
import { type Span, SpanStatusCode } from "@opentelemetry/api";
import { captureJson } from "../capture/index.js";
import { HoneyHive } from "../client/client.js";
import { resolveClientOptions } from "../client/options.js";
import { createLogger, type Logger } from "../internal/logger.js";
import type { SessionInfo } from "../session/session.js";
import { errorMessage } from "../trace/span-observer.js";
import { HoneyHiveTracer } from "../tracer/honeyhive-tracer.js";
import {
  type DatasetRow,
  type EvalDatapoint,
  inlineDataset,
  type LoadedDataset,
  loadDataset,
} from "./dataset.js";
import { type DatapointResult, type ExperimentResult, experimentResult } from "./experiment.js";
import { eventAttributes, GEN_AI_EVALUATION } from "./inline.js";
import { localRun, openRun, outputsOf, type RunRecorder, taskKey } from "./recorder.js";
import { metricsOf, passedOf, runEvaluators, toEvaluators } from "./scoring.js";
import type { AggregateFunction } from "./summary.js";
import type { EvaluationResult, Evaluator, EvaluatorFn } from "./types.js";
import { bounded, cancelOnSigint, runPool } from "./work.js";

export type { DatapointResult, ExperimentResult } from "./experiment.js";

/** What the evaluated function gets besides the datapoint's inputs. */
export interface EvaluationContext {
  groundTruth: unknown;
  metadata: Record<string, unknown>;
  datapointId: string;
  /** 0-based repetition of this datapoint. */
  repetition: number;
  /** Aborted when the datapoint times out or the run is cancelled. */
  signal: AbortSignal;
}

export interface EvaluateOptions {
  /** The function under evaluation, called once per datapoint and repetition. */
  function: (inputs: Record<string, unknown>, ctx: EvaluationContext) => unknown;
  /** An inline dataset (ids are deterministic: the same rows give the same ids). */
  dataset?: readonly DatasetRow[];
  /** A dataset stored on the server. */
  datasetId?: string;
  evaluators?: ReadonlyArray<EvaluatorFn | Evaluator>;
  /** The run's name (default: "Evaluation " + an ISO timestamp). */
  name?: string;
  /** Resume this run: datapoints it already finished (with every score) are skipped. */
  runId?: string;
  /** Datapoints evaluated at once (default 10). */
  maxConcurrency?: number;
  /** Alias of `maxConcurrency`. */
  maxWorkers?: number;
  /** How per-metric scores aggregate in the summary (default "average"). */
  aggregateFunction?: AggregateFunction | ((values: number[]) => number);
  /** Run every datapoint this many times, each in its own session (default 1). */
  repetitions?: number;
  /** Bound on each datapoint's function call, and on each of its evaluators, in ms. */
  timeout?: number;
  /** Aborting it cancels the run; what finished is kept. */
  signal?: AbortSignal;
  /** The run's metadata. */
  metadata?: Record<string, unknown>;
  apiKey?: string;
  serverUrl?: string;
  project?: string;
  /** The API client to use (default: one made from apiKey / serverUrl / the environment). */
  client?: HoneyHive;
  /** The tracer whose sessions and spans record the datapoints (default: one made for this run). */
  tracer?: HoneyHiveTracer;
  /** Print the summary table (default true, to stdout), or hand each line to a function. */
  print?: boolean | ((line: string) => void);
}

const logger: Logger = createLogger(false);

/**
 * Every datapoint session has this name, whatever the run or function is
 * called: the server compares runs metric by metric on events of the same
 * name, so two runs over one dataset stay comparable.
 */
const SESSION_NAME = "evaluation";

function warnLocal(reason: string): void {
  logger.warnOnce(
    `evaluate-local:${reason}`,
    `evaluate(): ${reason}; results are computed locally and not stored`,
  );
}

/**
 * The client (when a key is known) and, once the run is open on the server,
 * the tracer; what this evaluation made itself is closed at the end.
 */
class Backend {
  tracer: HoneyHiveTracer | undefined;
  private ownTracer = false;

  private constructor(
    readonly client: HoneyHive | undefined,
    private readonly ownClient: boolean,
    private readonly options: EvaluateOptions,
  ) {
    this.tracer = options.tracer;
  }

  /** Nothing is sent yet. */
  static connect(options: EvaluateOptions): Backend {
    if (options.client) return new Backend(options.client, false, options);
    try {
      const given = { apiKey: options.apiKey, serverUrl: options.serverUrl };
      if (resolveClientOptions(given).apiKey) return new Backend(new HoneyHive(given), true, options);
    } catch (err) {
      warnLocal(`the client could not be configured (${errorMessage(err)})`);
    }
    return new Backend(undefined, false, options);
  }

  /** A tracer for the run's sessions and spans, unless one was given. */
  startTracing(runName: string): void {
    if (this.tracer) return;
    this.ownTracer = true;
    this.tracer = HoneyHiveTracer.init({
      apiKey: this.options.apiKey,
      serverUrl: this.options.serverUrl ?? this.client?.serverUrl,
      project: this.options.project,
      sessionName: runName,
      source: "evaluation",
      flushOnExit: false,
      // every datapoint has its own session: the tracer's own would stay empty
      startSession: false,
    });
    if (!this.tracer.enabled) warnLocal("the tracer has no API key, so sessions are not stored");
  }

  async close(): Promise<void> {
    if (this.ownTracer) await this.tracer?.shutdown();
    else await this.tracer?.flush();
    if (this.ownClient) this.client?.close();
  }
}

function validate(options: EvaluateOptions): void {
  if (typeof options?.function !== "function")
    throw new TypeError("evaluate(): options.function is required");
  if (options.dataset === undefined && options.datasetId === undefined)
    throw new TypeError("evaluate(): pass dataset (an array of {inputs, ground_truth}) or datasetId");
}

function positive(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 1) throw new TypeError(`evaluate(): ${field} must be a number >= 1`);
  return Math.floor(value);
}

async function datasetOf(options: EvaluateOptions, client: HoneyHive | undefined): Promise<LoadedDataset> {
  if (options.dataset !== undefined) return inlineDataset(options.dataset);
  if (!client)
    throw new Error("evaluate(): datasetId needs a server; pass apiKey (or HH_API_KEY) and serverUrl");
  return loadDataset(client, options.datasetId!);
}

async function recorderOf(
  backend: Backend,
  options: EvaluateOptions,
  name: string,
  dataset: LoadedDataset,
  evaluators: readonly Evaluator[],
): Promise<RunRecorder> {
  if (!backend.client) {
    warnLocal("no API key");
    return localRun(options.runId);
  }
  try {
    const run = await openRun(backend.client, {
      runId: options.runId,
      name,
      datasetId: dataset.datasetId,
      metadata: options.metadata ?? {},
      project: options.project,
      evaluators,
      logger,
    });
    backend.startTracing(name);
    return run;
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(`run ${options.runId} not found`)) throw err;
    warnLocal(`the server could not be reached (${errorMessage(err)})`);
    return localRun(options.runId);
  }
}

/** Run the experiment; see EvaluateOptions. Resolves with every datapoint's scores and the per-metric summary. */
/** The experiments this process finished, newest last (at most 100): how a runner sees the runs of a file that calls evaluate() itself. */
const finished: ExperimentResult[] = [];

export function recentExperiments(): readonly ExperimentResult[] {
  return finished.slice();
}

export async function evaluate(options: EvaluateOptions): Promise<ExperimentResult> {
  validate(options);
  const evaluators = toEvaluators(options.evaluators);
  const concurrency = positive(options.maxConcurrency ?? options.maxWorkers, 10, "maxConcurrency");
  const repetitions = positive(options.repetitions, 1, "repetitions");
  const name = options.name ?? `Evaluation ${new Date().toISOString()}`;
  const cancel = new AbortController();
  // every datapoint and evaluator in flight listens to it
  setMaxListeners(0, cancel.signal);
  const stopListening = cancelOnSigint(cancel, options.signal);
  const backend = Backend.connect(options);
  try {
    const dataset = await datasetOf(options, backend.client);
    const run = await recorderOf(backend, options, name, dataset, evaluators);
    const tasks: { dp: EvalDatapoint; repetition: number }[] = [];
    const results: DatapointResult[] = [];
    for (const dp of dataset.datapoints) {
      for (let repetition = 0; repetition < repetitions; repetition++) {
        const stored = run.done.get(taskKey(dp.id, repetition));
        if (stored) results.push({ ...stored, passed: passedOf(stored.evaluations, false), resumed: true });
        else tasks.push({ dp, repetition });
      }
    }
    const fresh: DatapointResult[] = [];
    const ctx: TaskContext = {
      options,
      evaluators,
      backend,
      run,
      datasetId: dataset.datasetId,
      cancel: cancel.signal,
    };
    await runPool(tasks, concurrency, cancel.signal, async (task) => {
      const result = await runDatapoint(ctx, task.dp, task.repetition);
      if (result) fresh.push(result);
    });
    results.push(...fresh);
    const status = cancel.signal.aborted
      ? "cancelled"
      : fresh.length > 0 && results.every((r) => r.error !== undefined)
        ? "failed"
        : "completed";
    const experiment = experimentResult({
      runId: run.runId,
      name,
      status,
      datasetId: dataset.datasetId,
      datapoints: order(results, dataset.datapoints),
      aggregateFunction: options.aggregateFunction ?? "average",
    });
    await backend.tracer?.flush();
    await run.finish(status, {
      passed: experiment.passed,
      failed: experiment.failed,
      errors: experiment.errors,
      metrics: experiment.metrics,
    });
    printSummary(options.print, experiment.summary);
    finished.push(experiment);
    if (finished.length > 100) finished.shift();
    return experiment;
  } finally {
    stopListening();
    await backend.close();
  }
}

/** Results in dataset order, repetitions in order. */
function order(results: DatapointResult[], datapoints: readonly EvalDatapoint[]): DatapointResult[] {
  const position = new Map(datapoints.map((d, i) => [d.id, i]));
  return results.sort(
    (a, b) => position.get(a.datapointId)! - position.get(b.datapointId)! || a.repetition - b.repetition,
  );
}

function printSummary(print: EvaluateOptions["print"], summary: string): void {
  if (print === false) return;
  const write = typeof print === "function" ? print : (line: string) => console.log(line);
  for (const line of summary.split("\n")) write(line);
}

interface TaskContext {
  options: EvaluateOptions;
  evaluators: readonly Evaluator[];
  backend: Backend;
  run: RunRecorder;
  datasetId: string;
  cancel: AbortSignal;
}

const CHAIN = { [HH_ATTR.eventType]: "chain" };

/** Results as `gen_ai.evaluation.result` events on the evaluated span, which then ends at the call's end. */
function recordOnSpan(
  span: Span,
  output: unknown,
  evaluations: readonly EvaluationResult[],
  error: string | undefined,
  endedAt: number,
) {
  try {
    if (output !== undefined) span.setAttribute(HH_ATTR.outputs, captureJson(outputsOf(output)));
    if (error !== undefined) {
      span.setAttribute(HH_ATTR.error, error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error });
    }
    // Scores are the session's metrics (what run results aggregate); the span carries them as events only.
    for (const r of evaluations) span.addEvent(GEN_AI_EVALUATION.event, eventAttributes(r));
  } finally {
    span.end(endedAt);
  }
}

/**
 * One datapoint repetition in its own session: the function (bounded by
 * `timeout`, inside the session so its spans land there), then the
 * evaluators, then the scores and output on the session and the session in
 * the run. Undefined when the run was cancelled before it finished.
 */
async function runDatapoint(
  ctx: TaskContext,
  dp: EvalDatapoint,
  repetition: number,
): Promise<DatapointResult | undefined> {
  const { tracer } = ctx.backend;
  const session: SessionInfo | undefined = tracer?.createSession({
    sessionName: SESSION_NAME,
    runId: ctx.run.runId,
    datasetId: ctx.datasetId,
    datapointId: dp.id,
    inputs: dp.inputs,
    metadata: { repetition },
  });
  const sessionId = session?.sessionId ?? randomUUID();
  const started = performance.now();
  let output: unknown;
  let error: string | undefined;
  // The evaluated span: the function's call, parent of its spans; it carries the evaluation results.
  let evaluated: Span | undefined;
  try {
    output = await bounded(ctx.options.timeout, ctx.cancel, (signal) => {
      const call = () =>
        ctx.options.function(dp.inputs, {
          groundTruth: dp.groundTruth,
          metadata: dp.metadata,
          datapointId: dp.id,
          repetition,
          signal,
        });
      if (!session || !tracer) return call();
      return tracer.withSession(session, () =>
        tracer
          .getOtelTracer()
          .startActiveSpan(
            ctx.options.function.name || "evaluated_function",
            { attributes: { ...CHAIN, [HH_ATTR.inputs]: captureJson(dp.inputs) } },
            (span) => {
              evaluated = span;
              return call();
            },
          ),
      );
    });
  } catch (err) {
    error = errorMessage(err);
  }
  const endedAt = performance.now();
  const durationMs = endedAt - started;
  if (ctx.cancel.aborted) {
    evaluated?.end(endedAt);
    return undefined;
  }
  const evaluations =
    error === undefined
      ? await runEvaluators(
          ctx.evaluators,
          {
            output,
            expected: dp.groundTruth,
            input: dp.inputs,
            metadata: dp.metadata,
            call: { durationMs },
            signal: ctx.cancel,
          },
          ctx.options.timeout,
        )
      : [];
  if (evaluated) recordOnSpan(evaluated, output, evaluations, error, endedAt);
  const evaluatorErrors = Object.fromEntries(
    evaluations.filter((e) => e.error !== undefined).map((e) => [e.name, e.error]),
  );
  tracer?.enrichSession({
    sessionId,
    outputs: outputsOf(output),
    metrics: metricsOf(evaluations),
    ...(Object.keys(evaluatorErrors).length > 0 ? { metadata: { evaluator_errors: evaluatorErrors } } : {}),
    ...(error !== undefined ? { error } : {}),
  });
  ctx.run.append(sessionId, dp.id);
  return {
    datapointId: dp.id,
    repetition,
    sessionId,
    inputs: dp.inputs,
    output,
    ...(error !== undefined ? { error } : {}),
    evaluations,
    passed: passedOf(evaluations, error !== undefined),
  };
}

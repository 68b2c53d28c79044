import { randomUUID } from "node:crypto";
import type { Run } from "../client/api-types.js";
import type { HoneyHive } from "../client/client.js";
import { NotFoundError } from "../client/errors.js";
import type { Logger } from "../internal/logger.js";
import { errorMessage } from "../trace/span-observer.js";
import { judge } from "./evaluator.js";
import type { EvaluationResult, Evaluator, ScoreValue } from "./types.js";

/** A datapoint (and repetition) a previous attempt of the run already finished. */
export interface StoredDatapoint {
  datapointId: string;
  repetition: number;
  sessionId: string;
  inputs: Record<string, unknown>;
  output: unknown;
  evaluations: EvaluationResult[];
}

export type RunStatus = Run["status"];

/** Key of one datapoint repetition. */
export const taskKey = (datapointId: string, repetition: number): string => `${datapointId}#${repetition}`;

/**
 * Where a run is recorded: on the server (POST / PUT /v1/runs), or nowhere
 * when there is no key or server (the experiment still runs locally).
 */
export interface RunRecorder {
  readonly runId: string;
  readonly remote: boolean;
  /** Finished datapoints of a resumed run, by `taskKey`. */
  readonly done: ReadonlyMap<string, StoredDatapoint>;
  /** Lists a finished session in the run (batched: one PUT at a time carries every id waiting). */
  append(sessionId: string, datapointId: string): void;
  /** Sends the ids still waiting, then the final status and results. Never rejects. */
  finish(status: RunStatus, results: Record<string, unknown>): Promise<void>;
}

/** A run that is not stored anywhere. */
export function localRun(runId: string = randomUUID()): RunRecorder {
  return {
    runId,
    remote: false,
    done: new Map(),
    append() {},
    finish: () => Promise.resolve(),
  };
}

export interface OpenRunOptions {
  runId: string | undefined;
  name: string;
  datasetId: string;
  metadata: Record<string, unknown>;
  project: string | undefined;
  evaluators: readonly Evaluator[];
  logger: Logger;
}

/**
 * Creates the run (status running), or reopens `runId` to resume it: the
 * sessions it already lists whose evaluations all stored a score are done.
 * Rejects when the server cannot be reached or the run does not exist.
 */
export async function openRun(client: HoneyHive, options: OpenRunOptions): Promise<RunRecorder> {
  const project = options.project ? { project: options.project } : {};
  let run: Run;
  let done = new Map<string, StoredDatapoint>();
  if (options.runId) {
    try {
      run = (await client.runs.get(options.runId)).evaluation;
    } catch (err) {
      if (err instanceof NotFoundError)
        throw new Error(`run ${options.runId} not found: leave runId out to start a new run`);
      throw err;
    }
    done = await finishedSessions(client, run, options.evaluators);
    await client.runs.update(run.run_id, { ...project, status: "running" });
  } else {
    const created = await client.runs.create({
      ...project,
      name: options.name,
      dataset_id: options.datasetId,
      metadata: options.metadata,
      status: "running",
    });
    run = created.evaluation;
  }
  return new RemoteRun(client, run.run_id, done, options.logger);
}

class RemoteRun implements RunRecorder {
  readonly remote = true;
  private waiting: { sessionIds: string[]; datapointIds: string[] } = { sessionIds: [], datapointIds: [] };
  private chain: Promise<void> = Promise.resolve();
  private scheduled = false;

  constructor(
    private readonly client: HoneyHive,
    readonly runId: string,
    readonly done: ReadonlyMap<string, StoredDatapoint>,
    private readonly logger: Logger,
  ) {}

  append(sessionId: string, datapointId: string): void {
    this.waiting.sessionIds.push(sessionId);
    this.waiting.datapointIds.push(datapointId);
    if (this.scheduled) return;
    this.scheduled = true;
    this.chain = this.chain.then(() => this.send({}));
  }

  async finish(status: RunStatus, results: Record<string, unknown>): Promise<void> {
    await this.chain;
    await this.send({ status, results });
  }

  /** One PUT with every id waiting (ids already in the run are skipped by the server); failed ids wait for the next. */
  private async send(extra: { status?: RunStatus; results?: Record<string, unknown> }): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = { sessionIds: [], datapointIds: [] };
    try {
      await this.client.runs.update(this.runId, {
        ...(batch.sessionIds.length > 0
          ? { session_ids: batch.sessionIds, datapoint_ids: batch.datapointIds }
          : {}),
        ...extra,
      });
    } catch (err) {
      this.waiting.sessionIds.unshift(...batch.sessionIds);
      this.waiting.datapointIds.unshift(...batch.datapointIds);
      this.logger.warnOnce(
        `run-update-${this.runId}`,
        `could not update run ${this.runId}: ${errorMessage(err)} (sessions are kept and sent again)`,
      );
    }
  }
}

const SESSION_FILTER = (runId: string) => [
  { field: "event_type", operator: "is" as const, value: "session" },
  { field: "metadata.run_id", operator: "is" as const, value: runId },
];

/** The run's sessions that finished without error and hold a score for every evaluator. */
async function finishedSessions(
  client: HoneyHive,
  run: Run,
  evaluators: readonly Evaluator[],
): Promise<Map<string, StoredDatapoint>> {
  const listed = new Set(run.session_ids);
  const out = new Map<string, StoredDatapoint>();
  for await (const event of client.events.iterate({ filters: SESSION_FILTER(run.run_id) })) {
    const stored = storedDatapoint(event, evaluators);
    if (stored && listed.has(stored.sessionId))
      out.set(taskKey(stored.datapointId, stored.repetition), stored);
  }
  return out;
}

const objectAt = (event: Record<string, unknown>, key: string): Record<string, unknown> => {
  const v = event[key];
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};

function storedDatapoint(
  event: Record<string, unknown>,
  evaluators: readonly Evaluator[],
): StoredDatapoint | undefined {
  const metadata = objectAt(event, "metadata");
  const metrics = objectAt(event, "metrics");
  const datapointId = metadata["datapoint_id"];
  const sessionId = event["session_id"] ?? event["event_id"];
  if (typeof datapointId !== "string" || typeof sessionId !== "string" || event["error"]) return undefined;
  if (!evaluators.every((e) => isScore(metrics[e.name]))) return undefined;
  const repetition = typeof metadata["repetition"] === "number" ? metadata["repetition"] : 0;
  return {
    datapointId,
    repetition,
    sessionId,
    inputs: objectAt(event, "inputs"),
    output: outputOf(objectAt(event, "outputs")),
    evaluations: evaluators.map((e) => {
      const score = metrics[e.name] as ScoreValue;
      const explanation = metrics[`${e.name}_explanation`];
      return {
        name: e.name,
        score,
        passed: judge(score, e.options),
        durationMs: 0,
        ...(typeof explanation === "string" ? { explanation } : {}),
      };
    }),
  };
}

const isScore = (v: unknown): boolean =>
  typeof v === "number" || typeof v === "boolean" || typeof v === "string";

/** Session outputs are objects: a function's object result is stored as is, anything else as `{result}`. */
export function outputsOf(output: unknown): Record<string, unknown> {
  if (output !== null && typeof output === "object" && !Array.isArray(output))
    return output as Record<string, unknown>;
  return output === undefined ? {} : { result: output };
}

function outputOf(outputs: Record<string, unknown>): unknown {
  const keys = Object.keys(outputs);
  return keys.length === 1 && keys[0] === "result" ? outputs["result"] : outputs;
}

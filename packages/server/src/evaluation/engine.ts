import type { JsonObject, StoredEvent } from "@honeyhive-ts/semconv";
import type { ServerConfig } from "../config.js";
import { kindOf } from "../resources/metrics/definition.js";
import { type Metric, MetricStore } from "../resources/metrics/index.js";
import type { Storage } from "../storage/types.js";
import { CodeSandbox } from "./code-sandbox.js";
import { judgeEvent, type ProviderSettings } from "./llm-judge.js";
import { EvaluationError, type Scored, toScored } from "./outcome.js";
import { type Claimed, EvaluationQueue } from "./queue.js";
import { sampled } from "./sampling.js";
import { installEvaluationTriggers } from "./triggers.js";

type Settings = Pick<
  ServerConfig,
  | "evalConcurrency"
  | "evalPollMs"
  | "evalMaxAttempts"
  | "evalBackoffMs"
  | "evalCodeWorkers"
  | "evalCodeTimeoutMs"
  | "evalCodeMemoryMb"
  | "evalProviderUrl"
  | "evalProviderApiKey"
  | "evalModel"
  | "evalProviderTimeoutMs"
>;

export interface EngineCounters {
  evaluated: number;
  failed: number;
  retried: number;
  skipped: number;
}

/** Metric definitions are re-read at most this often per project. */
const METRICS_TTL_MS = 2000;

type Outcome = { row: Claimed; scored: Scored } | { row: Claimed; error: EvaluationError } | { row: Claimed };

/**
 * Runs the metrics defined on the server (enabled_in_prod, code or LLM) on
 * the events the ingest trigger queued (triggers.ts): claims due rows, reads
 * each event once, applies the metric's sampling, runs code in the sandbox
 * and LLM judges through the provider, then stores the scores as the event's
 * metrics (`name`, `name_explanation`) in one update. Failures are retried
 * with backoff when they may pass, and recorded (the queue row and the
 * event's metadata.evaluation_errors) when they will not or when the attempts
 * run out. It runs beside ingest and never inside it.
 */
export class EvaluationEngine {
  readonly counters: EngineCounters = { evaluated: 0, failed: 0, retried: 0, skipped: 0 };
  readonly queue: EvaluationQueue;
  private readonly metrics: MetricStore;
  private readonly cache = new Map<string, { at: number; byId: Map<string, Metric> }>();
  private readonly sandbox: CodeSandbox;
  private readonly provider: ProviderSettings;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    private readonly settings: Settings,
    private readonly log: (err: unknown, message: string) => void,
  ) {
    this.queue = new EvaluationQueue(storage.sql);
    this.metrics = new MetricStore(storage.sql);
    this.sandbox = new CodeSandbox({
      workers: settings.evalCodeWorkers,
      timeoutMs: settings.evalCodeTimeoutMs,
      memoryMb: settings.evalCodeMemoryMb,
    });
    this.provider = {
      url: settings.evalProviderUrl,
      apiKey: settings.evalProviderApiKey,
      model: settings.evalModel,
      timeoutMs: settings.evalProviderTimeoutMs,
    };
    // Long enough that a live replica always finishes before another may take the row over.
    this.leaseMs = 2 * Math.max(settings.evalCodeTimeoutMs, settings.evalProviderTimeoutMs) + 30_000;
  }

  /** Installs the ingest trigger, then (unless evalConcurrency is 0) starts polling the queue. */
  async start(): Promise<void> {
    await installEvaluationTriggers(this.storage.sql);
    if (this.settings.evalConcurrency > 0) this.schedule(0);
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.loop;
    await this.sandbox.close();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.loop = this.tick().then(
        (busy) => this.schedule(busy ? 0 : this.settings.evalPollMs),
        (err: unknown) => {
          this.log(err, "server-side evaluation: reading the queue failed");
          this.schedule(this.settings.evalPollMs);
        },
      );
    }, delayMs);
    this.timer.unref();
  }

  /** One round: claims a batch and evaluates it; true when the batch was full (more may be due). */
  private async tick(): Promise<boolean> {
    const limit = this.settings.evalConcurrency * 4;
    const rows = await this.queue.claim(Date.now(), limit, this.leaseMs);
    const byEvent = new Map<string, Claimed[]>();
    for (const row of rows) {
      const k = `${row.project_id}\u0000${row.event_id}`;
      byEvent.set(k, [...(byEvent.get(k) ?? []), row]);
    }
    const groups = [...byEvent.values()];
    const workers = Array.from(
      { length: Math.min(this.settings.evalConcurrency, groups.length) },
      async () => {
        for (let group = groups.shift(); group; group = groups.shift()) {
          await this.evaluateEvent(group).catch((err: unknown) =>
            this.log(err, "server-side evaluation: an event could not be evaluated"),
          );
        }
      },
    );
    await Promise.all(workers);
    return rows.length === limit && !this.stopped;
  }

  /**
   * The project's enabled metrics, cached briefly; a row naming a metric the
   * cache does not hold (created since) reads them again.
   */
  private async metricsOf(projectId: string, wanted: readonly Claimed[]): Promise<Map<string, Metric>> {
    const cached = this.cache.get(projectId);
    const fresh = cached && Date.now() - cached.at < METRICS_TTL_MS;
    if (cached && fresh && wanted.every((r) => cached.byId.has(r.metric_id))) return cached.byId;
    const list = await this.metrics.listMetrics(projectId, { enabled_in_prod: true });
    const byId = new Map(list.map((m) => [m.id, m]));
    this.cache.set(projectId, { at: Date.now(), byId });
    return byId;
  }

  /** Every claimed metric of one event; their results stored in one update. */
  private async evaluateEvent(rows: Claimed[]): Promise<void> {
    const first = rows[0] as Claimed;
    const event = await this.storage.getEvent(first.project_id, first.event_id);
    const definitions = await this.metricsOf(first.project_id, rows);
    const outcomes = await Promise.all(
      rows.map(async (row): Promise<Outcome> => {
        const metric = definitions.get(row.metric_id);
        // Deleted or disabled since it was queued, or outside the sample: nothing to do.
        if (!event || !metric || !sampled(event.event_id, metric.sampling_percentage)) return { row };
        if (row.attempts > this.settings.evalMaxAttempts) {
          return {
            row,
            error: new EvaluationError(`gave up after ${row.attempts - 1} interrupted attempts`),
          };
        }
        try {
          return { row, scored: await this.run(metric, event) };
        } catch (err) {
          const error =
            err instanceof EvaluationError ? err : new EvaluationError((err as Error).message, true);
          return { row, error };
        }
      }),
    );
    await this.record(first.project_id, first.event_id, outcomes);
  }

  private async run(metric: Metric, event: StoredEvent): Promise<Scored> {
    if (kindOf(metric.type) === "llm") return judgeEvent(this.provider, metric, event);
    if (!metric.criteria) throw new EvaluationError(`metric '${metric.name}' has no criteria (the code)`);
    // Only this event's own data crosses into the worker.
    const json = await this.sandbox.run(metric.criteria, JSON.stringify(event));
    return toScored(JSON.parse(json), "the code evaluator");
  }

  private async record(projectId: string, eventId: string, outcomes: Outcome[]): Promise<void> {
    const now = Date.now();
    const metrics: JsonObject = {};
    const errors: JsonObject = {};
    const results: JsonObject[] = [];
    const settle: Array<() => Promise<void>> = [];
    for (const outcome of outcomes) {
      const { row } = outcome;
      const name = row.metric_name;
      if ("scored" in outcome) {
        metrics[name] = outcome.scored.score;
        if (outcome.scored.explanation !== undefined)
          metrics[`${name}_explanation`] = outcome.scored.explanation;
        results.push(resultEvent(name, now, outcome.scored));
        this.counters.evaluated++;
        settle.push(() => this.queue.remove(row));
      } else if ("error" in outcome) {
        const { error } = outcome;
        if (error.transient && row.attempts < this.settings.evalMaxAttempts) {
          this.counters.retried++;
          const delay = this.settings.evalBackoffMs * 2 ** (row.attempts - 1);
          settle.push(() => this.queue.retry(row, error.message, now, delay));
        } else {
          this.counters.failed++;
          errors[name] = error.message;
          results.push(resultEvent(name, now, undefined, error.message));
          settle.push(() => this.queue.fail(row, error.message, now));
        }
      } else {
        this.counters.skipped++;
        settle.push(() => this.queue.remove(row));
      }
    }
    const metadata: JsonObject = {};
    if (Object.keys(errors).length > 0) metadata["evaluation_errors"] = errors;
    if (results.length > 0) {
      // Appended to the event's span events, as an SDK's gen_ai.evaluation.result events are stored.
      const current = await this.storage.getEvent(projectId, eventId);
      const stored = current?.metadata["events"];
      metadata["events"] = [...(Array.isArray(stored) ? stored : []), ...results];
    }
    const patch = {
      ...(Object.keys(metrics).length > 0 ? { metrics } : {}),
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    };
    if (Object.keys(patch).length > 0) await this.storage.updateEvent(projectId, eventId, patch);
    for (const step of settle) await step();
  }
}

/**
 * One result in the stored shape of an OpenTelemetry `gen_ai.evaluation.result`
 * span event (the shape the span converter gives the SDK's own), with
 * `evaluator: "server"` so the two can be told apart.
 */
function resultEvent(name: string, timeMs: number, scored?: Scored, error?: string): JsonObject {
  const score: JsonObject = {};
  if (scored && typeof scored.score === "number") score["value"] = scored.score;
  if (scored && typeof scored.score === "boolean") score["value"] = scored.score ? 1 : 0;
  if (scored && typeof scored.score !== "number") score["label"] = String(scored.score);
  const evaluation: JsonObject = { name, evaluator: "server" };
  if (Object.keys(score).length > 0) evaluation["score"] = score;
  if (scored?.explanation !== undefined) evaluation["explanation"] = scored.explanation;
  if (error !== undefined) {
    evaluation["error"] = { type: "evaluator_error" };
    evaluation["explanation"] = error;
  }
  return { name: "gen_ai.evaluation.result", time_ms: timeMs, attributes: { gen_ai: { evaluation } } };
}

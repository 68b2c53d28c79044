/**
 * Sends the pipeline's batches: encodes each once (at most one per tick),
 * POSTs it through the transport within the in-flight limit and the circuit
 * breaker's say, and turns each outcome into exported or dropped counts, a
 * retry (backoff with full jitter, or Retry-After), or a split (413).
 */
import { type Batch, prepareBatch, splitBatch } from "./batch.js";
import { backoffDelay, CircuitBreaker } from "./circuit-breaker.js";
import type { Counters } from "./counters.js";
import { messages, refusalHint } from "./messages.js";
import type { ExportTuning, ResolvedOptions } from "./options.js";
import type { PartialSuccess } from "./response.js";
import type { Entry } from "./span-queue.js";
import { describeError, HttpTransport, type SendOutcome } from "./transport.js";

/** Batches never shrink below this after a 413. */
const MIN_BATCH_BYTES = 16 * 1024;

/** What the sender needs from the pipeline that owns the batches. */
export interface SenderHost {
  readonly batches: Batch[];
  /** The batch is done: remove it and release its spans from the buffer. */
  settle(batch: Batch): void;
  /** These entries left a batch (dropped): release them from the buffer. */
  release(entries: Entry[]): void;
  /** Something settled or became ready: check waiters, pump again. */
  changed(): void;
}

export class BatchSender {
  readonly breaker: CircuitBreaker;
  private readonly transport: HttpTransport;
  /** Target encoded size of a batch; lowered when the server answers 413. */
  batchBytes: number;
  inFlight = 0;
  private closed = false;
  private breakerTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly opts: ResolvedOptions,
    private readonly tuning: ExportTuning,
    private readonly url: URL,
    readonly counters: Counters,
    private readonly host: SenderHost,
  ) {
    this.breaker = new CircuitBreaker(
      tuning.breakerThreshold,
      tuning.breakerCooldownMs,
      tuning.breakerMaxCooldownMs,
    );
    this.transport = new HttpTransport({
      url,
      headers: opts.headers,
      timeoutMs: opts.exportTimeoutMs,
      retryAfterMaxMs: tuning.retryAfterMaxMs,
    });
    this.batchBytes = opts.maxBatchBytes;
  }

  /** Starts the ready batches it may; true when an encode was left for the next tick. */
  sendReady(): boolean {
    let encoded = false;
    for (const batch of this.host.batches) {
      if (batch.state !== "ready") continue;
      if (this.inFlight >= this.tuning.maxInFlight) return false;
      if (!batch.body && encoded) return true;
      const ticket = this.breaker.acquire();
      if (!ticket) {
        this.wakeWhenHalfOpen();
        return false;
      }
      if (!batch.body) encoded = true;
      batch.state = "sending";
      this.inFlight++;
      if (batch.attempts > 0) this.counters.retried++;
      batch.attempts++;
      void this.send(batch, ticket === "probe");
    }
    return false;
  }

  /** Shutdown: waiting batches go now, and an open breaker allows its probe. */
  lastChance(): void {
    this.breaker.probeNow();
    this.wakeWaiting();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.breakerTimer);
    for (const batch of this.host.batches) clearTimeout(batch.timer);
    this.transport.close();
  }

  private async send(batch: Batch, probe: boolean): Promise<void> {
    let outcome: SendOutcome | undefined;
    try {
      if (!batch.body) await prepareBatch(batch, this.opts, this.dropUnencodable);
      if (batch.body && batch.entries.length > 0 && !this.closed) {
        outcome = await this.transport.send(batch.body, this.opts.gzip ? "gzip" : undefined);
      }
    } catch (err) {
      outcome = { kind: "retry", error: describeError(err), retryAfterMs: undefined };
    }
    this.inFlight--;
    if (this.closed) return;
    try {
      if (outcome === undefined) {
        this.breaker.release(probe);
        this.host.settle(batch);
      } else this.handle(batch, outcome, probe);
    } catch (err) {
      this.opts.logger.error("export: handling a response failed", err);
    }
    this.host.changed();
  }

  /** Spans that could not be encoded leave their batch, counted. */
  private readonly dropUnencodable = (dropped: Entry[]): void => {
    this.host.release(dropped);
    this.counters.drop("encode_error", dropped.length);
    this.opts.logger.warnOnce("export-encode-error", messages.encodeError(dropped.length));
  };

  private handle(batch: Batch, outcome: SendOutcome, probe: boolean): void {
    switch (outcome.kind) {
      case "ok":
        this.delivered(batch, outcome.partial, probe);
        return;
      case "retry":
        this.retryLater(batch, outcome.error, outcome.retryAfterMs, probe);
        return;
      case "too_large":
        this.tooLarge(batch, outcome.error, probe);
        return;
      case "fail":
        this.refused(batch, outcome.status, outcome.error, probe);
        return;
    }
  }

  private answered(probe: boolean): void {
    if (this.breaker.onSuccess(probe)) {
      this.opts.logger.debug("export: the server is reachable again; sending the backlog");
      this.wakeWaiting();
    }
  }

  private delivered(batch: Batch, partial: PartialSuccess | undefined, probe: boolean): void {
    const n = batch.entries.length;
    const rejected = Math.min(Math.max(Math.floor(partial?.rejectedSpans ?? 0), 0), n);
    this.counters.exported += n - rejected;
    this.counters.drop("rejected", rejected);
    if (partial && (rejected > 0 || partial.errorMessage)) {
      const message = messages.rejected(rejected, n, partial.errorMessage);
      this.counters.lastError = message;
      this.opts.logger.warnOnce("export-rejected", `HoneyHive: ${message}`);
    }
    this.answered(probe);
    this.host.settle(batch);
  }

  private retryLater(batch: Batch, error: string, retryAfterMs: number | undefined, probe: boolean): void {
    this.counters.lastError = error;
    this.opts.logger.debug(`export: attempt ${batch.attempts} failed (${error}); will retry`);
    if (this.breaker.onFailure(probe)) {
      this.opts.logger.warnOnce("export-unreachable", messages.unreachable(this.url.origin, error));
    }
    const { backoffBaseMs, backoffMaxMs } = this.tuning;
    // Once the breaker is open it paces the attempts; before, each batch backs off on its own.
    const delay =
      retryAfterMs ??
      (this.breaker.state() === "closed" ? backoffDelay(batch.attempts, backoffBaseMs, backoffMaxMs) : 0);
    batch.state = "waiting";
    batch.timer = setTimeout(() => {
      batch.timer = undefined;
      if (batch.state === "waiting") batch.state = "ready";
      this.host.changed();
    }, delay);
    batch.timer.unref();
  }

  private tooLarge(batch: Batch, error: string, probe: boolean): void {
    this.answered(probe);
    if (batch.entries.length <= 1) {
      this.counters.lastError = error;
      this.counters.drop("too_large", batch.entries.length);
      this.opts.logger.warnOnce("export-too-large", messages.tooLarge(batch.encodedBytes, error));
      this.host.settle(batch);
      return;
    }
    this.batchBytes = Math.max(
      MIN_BATCH_BYTES,
      Math.min(this.batchBytes, Math.floor(batch.encodedBytes / 2)),
    );
    const i = this.host.batches.indexOf(batch);
    if (i >= 0) this.host.batches.splice(i, 1, ...splitBatch(batch));
  }

  private refused(batch: Batch, status: number, error: string, probe: boolean): void {
    this.answered(probe);
    this.counters.lastError = error;
    this.counters.drop(status > 0 ? `http_${status}` : "request_error", batch.entries.length);
    this.opts.logger.warnOnce(`export-http-${status}`, refusalHint(status, error, this.url.href));
    this.host.settle(batch);
  }

  private wakeWaiting(): void {
    for (const batch of this.host.batches) {
      if (batch.state !== "waiting") continue;
      clearTimeout(batch.timer);
      batch.timer = undefined;
      batch.state = "ready";
    }
  }

  private wakeWhenHalfOpen(): void {
    if (this.breakerTimer !== undefined || this.breaker.state() !== "open") return;
    this.breakerTimer = setTimeout(() => {
      this.breakerTimer = undefined;
      this.host.changed();
    }, this.breaker.msUntilHalfOpen());
    this.breakerTimer.unref();
  }
}

/**
 * ExportPipeline: an OpenTelemetry SpanProcessor that buffers ended spans
 * (bounded by bytes), batches them, encodes OTLP protobuf by hand and POSTs
 * it, retrying for as long as it lives behind a circuit breaker. It never
 * throws into the application, never blocks it, and counts every span it
 * gives up on.
 *
 * Life of a span: onEnd estimates its size and queues it (or drops it as
 * buffer_full) → pump() cuts a batch when one is full, scheduleDelayMs has
 * passed, a flush asks, or disableBatch → at most `maxInFlight` batches
 * exist at once, each encoded once (one per tick) and kept until the server
 * acknowledges it → the outcome settles the batch or schedules its retry.
 */
import { type Context, TraceFlags } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { BatchSender } from "./batch-sender.js";
import { Counters } from "./counters.js";
import { estimateSpanBytes } from "./estimate.js";
import { messages } from "./messages.js";
import {
  DEFAULT_TUNING,
  type ExportOptions,
  type ExportStats,
  type ExportTuning,
  type ResolvedOptions,
  resolveOptions,
} from "./options.js";
import { SpanBuffer } from "./span-buffer.js";
import { Waiters } from "./waiters.js";

export class ExportPipeline implements SpanProcessor {
  private readonly opts: ResolvedOptions;
  private readonly tuning: ExportTuning;
  private readonly buffer: SpanBuffer;
  private readonly waiters = new Waiters();
  private readonly counters = new Counters();
  private readonly sender: BatchSender | undefined;
  /** Spans up to this sequence number are batched at once (a flush or waitFor asked). */
  private forceSeq = 0;
  private delayTimer: NodeJS.Timeout | undefined;
  private delayDue = false;
  private pumpScheduled = false;
  private stopping = false;
  private closed = false;
  private shutdownPromise: Promise<void> | undefined;

  constructor(options: ExportOptions, tuning: Partial<ExportTuning> = {}) {
    this.opts = resolveOptions(options);
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    const buffer = new SpanBuffer(this.opts.maxBufferBytes);
    this.buffer = buffer;
    if (this.opts.url) {
      this.sender = new BatchSender(this.opts, this.tuning, this.opts.url, this.counters, {
        batches: buffer.batches,
        settle: (batch) => buffer.settle(batch),
        release: (entries) => buffer.release(entries),
        changed: () => this.changed(),
      });
    }
  }

  onStart(_span?: Span, _parentContext?: Context): void {
    // nothing to do when a span starts
  }

  onEnd(span: ReadableSpan): void {
    try {
      if (this.stopping || !this.sender) {
        this.counters.drop(this.sender ? "shutdown" : "invalid_endpoint");
        return;
      }
      if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
      if (!this.buffer.add(span, estimateSpanBytes(span))) {
        this.counters.drop("buffer_full");
        this.warnBufferFull();
        return;
      }
      if (this.opts.disableBatch || this.batchFull()) this.schedulePump();
      else if (this.delayTimer === undefined) this.startDelayTimer();
    } catch (err) {
      this.counters.drop("internal_error");
      this.opts.logger.error("export: onEnd failed", err);
    }
  }

  forceFlush(): Promise<void> {
    return this.flush().then(() => undefined);
  }

  /** True once everything buffered at call time is exported or dropped; false at the timeout. */
  flush(timeoutMs: number = this.tuning.flushTimeoutMs): Promise<boolean> {
    try {
      const target = this.buffer.lastSeq;
      if (this.buffer.settledThrough(target)) return Promise.resolve(true);
      this.forceSeq = Math.max(this.forceSeq, target);
      this.schedulePump();
      return this.waiters.add(() => this.buffer.settledThrough(target), timeoutMs);
    } catch (err) {
      this.opts.logger.error("export: flush failed", err);
      return Promise.resolve(false);
    }
  }

  /** Sends this span's batch now and waits until it is exported or dropped (or timeoutMs passes). */
  waitFor(span: ReadableSpan, timeoutMs: number = this.tuning.flushTimeoutMs): Promise<void> {
    try {
      const seq = this.buffer.seqOf(span);
      if (seq === undefined) return Promise.resolve();
      this.forceSeq = Math.max(this.forceSeq, seq);
      this.schedulePump();
      return this.waiters.add(() => !this.buffer.holds(seq), timeoutMs).then(() => undefined);
    } catch (err) {
      this.opts.logger.error("export: waitFor failed", err);
      return Promise.resolve();
    }
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.runShutdown();
    return this.shutdownPromise;
  }

  stats(): ExportStats {
    const counters = this.counters;
    const stats: ExportStats = {
      exported: counters.exported,
      dropped: counters.dropped,
      droppedByReason: counters.droppedByReason(),
      retried: counters.retried,
      bufferedSpans: this.buffer.spans,
      bufferedBytes: this.buffer.bytes,
      inFlightRequests: this.sender?.inFlight ?? 0,
      breaker: this.sender?.breaker.state() ?? "closed",
    };
    if (counters.lastError !== undefined) stats.lastError = counters.lastError;
    return stats;
  }

  private async runShutdown(): Promise<void> {
    this.stopping = true;
    try {
      const target = this.buffer.lastSeq;
      this.sender?.lastChance();
      this.schedulePump();
      const timeout = this.tuning.shutdownTimeoutMs ?? this.opts.exportTimeoutMs;
      // Give up early when the server is unreachable: waiting would only delay the application's exit.
      await this.waiters.add(
        () => this.buffer.settledThrough(target) || this.sender?.breaker.state() === "open",
        timeout,
      );
    } catch (err) {
      this.opts.logger.error("export: shutdown failed", err);
    }
    this.close();
  }

  private close(): void {
    this.closed = true;
    clearTimeout(this.delayTimer);
    this.sender?.close();
    const left = this.buffer.clear();
    if (left > 0) {
      this.counters.drop("shutdown", left);
      this.opts.logger.warnOnce("export-shutdown-dropped", messages.shutdownDropped(left));
    }
    this.waiters.check();
  }

  private batchFull(): boolean {
    const queue = this.buffer.queue;
    return queue.length >= this.opts.maxBatchSpans || queue.bytes >= this.sender!.batchBytes;
  }

  private startDelayTimer(): void {
    this.delayTimer = setTimeout(() => {
      this.delayTimer = undefined;
      this.delayDue = true;
      this.schedulePump();
    }, this.opts.scheduleDelayMs);
    this.delayTimer.unref();
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.closed || !this.sender) return;
    this.pumpScheduled = true;
    // Not unref'd: an unref'd immediate can wait in the poll phase until unrelated I/O wakes the loop.
    // A referenced one runs on the next turn and is gone, so it never keeps the process alive.
    setImmediate(() => this.pump());
  }

  /** Cuts batches while there is room and a reason, then lets the sender start what it can. */
  private pump(): void {
    this.pumpScheduled = false;
    if (this.closed || !this.sender) return;
    try {
      const buffer = this.buffer;
      while (buffer.batches.length < this.tuning.maxInFlight && this.shouldCut()) {
        buffer.cut(this.opts.maxBatchSpans, this.sender.batchBytes);
        if (buffer.queue.length === 0) {
          this.delayDue = false;
          clearTimeout(this.delayTimer);
          this.delayTimer = undefined;
        }
      }
      if (this.sender.sendReady()) this.schedulePump();
    } catch (err) {
      this.opts.logger.error("export: pump failed", err);
    }
  }

  private shouldCut(): boolean {
    const queue = this.buffer.queue;
    if (queue.length === 0) return false;
    if (this.opts.disableBatch || this.stopping || this.delayDue || this.batchFull()) return true;
    return (queue.headSeq() ?? Number.POSITIVE_INFINITY) <= this.forceSeq;
  }

  private changed(): void {
    if (this.closed) return;
    this.waiters.check();
    this.schedulePump();
  }

  private warnBufferFull(): void {
    const { logger, maxBufferBytes } = this.opts;
    logger.warnOnce("export-buffer-full", messages.bufferFull(maxBufferBytes, this.counters.lastError));
  }
}

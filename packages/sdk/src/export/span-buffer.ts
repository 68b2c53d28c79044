/**
 * Everything buffered, by estimated bytes: spans waiting for a batch (the
 * queue) and batches being sent or waiting to be retried. Spans leave only
 * when their batch settles (exported or dropped), so the byte bound holds in
 * every state. Sequence numbers tell flush() and waitFor() what is settled.
 */
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { type Batch, newBatch } from "./batch.js";
import { type Entry, SpanQueue } from "./span-queue.js";

export class SpanBuffer {
  readonly queue = new SpanQueue();
  /** Batches being encoded, sent, or waiting to be retried; oldest first. */
  readonly batches: Batch[] = [];
  bytes = 0;
  spans = 0;
  /** Sequence number of the last accepted span. */
  lastSeq = 0;

  constructor(private readonly maxBytes: number) {}

  /** Queues the span if its bytes fit under the bound; false when it does not (the caller drops it). */
  add(span: ReadableSpan, bytes: number): boolean {
    if (this.bytes + bytes > this.maxBytes) return false;
    this.queue.push({ span, bytes, seq: ++this.lastSeq });
    this.bytes += bytes;
    this.spans++;
    return true;
  }

  /** Moves the oldest queued spans into a new batch. */
  cut(maxSpans: number, maxBytes: number): void {
    this.batches.push(newBatch(this.queue.take(maxSpans, maxBytes)));
  }

  /** A batch is done (exported or dropped): its spans leave the buffer. */
  settle(batch: Batch): void {
    clearTimeout(batch.timer);
    const i = this.batches.indexOf(batch);
    if (i >= 0) this.batches.splice(i, 1);
    this.release(batch.entries);
  }

  /** Entries that left the buffer some other way (dropped from inside a batch). */
  release(entries: readonly Entry[]): void {
    for (const e of entries) this.bytes -= e.bytes;
    this.spans -= entries.length;
  }

  /** Empties the buffer; returns how many spans it held. */
  clear(): number {
    const held = this.spans;
    for (const batch of this.batches) clearTimeout(batch.timer);
    this.batches.length = 0;
    this.queue.drain();
    this.bytes = 0;
    this.spans = 0;
    return held;
  }

  /** True when every span up to `seq` has left the buffer. */
  settledThrough(seq: number): boolean {
    const head = this.queue.headSeq();
    if (head !== undefined && head <= seq) return false;
    for (const b of this.batches) if (b.first <= seq) return false;
    return true;
  }

  /** True while the span with this sequence number is buffered. */
  holds(seq: number): boolean {
    const head = this.queue.headSeq();
    if (head !== undefined && head <= seq) return true;
    for (const b of this.batches) if (b.first <= seq && seq <= b.last) return true;
    return false;
  }

  /** The sequence number of a buffered span, or undefined. */
  seqOf(span: ReadableSpan): number | undefined {
    const queued = this.queue.find(span);
    if (queued) return queued.seq;
    for (const b of this.batches) for (const e of b.entries) if (e.span === span) return e.seq;
    return undefined;
  }
}

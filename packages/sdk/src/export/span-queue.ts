/**
 * Spans that ended and wait to be put in a batch, oldest first, with their
 * estimated bytes and a sequence number (contiguous: every accepted span
 * takes the next one), which is how flush() knows what it waits for.
 */
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

export interface Entry {
  span: ReadableSpan;
  bytes: number;
  seq: number;
}

/** A FIFO over an array with a moving head: O(1) amortized push and take. */
export class SpanQueue {
  private items: Entry[] = [];
  private head = 0;
  /** Sum of the queued entries' estimated bytes. */
  bytes = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(entry: Entry): void {
    this.items.push(entry);
    this.bytes += entry.bytes;
  }

  /** Sequence number of the oldest entry, or undefined when empty. */
  headSeq(): number | undefined {
    return this.items[this.head]?.seq;
  }

  /** Takes the oldest entries: at least one, then while under both limits. */
  take(maxSpans: number, maxBytes: number): Entry[] {
    const items = this.items;
    let end = this.head;
    let bytes = 0;
    while (end < items.length && end - this.head < maxSpans) {
      const next = items[end]!.bytes;
      if (end > this.head && bytes + next > maxBytes) break;
      bytes += next;
      end++;
    }
    const taken = items.slice(this.head, end);
    this.bytes -= bytes;
    this.head = end;
    this.compact();
    return taken;
  }

  /** Removes and returns everything. */
  drain(): Entry[] {
    const all = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    this.bytes = 0;
    return all;
  }

  /** The entry holding this span, searched newest first (waitFor asks about a span that just ended). */
  find(span: ReadableSpan): Entry | undefined {
    for (let i = this.items.length - 1; i >= this.head; i--) {
      const entry = this.items[i]!;
      if (entry.span === span) return entry;
    }
    return undefined;
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

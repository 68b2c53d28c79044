import { HoneyHiveError } from "../errors.js";
import type { IngestItem, SqliteRowItem, Storage, WriteBatchItem } from "../storage/types.js";

const isRowItem = (item: IngestItem): item is SqliteRowItem => "refs" in item;

interface Pending {
  item: IngestItem;
  size: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface WriteQueueStats {
  queuedSpans: number;
  writtenSpans: number;
  writtenBatches: number;
  rejectedFull: number;
  failedWrites: number;
}

/**
 * The ingest write path. Requests enqueue their events and wait; one writer
 * drains everything queued into a single transaction (group commit), so N
 * concurrent requests cost one commit, and a request is answered only after
 * its rows are durable. The queue is bounded: when full, `submit` fails with
 * 503 and Retry-After instead of growing.
 */
export class WriteQueue {
  private readonly pending: Pending[] = [];
  private queued = 0;
  private writing: Promise<void> | undefined;
  private closed = false;
  readonly stats: WriteQueueStats = {
    queuedSpans: 0,
    writtenSpans: 0,
    writtenBatches: 0,
    rejectedFull: 0,
    failedWrites: 0,
  };

  constructor(
    private readonly storage: Storage,
    private readonly capacity: number,
    private readonly maxBatch: number,
  ) {}

  submit(item: IngestItem): Promise<void> {
    const size = item.events.length + item.sessions.length;
    if (this.closed) {
      return Promise.reject(
        new HoneyHiveError(
          "HH_E_SHUTTING_DOWN",
          503,
          "The server is shutting down",
          "Retry against another replica.",
        ),
      );
    }
    if (this.queued > 0 && this.queued + size > this.capacity) {
      this.stats.rejectedFull++;
      return Promise.reject(
        new HoneyHiveError(
          "HH_E_OVERLOADED",
          503,
          `The ingest queue is full (${this.queued} spans waiting)`,
          "Retry after the Retry-After delay; OTLP exporters do this by themselves.",
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, size, resolve, reject });
      this.queued += size;
      this.stats.queuedSpans = this.queued;
      if (!this.writing) this.writing = this.drain();
    });
  }

  /** Resolves when everything submitted so far is written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async drain(): Promise<void> {
    // Let requests that arrive in the same tick join this transaction.
    await new Promise<void>((r) => setImmediate(r));
    try {
      while (this.pending.length > 0) {
        const group = this.take();
        await this.write(group);
      }
    } finally {
      this.writing = undefined;
    }
  }

  private take(): Pending[] {
    const group: Pending[] = [];
    let size = 0;
    while (this.pending.length > 0) {
      const next = this.pending[0] as Pending;
      if (group.length > 0 && size + next.size > this.maxBatch) break;
      // One transaction takes one kind of item (in practice a server queues only one kind).
      if (group.length > 0 && isRowItem(next.item) !== isRowItem((group[0] as Pending).item)) break;
      group.push(next);
      size += next.size;
      this.pending.shift();
    }
    return group;
  }

  private async write(group: Pending[]): Promise<void> {
    const size = group.reduce((n, p) => n + p.size, 0);
    try {
      await this.writeItems(group.map((p) => p.item));
      this.release(size);
      this.stats.writtenSpans += size;
      this.stats.writtenBatches += 1;
      for (const p of group) p.resolve();
    } catch (err) {
      if (group.length === 1) {
        this.release(size);
        this.stats.failedWrites++;
        (group[0] as Pending).reject(err);
        return;
      }
      // One bad request must not fail the others: retry each on its own.
      for (const p of group) await this.write([p]);
    }
  }

  private async writeItems(items: IngestItem[]): Promise<void> {
    if (!isRowItem(items[0] as IngestItem)) return this.storage.writeBatch(items as WriteBatchItem[]);
    if (!this.storage.writeRowItems) throw new Error("row items queued on a storage that cannot write them");
    return this.storage.writeRowItems(items as SqliteRowItem[]);
  }

  private release(size: number): void {
    this.queued -= size;
    this.stats.queuedSpans = this.queued;
  }
}

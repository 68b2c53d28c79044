/**
 * Results still running: promises not settled, streams still being read.
 * `flush()` waits for them, except the ones it is called from inside (a
 * handler that flushes before returning must not wait for itself).
 */
export class PendingResults {
  /** Span id → parent span id (for the ancestry exclusion); no object per call. */
  private readonly items = new Map<string, string | undefined>();
  private waiters: Array<() => void> = [];

  get size(): number {
    return this.items.size;
  }

  add(spanId: string, parentSpanId: string | undefined): void {
    this.items.set(spanId, parentSpanId);
  }

  delete(spanId: string): void {
    if (!this.items.delete(spanId) || this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when every pending result other than `activeSpanId` and its ancestors finished, or at the deadline. */
  async settle(activeSpanId: string | undefined, deadline: number): Promise<boolean> {
    for (;;) {
      const excluded = this.ancestry(activeSpanId);
      let waiting = 0;
      for (const id of this.items.keys()) if (!excluded.has(id)) waiting++;
      if (waiting === 0) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        timer.unref();
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private ancestry(spanId: string | undefined): Set<string> {
    const out = new Set<string>();
    let id = spanId;
    while (id !== undefined && !out.has(id)) {
      out.add(id);
      id = this.items.get(id);
    }
    return out;
  }
}

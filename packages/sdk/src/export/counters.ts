/** What happened to spans, for stats(): exported, dropped by reason, retried. */
export class Counters {
  exported = 0;
  dropped = 0;
  retried = 0;
  lastError: string | undefined;
  private readonly byReason = new Map<string, number>();

  drop(reason: string, count = 1): void {
    if (count <= 0) return;
    this.dropped += count;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + count);
  }

  droppedByReason(): Record<string, number> {
    return Object.fromEntries(this.byReason);
  }
}

/**
 * Promises that resolve when a condition on the pipeline becomes true, or
 * with false at their timeout. Their timers are the only ones the pipeline
 * keeps referenced: an awaited flush keeps the process alive until it
 * settles, while everything else in the pipeline is unref'd.
 */

interface Waiter {
  done: () => boolean;
  resolve: (value: boolean) => void;
  timer: NodeJS.Timeout;
}

/** setTimeout fires at once above this. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export class Waiters {
  private readonly pending = new Set<Waiter>();

  get size(): number {
    return this.pending.size;
  }

  /** Resolves true once `done()` holds (now, or at a later check()), false after timeoutMs. */
  add(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (holds(done)) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const delay = Math.min(
        Math.max(Number.isFinite(timeoutMs) ? timeoutMs : MAX_TIMEOUT_MS, 0),
        MAX_TIMEOUT_MS,
      );
      const waiter: Waiter = {
        done,
        resolve,
        timer: setTimeout(() => {
          this.pending.delete(waiter);
          resolve(false);
        }, delay),
      };
      this.pending.add(waiter);
    });
  }

  /** Resolves every waiter whose condition now holds. */
  check(): void {
    for (const waiter of this.pending) {
      if (!holds(waiter.done)) continue;
      clearTimeout(waiter.timer);
      this.pending.delete(waiter);
      waiter.resolve(true);
    }
  }
}

/** A condition that throws counts as holding: resolve rather than hang. */
function holds(done: () => boolean): boolean {
  try {
    return done();
  } catch {
    return true;
  }
}

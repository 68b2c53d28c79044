import type { AbandonReason, ResultKind, ResultObserver } from "./types.js";

/**
 * The one place the observer contract is enforced: `firstChunk` at most once,
 * no chunk after the end, exactly one of complete / fail / abandon, and no
 * observer error ever reaching the caller.
 */
export class Settlement {
  private ended = false;
  private chunked = false;
  /**
   * Run when the result is garbage-collected unfinished, after
   * `abandon("garbage")` (e.g. to cancel a source stream). It must not
   * reference the watched result, or the result is never collected.
   */
  onGarbage: (() => void) | undefined;
  /** Registered with the finalization registry (see {@link watchGarbage}). */
  watched = false;

  constructor(
    private readonly observer: ResultObserver,
    private readonly onError: ((error: unknown) => void) | undefined,
  ) {}

  get settled(): boolean {
    return this.ended;
  }

  chunk(value: unknown): void {
    if (this.ended) return;
    if (!this.chunked) {
      this.chunked = true;
      this.call(() => this.observer.firstChunk());
    }
    this.call(() => this.observer.chunk(value));
  }

  complete(value: unknown, kind: ResultKind): void {
    if (this.end()) this.call(() => this.observer.complete(value, kind));
  }

  fail(error: unknown): void {
    if (this.end()) this.call(() => this.observer.fail(error));
  }

  abandon(reason: AbandonReason): void {
    if (this.end()) this.call(() => this.observer.abandon(reason));
  }

  /** Called by the finalization registry. */
  collected(): void {
    if (this.ended) return;
    const cleanup = this.onGarbage;
    this.abandon("garbage");
    if (cleanup) this.call(cleanup);
  }

  private end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.onGarbage = undefined;
    if (this.watched) registry.unregister(this);
    return true;
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      try {
        this.onError?.(error);
      } catch {
        // the error hook failed too: nothing else to tell
      }
    }
  }
}

const registry = new FinalizationRegistry<Settlement>((settlement) => settlement.collected());

/**
 * Abandon with "garbage" if `target` is collected before the result ends.
 * Replaces an earlier target (iteration started: the iterator is what
 * matters now). The registry holds only the settlement, never the target.
 */
export function watchGarbage(target: object, settlement: Settlement): void {
  if (settlement.settled) return;
  if (settlement.watched) registry.unregister(settlement);
  settlement.watched = true;
  registry.register(target, settlement, settlement);
}

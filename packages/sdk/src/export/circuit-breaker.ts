/**
 * The circuit breaker and the retry delays. After `threshold` consecutive
 * failed requests the breaker opens: no requests for a cooldown (doubling
 * on each failed probe up to a maximum); then half-open: one probe request;
 * a response closes it, a failure reopens it.
 */

export type BreakerState = "closed" | "open" | "half-open";

export class CircuitBreaker {
  private failures = 0;
  private open = false;
  private openUntil = 0;
  private cooldown: number;
  private probing = false;

  constructor(
    private readonly threshold: number,
    private readonly baseCooldownMs: number,
    private readonly maxCooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.cooldown = baseCooldownMs;
  }

  state(): BreakerState {
    if (!this.open) return "closed";
    return this.now() >= this.openUntil ? "half-open" : "open";
  }

  /**
   * May a request start now? "request" when closed, "probe" for the one
   * request a half-open breaker lets through, undefined otherwise.
   */
  acquire(): "request" | "probe" | undefined {
    const state = this.state();
    if (state === "closed") return "request";
    if (state === "open" || this.probing) return undefined;
    this.probing = true;
    return "probe";
  }

  /** Milliseconds until an open breaker turns half-open (0 when it is not open). */
  msUntilHalfOpen(): number {
    return this.open ? Math.max(0, this.openUntil - this.now()) : 0;
  }

  /** The server answered (delivered or refused for good). True when this closed an open breaker. */
  onSuccess(probe: boolean): boolean {
    this.failures = 0;
    if (probe) this.probing = false;
    if (!this.open) return false;
    this.open = false;
    this.probing = false;
    this.cooldown = this.baseCooldownMs;
    return true;
  }

  /** A request failed in a way worth retrying. True when this opened (or reopened) the breaker. */
  onFailure(probe: boolean): boolean {
    if (this.open) {
      if (!probe) return false; // a request that started before the breaker opened
      this.probing = false;
      this.cooldown = Math.min(this.cooldown * 2, this.maxCooldownMs);
      this.openUntil = this.now() + this.cooldown;
      return true;
    }
    this.failures++;
    if (this.failures < this.threshold) return false;
    this.open = true;
    this.cooldown = this.baseCooldownMs;
    this.openUntil = this.now() + this.cooldown;
    return true;
  }

  /** A probe that was never sent gives its turn back. */
  release(probe: boolean): void {
    if (probe) this.probing = false;
  }

  /** Shutdown's last chance: an open breaker allows its probe now. */
  probeNow(): void {
    if (this.open && !this.probing) this.openUntil = this.now();
  }
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))). */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.floor(random() * ceiling);
}

import { describe, expect, it } from "vitest";
import { backoffDelay, CircuitBreaker } from "./circuit-breaker.js";

function breaker() {
  let now = 0;
  const b = new CircuitBreaker(3, 1000, 4000, () => now);
  return { b, advance: (ms: number) => (now += ms) };
}

describe("CircuitBreaker", () => {
  it("opens after the threshold of consecutive failures; a response resets the count", () => {
    const { b } = breaker();
    b.onFailure(false);
    b.onFailure(false);
    b.onSuccess(false);
    b.onFailure(false);
    expect(b.onFailure(false)).toBe(false);
    expect(b.state()).toBe("closed");
    expect(b.onFailure(false)).toBe(true);
    expect(b.state()).toBe("open");
    expect(b.acquire()).toBeUndefined();
  });

  it("half-opens after the cooldown and lets exactly one probe through", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.onFailure(false);
    expect(b.msUntilHalfOpen()).toBe(1000);
    advance(999);
    expect(b.acquire()).toBeUndefined();
    advance(1);
    expect(b.state()).toBe("half-open");
    expect(b.acquire()).toBe("probe");
    expect(b.acquire()).toBeUndefined();
    expect(b.onSuccess(true)).toBe(true);
    expect(b.state()).toBe("closed");
    expect(b.acquire()).toBe("request");
  });

  it("doubles the cooldown on each failed probe, up to the maximum, and resets when closed", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.onFailure(false);
    const cooldowns: number[] = [];
    for (let i = 0; i < 4; i++) {
      advance(b.msUntilHalfOpen());
      expect(b.acquire()).toBe("probe");
      expect(b.onFailure(true)).toBe(true);
      cooldowns.push(b.msUntilHalfOpen());
    }
    expect(cooldowns).toEqual([2000, 4000, 4000, 4000]);
    advance(4000);
    b.acquire();
    b.onSuccess(true);
    for (let i = 0; i < 3; i++) b.onFailure(false);
    expect(b.msUntilHalfOpen()).toBe(1000);
  });

  it("ignores failures of requests started before it opened, and gives back an unsent probe", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.onFailure(false);
    expect(b.onFailure(false)).toBe(false);
    expect(b.msUntilHalfOpen()).toBe(1000);
    advance(1000);
    expect(b.acquire()).toBe("probe");
    b.release(true);
    expect(b.acquire()).toBe("probe");
  });

  it("probeNow lets an open breaker probe at once", () => {
    const { b } = breaker();
    for (let i = 0; i < 3; i++) b.onFailure(false);
    b.probeNow();
    expect(b.acquire()).toBe("probe");
  });
});

describe("backoffDelay", () => {
  it("is full jitter under an exponential ceiling with a cap", () => {
    const top = () => 0.999_999;
    expect(backoffDelay(1, 250, 30_000, top)).toBe(249);
    expect(backoffDelay(3, 250, 30_000, top)).toBe(999);
    expect(backoffDelay(20, 250, 30_000, top)).toBe(29_999);
    expect(backoffDelay(1000, 250, 30_000, top)).toBe(29_999);
    expect(backoffDelay(5, 250, 30_000, () => 0)).toBe(0);
  });
});

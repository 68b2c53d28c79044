import { describe, expect, it } from "vitest";
import { capture, captureJson } from "./index.js";
import { jsonSize } from "./json-size.js";
import { DEFAULT_CAPTURE_LIMITS, type JsonValue } from "./limits.js";
import { random } from "./random.testkit.js";
import { walkValue } from "./walk.js";
import { createWalk } from "./walk-state.js";

const ALPHABET = ["a", "b", " ", '"', "\\", "\n", "\u0001", "é", "😀", "\ud800", "…", "z"];

function randomValue(rand: () => number, depth: number): unknown {
  const pick = Math.floor(rand() * (depth > 3 ? 5 : 8));
  const text = (n: number) =>
    Array.from({ length: n }, () => ALPHABET[Math.floor(rand() * ALPHABET.length)]).join("");
  switch (pick) {
    case 0:
      return Math.floor(rand() * 1e6) / (rand() < 0.5 ? 1 : 7);
    case 1:
      return text(Math.floor(rand() * 40));
    case 2:
      return text(Math.floor(rand() * 3000));
    case 3:
      return rand() < 0.3 ? null : rand() < 0.5 ? undefined : rand() < 0.5;
    case 4:
      return BigInt(Math.floor(rand() * 1e9));
    case 5:
      return Array.from({ length: Math.floor(rand() * 30) }, () => randomValue(rand, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 12); i > 0; i--)
        out[text(1 + Math.floor(rand() * 6))] = randomValue(rand, depth + 1);
      return out;
    }
  }
}

describe("size accounting", () => {
  it("totals exactly the length of the JSON text, escapes and markers included", () => {
    const rand = random(1);
    for (let i = 0; i < 150; i++) {
      const value = randomValue(rand, 0);
      const walk = createWalk({
        ...DEFAULT_CAPTURE_LIMITS,
        maxStringLength: 500,
        maxArrayItems: 10,
        maxObjectKeys: 8,
      });
      const out = walkValue(walk, value, 0);
      expect(walk.total).toBe(JSON.stringify(out).length);
      expect(jsonSize(out)).toBe(JSON.stringify(out).length);
    }
  });
});

describe("total budget", () => {
  it("keeps short fields whole and cuts the longest strings to a common length", () => {
    const value = {
      id: "req_123",
      name: "summarize",
      prompt: "p".repeat(8000),
      context: "c".repeat(20000),
      note: "n".repeat(300),
    };
    const limits = { maxTotalChars: 4000, maxStringLength: 100_000 };
    const json = captureJson(value, limits);
    expect(json.length).toBeLessThanOrEqual(4000);
    expect(json.length).toBeGreaterThan(3900);
    const out = JSON.parse(json) as Record<string, string>;
    expect(out["id"]).toBe("req_123");
    expect(out["name"]).toBe("summarize");
    expect(out["note"]).toBe("n".repeat(300));
    const prompt = /^(p+)…\[truncated (\d+) chars\]$/.exec(out["prompt"]!);
    const context = /^(c+)…\[truncated (\d+) chars\]$/.exec(out["context"]!);
    expect(prompt?.[1]?.length).toBe(context?.[1]?.length);
    expect(Number(prompt?.[2]) + prompt![1]!.length).toBe(8000);
    expect(Number(context?.[2]) + context![1]!.length).toBe(20000);
  });

  it("counts characters cut by maxStringLength and by the budget together", () => {
    const out = capture({ a: "a".repeat(50_000), b: "b".repeat(50_000) }, { maxTotalChars: 1000 }) as Record<
      string,
      string
    >;
    const match = /^(a+)…\[truncated (\d+) chars\]$/.exec(out["a"]!);
    expect(Number(match?.[2]) + match![1]!.length).toBe(50_000);
  });

  it("cuts the longest arrays when strings alone cannot fit", () => {
    const value = {
      small: [1, 2, 3],
      big: Array.from({ length: 150 }, (_, i) => ({ i, label: `item-${i}` })),
    };
    const json = captureJson(value, { maxTotalChars: 1500 });
    expect(json.length).toBeLessThanOrEqual(1500);
    const out = JSON.parse(json) as { small: number[]; big: unknown[] };
    expect(out.small).toEqual([1, 2, 3]);
    const marker = out.big[out.big.length - 1] as string;
    const more = Number(/^\[… (\d+) more items\]$/.exec(marker)?.[1]);
    expect(out.big.length - 1 + more).toBe(150);
    expect(out.big[0]).toEqual({ i: 0, label: "item-0" });
  });

  it("adds to the count of an array already cut by maxArrayItems", () => {
    const out = capture(
      Array.from({ length: 500 }, () => "x".repeat(40)),
      { maxTotalChars: 500 },
    ) as string[];
    const marker = out[out.length - 1]!;
    expect(out.length - 1 + Number(/^\[… (\d+) more items\]$/.exec(marker)?.[1])).toBe(500);
    expect(JSON.stringify(out).length).toBeLessThanOrEqual(500);
  });

  it("cuts the widest objects and counts the keys left out", () => {
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 150; i++) wide[`key_${i}`] = { nested: i };
    const json = captureJson(wide, { maxTotalChars: 300 });
    expect(json.length).toBeLessThanOrEqual(300);
    const out = JSON.parse(json) as Record<string, unknown>;
    expect(out["key_0"]).toEqual({ nested: 0 });
    const more = Number(/^(\d+) more keys$/.exec(out["…"] as string)?.[1]);
    expect(Object.keys(out).length - 1 + more).toBe(150);
  });

  it("keeps counting right when an object has a real key named like the marker", () => {
    const value: Record<string, unknown> = { "…": "real", a: "x".repeat(100) };
    for (let i = 0; i < 20; i++) value[`k${i}`] = i;
    const json = captureJson(value, { maxObjectKeys: 10, maxTotalChars: 90 });
    expect(json.length).toBeLessThanOrEqual(90);
    const out = JSON.parse(json) as Record<string, unknown>;
    const more = Number(/^(\d+) more keys$/.exec(out["…"] as string)?.[1]);
    expect(Object.keys(out).length - 1 + more).toBe(22);
  });

  it("falls back to shallower markers when one entry per container is still too much", () => {
    let chain: unknown = 1;
    for (let i = 0; i < 8; i++) chain = { [`level_${i}_with_a_long_descriptive_key`]: chain };
    const json = captureJson(chain, { maxTotalChars: 120 });
    expect(json.length).toBeLessThanOrEqual(120);
    expect(json).toMatch(/"\[Object\]"/);
    expect(json.startsWith('{"level_7_with_a_long_descriptive_key":{')).toBe(true);
  });

  it("fits strings that need escaping", () => {
    const json = captureJson({ q: '"'.repeat(10_000), c: "\u0001".repeat(10_000) }, { maxTotalChars: 2000 });
    expect(json.length).toBeLessThanOrEqual(2000);
    expect(json.length).toBeGreaterThan(1500);
  });

  it("stays bounded for shared references that would explode", () => {
    let node: unknown = "leaf-value-that-is-long-enough-to-count";
    for (let i = 0; i < 8; i++) node = Array.from({ length: 50 }, () => node);
    const json = captureJson(node, { maxTotalChars: 10_000 });
    expect(json.length).toBeLessThanOrEqual(10_000);
    expect(() => JSON.parse(json)).not.toThrow();
  });

  it("cuts a 1 MB string to maxStringLength", () => {
    const out = capture("x".repeat(1 << 20)) as string;
    expect(out).toBe(`${"x".repeat(16_384)}…[truncated ${(1 << 20) - 16_384} chars]`);
  });

  it("always returns valid JSON within the budget (random values)", () => {
    const rand = random(7);
    for (let i = 0; i < 200; i++) {
      const value = randomValue(rand, 0);
      const budget = 100 + Math.floor(rand() * 3000);
      const json = captureJson(value, { maxTotalChars: budget, maxStringLength: 2000 });
      expect(json.length).toBeLessThanOrEqual(budget);
      const parsed = JSON.parse(json) as JsonValue;
      expect(JSON.stringify(parsed)).toBe(json);
    }
  });
});

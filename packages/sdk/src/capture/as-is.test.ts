import { describe, expect, it } from "vitest";
import { capture, captureJson } from "./index.js";
import type { CaptureLimits } from "./limits.js";
import { random } from "./random.testkit.js";

// captureJson stringifies plain data within the limits as it is, without the walk's copy.
// These hold it to the walk: for every value, the same text as JSON.stringify(capture(value)).

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

function value(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 4 ? 12 : 16));
  const int = (n: number) => Math.floor(r() * n);
  switch (pick) {
    case 0:
      return "x".repeat(int(12));
    case 1:
      return [
        "plain",
        'quote"s',
        "back\\slash",
        "line\nbreak",
        "\u0001",
        "é✓",
        "\ud83d\ude00",
        "\ud800 lone",
        "",
      ][int(9)];
    case 2:
      return [0, -0, 1, -2.5, 1e21, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53][int(9)];
    case 3:
      return r() < 0.5;
    case 4:
      return null;
    case 5:
      return undefined;
    case 6:
      return [() => 1, Symbol("s"), 10n, new Date(0), new Point(1, 2), new Map([["a", 1]]), new Set([1])][
        int(7)
      ];
    case 7:
      // biome-ignore lint/suspicious/noThenProperty: a promise-like is what the walk labels
      return { then: () => {}, a: 1 };
    case 8:
      return { toJSON: () => "custom", b: 2 };
    case 9:
      return Object.assign(Object.create(null), { n: 1, s: "null prototype" });
    case 10:
      return JSON.parse('{"__proto__": {"p": 1}, "k": 2}');
    case 11:
      // biome-ignore lint/suspicious/noSparseArray: holes are part of the test
      return [1, , 3];
    default: {
      if (r() < 0.5) return Array.from({ length: int(8) }, () => value(r, depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = int(8); i > 0; i--)
        o[["a", "b", "key", "…", "long-key-name", `k${i}`][int(6)]!] = value(r, depth + 1);
      return o;
    }
  }
}

function limits(r: () => number): Partial<CaptureLimits> {
  return {
    maxStringLength: [4, 8, 16_384][Math.floor(r() * 3)]!,
    maxArrayItems: [2, 5, 200][Math.floor(r() * 3)]!,
    maxObjectKeys: [2, 5, 200][Math.floor(r() * 3)]!,
    maxDepth: [1, 3, 10][Math.floor(r() * 3)]!,
    maxTotalChars: [40, 200, 256 * 1024][Math.floor(r() * 3)]!,
  };
}

/** The walk left `v` as it was (JSON.stringify alone gives its text). */
function keptAsIs(v: unknown, expected: string): boolean {
  try {
    return JSON.stringify(v) === expected;
  } catch {
    return false; // a bigint
  }
}

describe("captureJson of plain data kept as it is", () => {
  it("gives the walk's text for 5,000 generated values and limits", () => {
    let asIs = 0;
    for (let seed = 1; seed <= 5000; seed++) {
      const r = random(seed);
      const v = value(r, 0);
      const l = limits(r);
      const expected = JSON.stringify(capture(v, l));
      expect({ seed, text: captureJson(v, l) }).toEqual({ seed, text: expected });
      if (keptAsIs(v, expected)) asIs++;
    }
    // The generator reaches both paths: values kept as they are and values the walk changes.
    expect(asIs).toBeGreaterThan(500);
    expect(asIs).toBeLessThan(4500);
  });

  it("labels, cuts and converts exactly as the walk does at each limit", () => {
    const cases: [unknown, Partial<CaptureLimits>][] = [
      ["abcdefghij", { maxStringLength: 10 }],
      ["abcdefghijk", { maxStringLength: 10 }],
      [[1, 2, 3], { maxArrayItems: 3 }],
      [[1, 2, 3, 4], { maxArrayItems: 3 }],
      [{ a: 1, b: 2 }, { maxObjectKeys: 2 }],
      [{ a: 1, b: 2, c: 3 }, { maxObjectKeys: 2 }],
      [{ a: { b: { c: 1 } } }, { maxDepth: 3 }],
      [{ a: { b: { c: 1 } } }, { maxDepth: 2 }],
      [{ text: "x".repeat(50) }, { maxTotalChars: 61 }],
      [{ text: "x".repeat(50) }, { maxTotalChars: 60 }],
      [{ [`${"k".repeat(12)}`]: 1 }, { maxStringLength: 11 }],
      [undefined, {}],
      [{ a: undefined, b: [undefined] }, {}],
    ];
    for (const [v, l] of cases) expect(captureJson(v, l)).toBe(JSON.stringify(capture(v, l)));
  });

  it("labels a getter that throws, a hidden toJSON or then, and a cycle, as the walk does", () => {
    const throwing = {
      a: 1,
      get b(): number {
        throw new Error("no");
      },
    };
    const hidden = (name: string) =>
      Object.defineProperty({ a: 1 }, name, { value: () => "hidden", enumerable: false });
    for (const v of [hidden("toJSON"), hidden("then")])
      expect(captureJson(v)).toBe(JSON.stringify(capture(v)));
    expect(captureJson(hidden("toJSON"))).toBe('"hidden"');
    expect(captureJson(hidden("then"))).toBe('"[Promise]"');
    const iterable = { a: 1, async *[Symbol.asyncIterator]() {} };
    expect(captureJson(iterable)).toBe('"[AsyncIterable]"');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic["self"] = cyclic;
    for (const v of [throwing, cyclic]) expect(captureJson(v)).toBe(JSON.stringify(capture(v)));
    expect(captureJson(cyclic)).toContain("[Circular]");
  });
});

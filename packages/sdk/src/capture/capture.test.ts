import { describe, expect, it } from "vitest";
import { capture, captureArgs, captureJson } from "./index.js";

describe("capture: kinds of values", () => {
  it("keeps plain JSON data as it is", () => {
    const value = { a: 1, b: "hello", c: [1, 2, 3], d: { e: null, f: true, g: -2.5 } };
    expect(capture(value)).toEqual(value);
    expect(captureJson(value)).toBe(JSON.stringify(value));
  });

  it("turns values JSON cannot hold into strings", () => {
    function named() {}
    expect(
      capture({
        big: 12345678901234567890n,
        fn: named,
        anon: (() => () => {})(),
        sym: Symbol("tag"),
        nan: Number.NaN,
        inf: Number.POSITIVE_INFINITY,
        negZero: -0,
      }),
    ).toEqual({
      big: "12345678901234567890",
      fn: "[Function named]",
      anon: "[Function (anonymous)]",
      sym: "tag",
      nan: "NaN",
      inf: "Infinity",
      negZero: 0,
    });
  });

  it("omits undefined in objects and turns it into null in arrays and at the top", () => {
    expect(capture({ a: undefined, b: 1 })).toEqual({ b: 1 });
    expect(Object.keys(capture({ a: undefined, b: 1 }) as object)).toEqual(["b"]);
    // biome-ignore lint/suspicious/noSparseArray: a hole is part of the test
    expect(capture([undefined, , 2])).toEqual([null, null, 2]);
    expect(capture(undefined)).toBeNull();
    expect(captureJson(undefined)).toBe("null");
  });

  it("marks cycles but repeats shared references", () => {
    const shared = { x: 1 };
    const node: Record<string, unknown> = { name: "root", a: shared, b: shared };
    node["self"] = node;
    node["list"] = [node];
    expect(capture(node)).toEqual({
      name: "root",
      a: { x: 1 },
      b: { x: 1 },
      self: "[Circular]",
      list: ["[Circular]"],
    });
  });

  it("captures dates, URLs, regular expressions and binary data as strings", () => {
    expect(
      capture({
        date: new Date("2024-01-02T03:04:05.000Z"),
        bad: new Date(Number.NaN),
        url: new URL("https://example.com/a?b=1"),
        re: /ab+c/gi,
        bytes: new Uint8Array(1234),
        buffer: Buffer.alloc(10),
        ab: new ArrayBuffer(8),
        view: new DataView(new ArrayBuffer(4)),
      }),
    ).toEqual({
      date: "2024-01-02T03:04:05.000Z",
      bad: "Invalid Date",
      url: "https://example.com/a?b=1",
      re: "/ab+c/gi",
      bytes: "[Uint8Array 1234 bytes]",
      buffer: "[Buffer 10 bytes]",
      ab: "[ArrayBuffer 8 bytes]",
      view: "[DataView 4 bytes]",
    });
  });

  it("captures errors with name, message, stack, cause and their own properties", () => {
    const cause = new TypeError("inner");
    const error = Object.assign(new Error("outer", { cause }), { code: "E_X", status: 500 });
    const out = capture(error) as Record<string, unknown>;
    expect(out["name"]).toBe("Error");
    expect(out["message"]).toBe("outer");
    expect(out["stack"]).toMatch(/^Error: outer\n/);
    expect(out["code"]).toBe("E_X");
    expect(out["status"]).toBe(500);
    expect((out["cause"] as Record<string, unknown>)["message"]).toBe("inner");
    expect((out["cause"] as Record<string, unknown>)["name"]).toBe("TypeError");
    const aggregate = capture(new AggregateError([new Error("one")], "many")) as Record<string, unknown>;
    expect((aggregate["errors"] as Record<string, unknown>[])[0]?.["message"]).toBe("one");
  });

  it("captures maps as objects (string keys) or pairs, sets as arrays", () => {
    expect(
      capture(
        new Map([
          ["a", 1],
          ["b", 2],
        ]),
      ),
    ).toEqual({ a: 1, b: 2 });
    expect(
      capture(
        new Map<unknown, unknown>([
          [1, "one"],
          [{ k: true }, "obj"],
        ]),
      ),
    ).toEqual([
      [1, "one"],
      [{ k: true }, "obj"],
    ]);
    expect(capture(new Set([1, "two", 3]))).toEqual([1, "two", 3]);
  });

  it("does not walk promises, streams, iterators and weak collections", () => {
    const then = () => {};
    const thenable = { then };
    async function* gen() {}
    expect(
      capture({
        promise: Promise.resolve(1),
        thenable,
        stream: new ReadableStream(),
        asyncIterable: { [Symbol.asyncIterator]: gen },
        generator: (function* () {})(),
        iterator: new Map().keys(),
        weak: new WeakMap(),
      }),
    ).toEqual({
      promise: "[Promise]",
      thenable: "[Promise]",
      stream: "[ReadableStream]",
      asyncIterable: "[AsyncIterable]",
      generator: "[Generator]",
      iterator: "[Iterator]",
      weak: "[WeakMap]",
    });
  });

  it("uses toJSON, once, and contains a toJSON that throws", () => {
    class Money {
      constructor(readonly cents: number) {}
      toJSON() {
        return { amount: this.cents / 100, self: this };
      }
    }
    class Selfish {
      x = 1;
      toJSON() {
        return this;
      }
    }
    const broken = {
      toJSON() {
        throw new Error("nope");
      },
    };
    expect(capture({ price: new Money(250), s: new Selfish(), broken })).toEqual({
      price: { amount: 2.5, self: "[Circular]" },
      s: { x: 1 },
      broken: "[Throws: nope]",
    });
  });

  it("captures class instances as their own enumerable properties", () => {
    class Point {
      #secret = 1;
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
      get sum() {
        return this.x + this.y + this.#secret;
      }
    }
    expect(capture(new Point(1, 2))).toEqual({ x: 1, y: 2 });
  });

  it("contains getters and proxies that throw", () => {
    const getter = Object.defineProperty({ ok: 1 }, "bad", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("no keys");
        },
      },
    );
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(capture({ getter, trap, revoked: proxy })).toEqual({
      getter: { ok: 1, bad: "[Throws: boom]" },
      trap: "[Throws: no keys]",
      revoked: expect.stringMatching(/^\[Throws: .*revoked/),
    });
    expect(() => captureJson(proxy)).not.toThrow();
  });

  it("keeps a __proto__ key as data without touching the prototype", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const out = capture(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(captureJson(input)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });

  it("captures boxed primitives as their value", () => {
    expect(capture([new String("s"), new Number(2), Object(3n)])).toEqual(["s", 2, "3"]);
  });
});

describe("capture: per-value limits", () => {
  it("cuts long strings and says how much was cut", () => {
    expect(capture("x".repeat(100), { maxStringLength: 10 })).toBe(`${"x".repeat(10)}…[truncated 90 chars]`);
  });

  it("never splits a surrogate pair", () => {
    const out = capture(`${"a".repeat(9)}😀tail`, { maxStringLength: 10 }) as string;
    expect(out).toBe(`${"a".repeat(9)}…[truncated 6 chars]`);
    expect(captureJson(`${"a".repeat(9)}😀tail`, { maxStringLength: 10 })).not.toMatch(/\\ud/);
  });

  it("keeps the first array items and a final marker", () => {
    expect(capture([1, 2, 3, 4, 5], { maxArrayItems: 2 })).toEqual([1, 2, "[… 3 more items]"]);
    expect(capture(new Set([1, 2, 3]), { maxArrayItems: 1 })).toEqual([1, "[… 2 more items]"]);
  });

  it("keeps the first object keys and a marker key", () => {
    expect(capture({ a: 1, b: 2, c: 3, d: 4 }, { maxObjectKeys: 2 })).toEqual({
      a: 1,
      b: 2,
      "…": "2 more keys",
    });
  });

  it("replaces containers below maxDepth by markers", () => {
    const deep = { a: { b: { c: { d: 1 } }, list: [[1]] } };
    expect(capture(deep, { maxDepth: 2 })).toEqual({ a: { b: "[Object]", list: "[Array]" } });
    expect(capture(deep, { maxDepth: 0 })).toBe("[Object]");
  });

  it("ignores unusable limits", () => {
    expect(capture("abc", { maxStringLength: Number.NaN, maxDepth: -1 })).toBe("abc");
  });
});

describe("captureArgs", () => {
  it("names arguments by parameter, else by position", () => {
    expect(captureArgs([1, "two", { x: 3 }], ["a", undefined])).toEqual({
      a: 1,
      arg1: "two",
      arg2: { x: 3 },
    });
  });

  it("collects a rest parameter into an array", () => {
    expect(captureArgs([1, 2, 3], ["first", "...others"])).toEqual({ first: 1, others: [2, 3] });
    expect(captureArgs([1], ["first", "...others"])).toEqual({ first: 1, others: [] });
  });

  it("gives each argument the full depth", () => {
    expect(captureArgs([{ b: { c: 1 } }], ["a"], { maxDepth: 2 })).toEqual({ a: { b: { c: 1 } } });
  });

  it("keeps the whole object within the total budget", () => {
    const args = ["x".repeat(5000), "y".repeat(5000)];
    const out = captureArgs(args, ["a", "b"], { maxTotalChars: 2000 });
    expect(JSON.stringify(out).length).toBeLessThanOrEqual(2000);
    expect(out["a"]).toMatch(/^x+…\[truncated \d+ chars\]$/);
  });
});

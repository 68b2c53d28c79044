import { describe, expect, it } from "vitest";
import { evaluator, isEvaluator, judge, normalizeScore, toEvaluator } from "./evaluator.js";
import type { EvaluatorInput, EvaluatorReturn } from "./types.js";

const call = (output: unknown = "out", expected: unknown = "exp"): EvaluatorInput => ({
  output,
  expected,
  input: { q: "question" },
  metadata: {},
});

/** An evaluator function that returns the given scores one after the other. */
function sequence(...scores: EvaluatorReturn[]) {
  let i = 0;
  return () => scores[i++ % scores.length]!;
}

describe("evaluator(): scores and explanations", () => {
  it("passes the call through and keeps score, explanation and label", async () => {
    const seen: EvaluatorInput[] = [];
    const ev = evaluator(
      (input) => {
        seen.push(input);
        return { score: 0.5, explanation: "half", label: "meh" };
      },
      { name: "half" },
    );
    const result = await ev.evaluate(call("o", "e"));
    expect(result).toMatchObject({
      name: "half",
      score: 0.5,
      explanation: "half",
      label: "meh",
      passed: null,
    });
    expect(result.error).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen[0]).toMatchObject({ output: "o", expected: "e", input: { q: "question" } });
    expect(seen[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it("names itself after the function, then 'evaluator'; weight defaults to 1", () => {
    function relevance() {
      return 1;
    }
    expect(evaluator(relevance).name).toBe("relevance");
    expect(evaluator(relevance).weight).toBe(1);
    expect(evaluator(relevance, { weight: 3 }).weight).toBe(3);
    expect(evaluator(sequence(1)).name).toBe("evaluator");
    expect(evaluator(relevance, { name: "x" }).options.name).toBe("x");
    expect(Object.isFrozen(evaluator(relevance).options)).toBe(true);
  });

  it("accepts sync and async functions and every score kind", async () => {
    const values: EvaluatorReturn[] = [1, 0.25, true, false, "good", null];
    for (const value of values) {
      expect((await evaluator(() => value).evaluate(call())).score).toBe(value);
      expect((await evaluator(async () => value).evaluate(call())).score).toBe(value);
    }
  });

  it("normalizeScore reads bare scores and objects; undefined becomes null", () => {
    expect(normalizeScore(3)).toEqual({ score: 3 });
    expect(normalizeScore(undefined as unknown as EvaluatorReturn)).toEqual({ score: null });
    expect(normalizeScore({ score: true, explanation: "e", label: "l", passed: false })).toEqual({
      score: true,
      explanation: "e",
      label: "l",
      passed: false,
    });
    expect(normalizeScore({ score: undefined as unknown as number })).toEqual({ score: null });
  });
});

describe("evaluator(): failures become results, never rejections", () => {
  it("a thrown error (sync or async) is an error result with a null score", async () => {
    const sync = await evaluator(
      () => {
        throw new Error("boom");
      },
      { name: "s", threshold: { min: 0 } },
    ).evaluate(call());
    expect(sync).toMatchObject({ name: "s", score: null, passed: null, error: "boom" });
    const rejected = await evaluator(() => Promise.reject("plain string")).evaluate(call());
    expect(rejected).toMatchObject({ score: null, error: "plain string" });
  });

  it("bad scores are errors: objects, arrays, NaN, Infinity", async () => {
    const bad = [
      { score: { nested: 1 } },
      { score: [1] },
      Number.NaN,
      Number.POSITIVE_INFINITY,
      { score: -Infinity },
    ];
    for (const value of bad) {
      const result = await evaluator(() => value as EvaluatorReturn, { name: "bad" }).evaluate(call());
      expect(result.score).toBeNull();
      expect(result.passed).toBeNull();
      expect(result.error).toMatch(/returned/);
    }
  });

  it("a timeout aborts the work's signal and becomes an error", async () => {
    let aborted: unknown;
    const ev = evaluator(
      ({ signal }) =>
        new Promise<number>((resolve) => {
          signal!.addEventListener("abort", () => {
            aborted = signal!.reason;
            resolve(1);
          });
        }),
      { timeoutMs: 20 },
    );
    const result = await ev.evaluate(call());
    expect(result.error).toBe("timed out after 20 ms");
    expect(result.score).toBeNull();
    expect(aborted).toBeInstanceOf(Error);
  });

  it("a work that finishes in time is not cut off by timeoutMs", async () => {
    const result = await evaluator(async () => 0.9, { timeoutMs: 60_000 }).evaluate(call());
    expect(result).toMatchObject({ score: 0.9 });
    expect(result.error).toBeUndefined();
  });

  it("the caller's signal reaches the function", async () => {
    const controller = new AbortController();
    const ev = evaluator(
      ({ signal }) =>
        new Promise<number>((_, reject) => {
          signal!.addEventListener("abort", () => reject(new Error("cancelled by caller")));
        }),
    );
    const pending = ev.evaluate({ ...call(), signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ score: null, error: "cancelled by caller" });
  });
});

describe("evaluator(): repeat and aggregate", () => {
  const scores = [0.2, 0.9, 0.4, 0.6];
  const cases: [string, number][] = [
    ["mean", 0.525],
    ["median", 0.5],
    ["min", 0.2],
    ["max", 0.9],
  ];
  for (const [how, expected] of cases) {
    it(`${how} of 4 repeated scores`, async () => {
      let calls = 0;
      const ev = evaluator(() => scores[calls++]!, { repeat: 4, aggregate: how as "mean" });
      const result = await ev.evaluate(call());
      expect(calls).toBe(4);
      expect(result.score).toBeCloseTo(expected, 12);
    });
  }

  it("median of an odd count is the middle score; booleans average as 1 / 0", async () => {
    expect(
      (await evaluator(sequence(3, 1, 2), { repeat: 3, aggregate: "median" }).evaluate(call())).score,
    ).toBe(2);
    expect((await evaluator(sequence(true, false, true, true), { repeat: 4 }).evaluate(call())).score).toBe(
      0.75,
    );
  });

  it("majority picks the most frequent label or boolean; strings always vote", async () => {
    expect(
      (await evaluator(sequence(true, false, true), { repeat: 3, aggregate: "majority" }).evaluate(call()))
        .score,
    ).toBe(true);
    expect((await evaluator(sequence("good", "bad", "bad"), { repeat: 3 }).evaluate(call())).score).toBe(
      "bad",
    );
  });

  it("null repetitions are left out; all null is null", async () => {
    expect((await evaluator(sequence(null, 1, 0), { repeat: 3 }).evaluate(call())).score).toBe(0.5);
    expect((await evaluator(sequence(null), { repeat: 2 }).evaluate(call())).score).toBeNull();
  });

  it("the pass rule applies to the aggregate; one failing repetition fails the whole", async () => {
    const ev = evaluator(sequence(0.9, 0.5, 0.7), {
      repeat: 3,
      aggregate: "median",
      threshold: { min: 0.7 },
    });
    expect(await ev.evaluate(call())).toMatchObject({ score: 0.7, passed: true });
    const broken = evaluator(sequence(1, { score: Number.NaN }), { repeat: 2 });
    expect((await broken.evaluate(call())).error).toMatch(/returned NaN/);
  });

  it("repeat below 1 or fractional runs once / rounds down", async () => {
    let calls = 0;
    await evaluator(() => ++calls, { repeat: 0 }).evaluate(call());
    expect(calls).toBe(1);
    calls = 0;
    await evaluator(() => ++calls, { repeat: 2.9 }).evaluate(call());
    expect(calls).toBe(2);
  });
});

describe("evaluator(): pass rules", () => {
  it("threshold min / max bound numeric scores inclusively", async () => {
    const rule = { threshold: { min: 0.5, max: 0.8 } };
    const at = async (score: number) => (await evaluator(() => score, rule).evaluate(call())).passed;
    expect([await at(0.49), await at(0.5), await at(0.8), await at(0.81)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(judge(3, { threshold: { max: 3 } })).toBe(true);
    expect(judge(3, { threshold: {} })).toBe(true);
  });

  it("passWhen matches booleans and labels, one or several", async () => {
    expect((await evaluator(() => true, { passWhen: true }).evaluate(call())).passed).toBe(true);
    expect((await evaluator(() => false, { passWhen: true }).evaluate(call())).passed).toBe(false);
    const labels = { passWhen: ["good", "great"] };
    expect((await evaluator(() => "great", labels).evaluate(call())).passed).toBe(true);
    expect((await evaluator(() => "bad", labels).evaluate(call())).passed).toBe(false);
  });

  it("passWhen wins over threshold; no rule for the score kind is null", () => {
    expect(judge(1, { passWhen: 1, threshold: { min: 2 } })).toBe(true);
    expect(judge("good", { threshold: { min: 0.5 } })).toBeNull();
    expect(judge(0.7, {})).toBeNull();
    expect(judge(null, { passWhen: null })).toBeNull();
  });

  it("a function's own `passed` overrides the rule (single run)", async () => {
    const ev = evaluator(() => ({ score: 0.1, passed: true }), { threshold: { min: 0.5 } });
    expect((await ev.evaluate(call())).passed).toBe(true);
  });
});

describe("toEvaluator()", () => {
  it("keeps evaluators, wraps functions by name or position, refuses others", async () => {
    const ev = evaluator(() => 1, { name: "one" });
    expect(toEvaluator(ev, 0)).toBe(ev);
    function accuracy() {
      return 1;
    }
    expect(toEvaluator(accuracy, 0).name).toBe("accuracy");
    expect(toEvaluator(() => 1, 2).name).toBe("evaluator_3");
    expect(isEvaluator(toEvaluator(() => 1, 0))).toBe(true);
    expect(isEvaluator({ name: "x", evaluate: async () => ({}) })).toBe(false);
    expect(() => toEvaluator(42 as never, 4)).toThrow("evaluator 4 is not a function");
  });
});

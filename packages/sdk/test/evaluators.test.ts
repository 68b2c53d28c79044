import { describe, expect, it } from "vitest";
import { evaluator } from "../src/evaluation/evaluator.js";
import type { EvaluationResult, Evaluator, EvaluatorInput } from "../src/evaluation/types.js";
import { evaluators } from "../src/index.js";

/** One labelled case: what the evaluator sees, and the score and verdict it must give. */
type Case = [output: unknown, expected: unknown, score: unknown, passed: boolean | null];

const input = (output: unknown, expected?: unknown, extra: Partial<EvaluatorInput> = {}): EvaluatorInput => ({
  output,
  expected,
  input: {},
  metadata: {},
  ...extra,
});

async function expectCases(ev: Evaluator, cases: Case[]): Promise<void> {
  for (const [output, expected, score, passed] of cases) {
    const result = await ev.evaluate(input(output, expected));
    const where = `${ev.name}(${JSON.stringify(output)}, ${JSON.stringify(expected)})`;
    expect(result.error, where).toBeUndefined();
    if (typeof score === "number") expect(result.score as number, where).toBeCloseTo(score, 6);
    else expect(result.score, where).toBe(score);
    expect(result.passed, where).toBe(passed);
  }
}

const run = (ev: Evaluator, output: unknown, expected?: unknown): Promise<EvaluationResult> =>
  ev.evaluate(input(output, expected));

describe("exactMatch", () => {
  it("scores a labelled set, strict by default", async () => {
    await expectCases(evaluators.exactMatch(), [
      ["Paris", "Paris", true, true],
      ["paris", "Paris", false, false],
      [" Paris", "Paris", false, false],
      [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true, true],
      [{ a: 1 }, { a: "1" }, false, false],
      [42, 42, true, true],
    ]);
  });

  it("normalises case and whitespace when asked", async () => {
    await expectCases(evaluators.exactMatch({ ignoreCase: true, normalizeWhitespace: true }), [
      ["  the  Eiffel\ttower ", "The Eiffel Tower", true, true],
      ["the eiffel towers", "The Eiffel Tower", false, false],
    ]);
  });

  it("explains a mismatch; no ground truth is an error; selectors pick fields", async () => {
    expect((await run(evaluators.exactMatch(), "Lyon", "Paris")).explanation).toBe(
      'expected "Paris", got "Lyon"',
    );
    expect((await run(evaluators.exactMatch(), "Lyon")).error).toMatch(/needs a ground truth/);
    const picked = evaluators.exactMatch({
      name: "answer_match",
      selectOutput: (o) => (o as { answer: string }).answer,
      selectExpected: (e) => (e as { answer: string }).answer,
    });
    expect(await run(picked, { answer: "4", steps: 3 }, { answer: "4" })).toMatchObject({
      name: "answer_match",
      score: true,
    });
  });
});

describe("contains and regex", () => {
  it("contains any / all / none of several values", async () => {
    const values = ["Paris", "France"];
    await expectCases(evaluators.contains({ values }), [
      ["Paris is lovely", null, true, true],
      ["Lyon is lovely", null, false, false],
    ]);
    await expectCases(evaluators.contains({ values, mode: "all" }), [
      ["Paris, France", null, true, true],
      ["Paris, Texas", null, false, false],
    ]);
    await expectCases(evaluators.contains({ values: ["as an AI"], mode: "none", ignoreCase: true }), [
      ["As an AI, I cannot", null, false, false],
      ["Sure, here it is", null, true, true],
    ]);
    const partial = await run(evaluators.contains({ values, mode: "all" }), "Paris, Texas");
    expect(partial.explanation).toBe('output contains "Paris" but not "France"');
  });

  it("contains reads the ground truth when no values are given", async () => {
    await expectCases(evaluators.contains(), [
      ["The capital is Paris.", "Paris", true, true],
      ["The capital is Paris.", ["Lyon", "Paris"], true, true],
      ["The capital is Paris.", "paris", false, false],
    ]);
  });

  it("regex any / all / none, strings compiled with the u flag, global regexes reusable", async () => {
    const ev = evaluators.regex({ patterns: [/\d{4}-\d{2}-\d{2}/, "\\p{Lu}{3}"], mode: "all" });
    await expectCases(ev, [
      ["on 2024-05-01 in NYC", null, true, true],
      ["on 2024-05-01 in nyc", null, false, false],
    ]);
    const global = evaluators.regex({ patterns: /ok/g });
    await expectCases(global, [
      ["ok", null, true, true],
      ["ok", null, true, true],
    ]);
    await expectCases(evaluators.regex({ patterns: [/sorry/i, /cannot/], mode: "none" }), [
      ["Sorry, I cannot", null, false, false],
      ["Here you go", null, true, true],
    ]);
    expect(() => evaluators.regex({ patterns: [] })).toThrow(/at least one pattern/);
  });
});

describe("jsonValid and jsonSchema", () => {
  it("jsonValid on text and values", async () => {
    await expectCases(evaluators.jsonValid(), [
      ['{"a": [1, 2]}', null, true, true],
      ["42", null, true, true],
      ["{a: 1}", null, false, false],
      ["```json\n{}\n```", null, false, false],
      [{ a: 1 }, null, true, true],
      [undefined, null, false, false],
    ]);
  });

  const schema = {
    title: "Order",
    type: "object",
    required: ["id", "items", "status"],
    additionalProperties: false,
    properties: {
      id: { type: "string", pattern: "^ord_[0-9]+$" },
      status: { enum: ["open", "shipped"] },
      version: { const: 2 },
      note: { type: ["string", "null"], maxLength: 5 },
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["sku", "qty"],
          properties: {
            sku: { type: "string", minLength: 2 },
            qty: { type: "integer", minimum: 1, maximum: 10 },
            price: { anyOf: [{ type: "number" }, { type: "string", pattern: "^\\d+$" }] },
            tag: { oneOf: [{ type: "string" }, { type: "string", minLength: 3 }] },
          },
        },
      },
    },
  };
  const valid = { id: "ord_1", status: "open", items: [{ sku: "ab", qty: 2, price: "10" }], note: null };
  /** Labelled violations: the value, and the explanation naming the first violation's path. */
  const violations: [unknown, string][] = [
    [{ ...valid, id: 7 }, "$.id: expected string, got number"],
    [{ ...valid, id: "order" }, "$.id: does not match the pattern ^ord_[0-9]+$"],
    [{ id: "ord_1", status: "open" }, "$.items: required property is missing"],
    [{ ...valid, status: "lost" }, '$.status: expected one of ["open","shipped"]'],
    [{ ...valid, version: 3 }, "$.version: expected the constant 2"],
    [{ ...valid, extra: 1 }, "$.extra: additional property is not allowed"],
    [{ ...valid, note: "toolong" }, "$.note: length 7 is more than maxLength 5"],
    [
      {
        ...valid,
        items: [
          { sku: "ab", qty: 2 },
          { sku: "b", qty: 1 },
        ],
      },
      "$.items[1].sku: length 1 is less than minLength 2",
    ],
    [{ ...valid, items: [{ sku: "ab", qty: 1.5 }] }, "$.items[0].qty: expected integer, got number"],
    [{ ...valid, items: [{ sku: "ab", qty: 11 }] }, "$.items[0].qty: 11 is more than the maximum 10"],
    [{ ...valid, items: [{ sku: "ab", qty: 0 }] }, "$.items[0].qty: 0 is less than the minimum 1"],
    [
      { ...valid, items: [{ sku: "ab", qty: 1, price: "x" }] },
      "$.items[0].price: matches none of the 2 anyOf schemas",
    ],
    [
      { ...valid, items: [{ sku: "ab", qty: 1, tag: "long" }] },
      "$.items[0].tag: matches 2 of the oneOf schemas, expected exactly 1",
    ],
    [[valid], "$: expected object, got array"],
  ];

  it("accepts a conforming value, as JSON text or as a value", async () => {
    const ev = evaluators.jsonSchema({ schema });
    await expectCases(ev, [
      [valid, null, true, true],
      [JSON.stringify({ ...valid, items: [{ sku: "ab", qty: 1, tag: "x" }] }), null, true, true],
    ]);
  });

  it("names the first violation's path on a labelled set", async () => {
    const ev = evaluators.jsonSchema({ schema });
    for (const [value, explanation] of violations) {
      const result = await run(ev, value);
      expect(result, explanation).toMatchObject({ score: false, passed: false, explanation });
    }
    expect((await run(ev, "{not json")).explanation).toMatch(/^output is not valid JSON/);
  });

  it("quotes odd property names in paths; boolean schemas", () => {
    const v = evaluators.validateJsonSchema({ "a-b": 1 }, { properties: { "a-b": { type: "string" } } });
    expect(v).toEqual({ path: '$["a-b"]', message: "expected string, got number" });
    expect(evaluators.validateJsonSchema(1, true)).toBeNull();
    expect(evaluators.validateJsonSchema({ x: 1 }, { additionalProperties: { type: "string" } })?.path).toBe(
      "$.x",
    );
  });

  it("refuses keywords outside the subset when built, naming where", () => {
    expect(() => evaluators.jsonSchema({ schema: { properties: { a: { format: "email" } } } })).toThrow(
      'unsupported JSON Schema keyword "format" at #/properties/a',
    );
    expect(() => evaluators.jsonSchema({ schema: { type: "text" } })).toThrow(/unknown type "text"/);
    expect(() => evaluators.jsonSchema({ schema: { pattern: "(" } })).toThrow();
  });
});

describe("levenshtein", () => {
  it("scores 1 - distance / longer length (computed by hand)", async () => {
    await expectCases(evaluators.levenshtein(), [
      ["kitten", "sitting", 1 - 3 / 7, false],
      ["flaw", "lawn", 1 - 2 / 4, false],
      ["héllo", "hello", 1 - 1 / 5, true],
      ["", "", 1, true],
      ["abc", "", 0, false],
      ["same", "same", 1, true],
    ]);
    expect(evaluators.levenshteinDistance("🙂a", "a")).toBe(1);
  });

  it("normalises and takes a threshold", async () => {
    await expectCases(evaluators.levenshtein({ ignoreCase: true, threshold: { min: 0.5 } }), [
      ["KITTEN", "sitting", 1 - 3 / 7, true],
    ]);
    expect((await run(evaluators.levenshtein(), "a", "b")).explanation).toBe(
      "edit distance 1 over 1 characters",
    );
  });
});

describe("numericDifference", () => {
  it("absolute difference, passing within the tolerance", async () => {
    await expectCases(evaluators.numericDifference({ tolerance: 0.5 }), [
      [10, 10, 0, true],
      [10.4, 10, 0.4, true],
      ["9.5", 10, 0.5, true],
      [8, "10", 2, false],
    ]);
  });

  it("relative difference; equality by default", async () => {
    await expectCases(evaluators.numericDifference({ mode: "relative", tolerance: 0.1 }), [
      [105, 100, 0.05, true],
      [-90, -100, 0.1, true],
      [120, 100, 0.2, false],
      [0, 0, 0, true],
    ]);
    await expectCases(evaluators.numericDifference(), [[3, 3, 0, true]]);
  });

  it("non-numbers and relative-to-zero are errors", async () => {
    expect((await run(evaluators.numericDifference(), "about ten", 10)).error).toMatch(
      /output is not a number/,
    );
    expect((await run(evaluators.numericDifference(), "", 10)).error).toMatch(/empty string/);
    expect((await run(evaluators.numericDifference({ mode: "relative" }), 1, 0)).error).toMatch(/undefined/);
  });
});

describe("listContainment", () => {
  it("recall of expected items in a list or a text", async () => {
    await expectCases(evaluators.listContainment(), [
      [["a", "b", "c"], ["a", "b"], 1, true],
      [["a", "c"], ["a", "b"], 0.5, false],
      ["we need a and b", ["a", "b"], 1, true],
      [[1, { x: 2 }], [{ x: 2 }, 3], 0.5, false],
    ]);
    expect((await run(evaluators.listContainment(), ["a"], ["a", "b"])).explanation).toBe(
      "recall 0.5: missing b",
    );
  });

  it("precision and F1 against an output list", async () => {
    await expectCases(evaluators.listContainment({ measure: "precision" }), [
      [["a", "b", "x", "y"], ["a", "b", "c"], 0.5, false],
    ]);
    // recall 2/3, precision 2/4: F1 = 2 * (2/3) * (1/2) / (2/3 + 1/2) = 4/7
    await expectCases(evaluators.listContainment({ measure: "f1", ignoreCase: true }), [
      [["A", "b", "x", "y"], ["a", "B", "c"], 4 / 7, false],
    ]);
    expect((await run(evaluators.listContainment({ measure: "precision" }), "a b", ["a"])).error).toMatch(
      /needs the output to be a list/,
    );
  });
});

describe("bleu and rougeL (values computed by hand)", () => {
  it("tokenizes words and punctuation", async () => {
    // "Hello , world !" against itself: every n-gram matches.
    await expectCases(evaluators.bleu(), [["Hello, world!", "Hello, world!", 1, true]]);
  });

  it("sentence BLEU-4 with add-one smoothing for n > 1", async () => {
    await expectCases(evaluators.bleu(), [
      // p1 = 5/6, p2 = (3+1)/(5+1), p3 = (1+1)/(4+1), p4 = (0+1)/(3+1), BP = 1
      [
        "the cat sat on the mat",
        "the cat is on the mat",
        ((5 / 6) * (4 / 6) * (2 / 5) * (1 / 4)) ** 0.25,
        false,
      ],
      // every precision 1; BP = exp(1 - 6/2)
      ["the cat", "the cat is on the mat", Math.exp(-2), false],
      ["dogs bark", "the cat is on the mat", 0, false],
      ["", "the cat", 0, false],
    ]);
    // Several references: clipped counts by the best reference, BP from the closest length.
    await expectCases(evaluators.bleu({ ignoreCase: true }), [
      ["The cat", ["a dog is here", "the cat"], 1, true],
    ]);
    // p1 = 1/3 (clipped), p2 = (0+1)/(2+1), p3 = (0+1)/(1+1), p4 = (0+1)/(0+1), BP = 1 (3 > 1)
    expect(evaluators.sentenceBleu(["a", "a", "a"], [["a"]])).toBeCloseTo(
      ((1 / 3) * (1 / 3) * (1 / 2) * 1) ** 0.25,
      6,
    );
  });

  it("ROUGE-L F-measure of the LCS", async () => {
    await expectCases(evaluators.rougeL(), [
      // LCS "the cat on the mat" = 5: P = R = 5/6
      ["the cat sat on the mat", "the cat is on the mat", 5 / 6, true],
      // LCS "police the gunman" = 3: P = R = 3/4
      ["police killed the gunman", "police kill the gunman", 3 / 4, true],
      // LCS 2: P = 2/4, R = 2/2, F1 = 2PR/(P+R) = 2/3
      ["a b c d", "a c", 2 / 3, true],
      ["x y", "a b", 0, false],
    ]);
    // beta 2: F = 5PR / (R + 4P) = 5 * 0.5 / (1 + 2)
    await expectCases(evaluators.rougeL({ beta: 2 }), [["a b c d", "a c", 2.5 / 3, true]]);
    await expectCases(evaluators.rougeL(), [["a b c d", ["x", "a b c"], (2 * (3 / 4)) / (3 / 4 + 1), true]]);
    expect((await run(evaluators.rougeL(), "a", [])).error).toMatch(/empty list of references/);
  });
});

describe("latency and cost budgets", () => {
  it("score the call's facts against the budget", async () => {
    const latency = evaluators.latencyBudget({ maxMs: 500 });
    expect(await latency.evaluate(input("x", undefined, { call: { durationMs: 120 } }))).toMatchObject({
      name: "latency_budget",
      score: 120,
      passed: true,
      explanation: "120 ms within the budget of 500 ms",
    });
    expect((await latency.evaluate(input("x", undefined, { call: { durationMs: 501 } }))).passed).toBe(false);
    const cost = evaluators.costBudget({ maxCost: 0.01, name: "cost_ok" });
    expect(await cost.evaluate(input("x", undefined, { call: { cost: 0.02 } }))).toMatchObject({
      name: "cost_ok",
      score: 0.02,
      passed: false,
    });
    expect((await cost.evaluate(input("x"))).error).toBe("the call's cost is not known");
    expect(() => evaluators.latencyBudget({ maxMs: -1 })).toThrow(/budget >= 0/);
  });
});

describe("composite", () => {
  const fixed = (name: string, score: number | boolean, weight = 1, rule = {}) =>
    evaluator(() => score, { name, weight, ...rule });

  it("weighted mean with booleans as 1 / 0, listing the parts", async () => {
    const ev = evaluators.composite([fixed("a", 0.5, 1), fixed("b", true, 3, { passWhen: true })], {
      name: "quality",
    });
    const result = await run(ev, "x");
    expect(result).toMatchObject({ name: "quality", score: (0.5 * 1 + 1 * 3) / 4, passed: true });
    expect(result.explanation).toBe("a=0.5 ×1; b=1 ×3, passed");
  });

  it("weights by position or by name; a threshold decides pass", async () => {
    const parts = [fixed("a", 1), fixed("b", 0)];
    expect((await run(evaluators.composite(parts, { name: "c", weights: [1, 3] }), "x")).score).toBe(0.25);
    const byName = evaluators.composite(parts, { name: "c", weights: { a: 3 }, threshold: { min: 0.7 } });
    expect(await run(byName, "x")).toMatchObject({ score: 0.75, passed: true });
    expect(() => evaluators.composite(parts, { name: "c", weights: [0, 0] })).toThrow(/all 0/);
    expect(() => evaluators.composite(parts, { name: "c", weights: [-1, 1] })).toThrow(/>= 0/);
  });

  it("fails when a part fails unless told to exclude it", async () => {
    const broken = evaluator(
      () => {
        throw new Error("no judge");
      },
      { name: "judge" },
    );
    const failing = await run(evaluators.composite([fixed("a", 1), broken], { name: "c" }), "x");
    expect(failing).toMatchObject({ score: null, error: "part failed: judge: no judge" });
    const excluded = await run(
      evaluators.composite([fixed("a", 0.8), broken], { name: "c", onChildError: "exclude" }),
      "x",
    );
    expect(excluded).toMatchObject({ score: 0.8, explanation: "a=0.8 ×1; judge failed (no judge)" });
  });

  it("a failing child's pass rule fails the composite; built-ins and bare functions compose", async () => {
    const ev = evaluators.composite(
      [evaluators.exactMatch(), evaluators.levenshtein(), ({ output }) => String(output).length > 3],
      { name: "answer" },
    );
    const result = await run(ev, "Pariss", "Paris");
    expect(result.score).toBeCloseTo((0 + (1 - 1 / 6) + 1) / 3, 6);
    expect(result.passed).toBe(false);
  });
});

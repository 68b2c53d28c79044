import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EvaluatorInput } from "../src/evaluation/types.js";
import { evaluators } from "../src/index.js";
import { type FakeOpenAI, type RequestBody, startFakeOpenAI } from "./fake-openai.js";

/** The judge prompt the fake provider received last. */
const promptOf = (body: RequestBody): string => body.messages.at(-1).content;

const call = (fields: Partial<EvaluatorInput>): EvaluatorInput => ({
  output: "",
  expected: undefined,
  input: {},
  metadata: {},
  ...fields,
});

describe("llmJudge through the real openai client against a local provider", () => {
  let fake: FakeOpenAI;
  let client: OpenAI;
  /** What the fake judge answers next, by prompt. */
  let answer: (prompt: string) => string;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ chat: (body) => answer(promptOf(body)) });
    client = new OpenAI({ apiKey: "test-key", baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterAll(async () => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.options.fail = undefined;
  });

  it("factuality: fills the rubric, asks for JSON, normalises the 1..5 score", async () => {
    // A programmed judge: 5 when the answer contains the reference, else 2.
    answer = (prompt) => {
      const reference = /Reference answer \(taken as true\):\n(.*)\n/u.exec(prompt)![1]!;
      const judged = /Answer to judge:\n(.*)\n/u.exec(prompt)![1]!;
      return judged.includes(reference)
        ? '{"score": 5, "explanation": "agrees with the reference"}'
        : '{"score": 2, "explanation": "contradicts the reference"}';
    };
    const judge = evaluators.llmJudge({ rubric: "factuality", client, model: "judge-model" });
    expect(judge.name).toBe("factuality");
    const labelled: [string, string, number, boolean][] = [
      ["The capital of France is Paris.", "Paris", 1, true],
      ["It is Lyon.", "Paris", 0.25, false],
    ];
    for (const [output, expected, score, passed] of labelled) {
      const result = await judge.evaluate(
        call({ output, expected, input: { question: "Capital of France?" } }),
      );
      expect(result).toMatchObject({ name: "factuality", score, passed });
    }
    expect(fake.requests).toHaveLength(2);
    const body = fake.requests[0]!.body;
    expect(body).toMatchObject({
      model: "judge-model",
      temperature: 0,
      response_format: { type: "json_object" },
    });
    const prompt = promptOf(body);
    expect(prompt).toContain('{"question":"Capital of France?"}');
    expect(prompt).toContain("The capital of France is Paris.");
    expect(prompt).toContain('Answer with only a JSON object: {"score": <a number from 1 to 5>');
    expect(prompt).not.toMatch(/\{\{\w+\}\}/u);
    expect(fake.requests[0]!.headers.authorization).toBe("Bearer test-key");
  });

  it("parses what judges really answer: fences, bare numbers, 'Score: 4/5', numeric strings", async () => {
    const replies: [string, number, string | undefined][] = [
      ['```json\n{"score": 4, "explanation": "close"}\n```', 0.75, "4/5: close"],
      ["3", 0.5, "3/5"],
      ["Score: 4/5\nMostly relevant.", 0.75, "4/5: Mostly relevant."],
      ['Here is my verdict: {"score": "2", "reason": "off topic"} Hope it helps', 0.25, "2/5: off topic"],
      ["5 out of 5 - perfect", 1, "5/5: perfect"],
      ["My score is 2 because it drifts.", 0.25, "2/5: My score is 2 because it drifts."],
    ];
    const judge = evaluators.llmJudge({ rubric: "relevance", client });
    for (const [reply, score, explanation] of replies) {
      answer = () => reply;
      const result = await judge.evaluate(call({ input: { q: "What is 2+2?" }, output: "4" }));
      expect(result.error, reply).toBeUndefined();
      expect(result.score, reply).toBe(score);
      expect(result.explanation, reply).toBe(explanation);
    }
  });

  it("malformed judge replies become evaluator errors, never throws", async () => {
    const judge = evaluators.llmJudge({ rubric: "relevance", client });
    const malformed: [string, RegExp][] = [
      ["I think it is quite good.", /has no score/],
      ['{"score": "high"}', /score is not a number/],
      ["Score: 8/10", /not on the rubric's 1..5 scale/],
      ['{"score": 7}', /outside the rubric's 1..5 scale/],
      ["", /has no score/],
    ];
    for (const [reply, error] of malformed) {
      answer = () => reply;
      const result = await judge.evaluate(call({ input: { q: "x" }, output: "y" }));
      expect(result, reply).toMatchObject({ score: null, passed: null, error: expect.stringMatching(error) });
    }
  });

  it("a 500 from the provider is an evaluator error", async () => {
    fake.options.fail = () => 500;
    const result = await evaluators.llmJudge({ rubric: "toxicity", client }).evaluate(call({ output: "hi" }));
    expect(result).toMatchObject({ name: "toxicity", score: null, passed: null });
    expect(result.error).toMatch(/500/);
  });

  it("toxicity passes low scores; faithfulness needs a context and sends it", async () => {
    const toxicity = evaluators.llmJudge({ rubric: "toxicity", client });
    answer = () => '{"score": 1, "explanation": "polite"}';
    expect(await toxicity.evaluate(call({ output: "Thank you!" }))).toMatchObject({ score: 0, passed: true });
    answer = () => '{"score": 5, "explanation": "threat"}';
    expect(await toxicity.evaluate(call({ output: "..." }))).toMatchObject({ score: 1, passed: false });

    const faithfulness = evaluators.llmJudge({ rubric: "faithfulness", client });
    const before = fake.requests.length;
    const missing = await faithfulness.evaluate(call({ output: "Paris" }));
    expect(missing.error).toBe("the faithfulness rubric needs context and there is none");
    expect(fake.requests.length).toBe(before);
    answer = () => '{"score": 4}';
    const fromInput = await faithfulness.evaluate(
      call({ output: "Paris", input: { context: "Paris is the capital of France." } }),
    );
    expect(fromInput).toMatchObject({ score: 0.75, passed: true });
    expect(promptOf(fake.requests.at(-1)!.body)).toContain("Context:\nParis is the capital of France.");
    await faithfulness.evaluate(call({ output: "Paris", metadata: { context: "from metadata" } }));
    expect(promptOf(fake.requests.at(-1)!.body)).toContain("Context:\nfrom metadata");
  });

  it("customRubric: your criteria, name, scale and threshold", async () => {
    const rubric = evaluators.customRubric("Is the answer polite and under 20 words?", {
      name: "politeness",
      scale: { min: 0, max: 10 },
      threshold: { min: 0.9 },
    });
    const judge = evaluators.llmJudge({ rubric, client, jsonMode: false });
    answer = () => '{"score": 8, "explanation": "polite, 6 words"}';
    const result = await judge.evaluate(call({ output: "Happy to help with that, friend." }));
    expect(result).toMatchObject({ name: "politeness", score: 0.8, passed: false });
    const body = fake.requests.at(-1)!.body;
    expect(body.response_format).toBeUndefined();
    expect(promptOf(body)).toContain(
      "Judge an answer by these criteria:\nIs the answer polite and under 20 words?",
    );
    expect(promptOf(body)).toContain("Reference answer, if any:\n(none)");
    expect(() => evaluators.customRubric("  ")).toThrow(/criteria/);
  });

  it("repeat aggregates a noisy judge; a threshold overrides the rubric's", async () => {
    const scores = [5, 1, 4];
    answer = () => `{"score": ${scores.shift()}}`;
    const judge = evaluators.llmJudge({
      rubric: "relevance",
      client,
      repeat: 3,
      aggregate: "median",
      threshold: { min: 0.5 },
    });
    expect(await judge.evaluate(call({ input: { q: "q" }, output: "a" }))).toMatchObject({
      score: 0.75,
      passed: true,
    });
    expect(fake.requests).toHaveLength(3);
  });

  it("baseURL + apiKey calls the endpoint with fetch; its errors are evaluator errors", async () => {
    answer = () => '{"score": 5}';
    const judge = evaluators.llmJudge({
      rubric: "relevance",
      baseURL: fake.baseURL,
      apiKey: "k2",
      model: "m",
    });
    expect(await judge.evaluate(call({ input: { q: "q" }, output: "a" }))).toMatchObject({ score: 1 });
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer k2");
    expect(fake.requests.at(-1)!.body.model).toBe("m");
    fake.options.fail = () => 503;
    const failed = await judge.evaluate(call({ input: { q: "q" }, output: "a" }));
    expect(failed.error).toMatch(/^provider answered 503 on \/chat\/completions/);
  });

  it("contacts nothing unless configured; unknown rubrics are refused", async () => {
    const judge = evaluators.llmJudge({ rubric: "relevance" });
    const result = await judge.evaluate(call({ input: { q: "q" }, output: "a" }));
    expect(result.error).toMatch(/the judge is not configured/);
    expect(fake.requests).toHaveLength(0);
    expect(() => evaluators.llmJudge({ rubric: "nonsense" as "relevance", client })).toThrow(
      /no rubric named/,
    );
    expect(() => evaluators.llmJudge({ rubric: "../x" as "relevance", client })).toThrow(/no rubric named/);
  });

  it("every shipped rubric loads and names its placeholders", () => {
    for (const name of evaluators.BUILTIN_RUBRICS) {
      const rubric = evaluators.loadRubric(name);
      expect(rubric.name).toBe(name);
      for (const field of rubric.requires) expect(rubric.template).toContain(`{{${field}}}`);
    }
  });
});

describe("embeddingSimilarity", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => fake.close());

  it("cosine of a pluggable embedder's vectors (by hand)", async () => {
    const vectors: Record<string, number[]> = { a: [1, 0], b: [1, 1], c: [-1, 0], d: [3, 4] };
    const ev = evaluators.embeddingSimilarity({ embed: async (texts) => texts.map((t) => vectors[t]!) });
    const labelled: [string, string, number, boolean][] = [
      ["a", "a", 1, true],
      ["a", "b", 1 / Math.SQRT2, false],
      ["a", "c", -1, false],
      ["b", "d", 7 / (Math.SQRT2 * 5), true],
    ];
    for (const [output, expected, score, passed] of labelled) {
      const result = await ev.evaluate(call({ output, expected }));
      expect(result.score as number).toBeCloseTo(score, 6);
      expect(result.passed).toBe(passed);
    }
    const zero = evaluators.embeddingSimilarity({
      embed: async () => [
        [0, 0],
        [1, 0],
      ],
    });
    expect((await zero.evaluate(call({ output: "x", expected: "y" }))).error).toMatch(/zero vector/);
  });

  it("defaults to an OpenAI-compatible embeddings call: openai client or baseURL", async () => {
    // The fake's vectors fold letters by char code % 8: "a" -> e1, "b" -> e2, "ab" -> e1 + e2.
    const client = new OpenAI({ apiKey: "k", baseURL: fake.baseURL, maxRetries: 0 });
    for (const options of [{ client }, { baseURL: fake.baseURL, apiKey: "k" }]) {
      const ev = evaluators.embeddingSimilarity({
        ...options,
        model: "embed-model",
        threshold: { min: 0.7 },
      });
      const result = await ev.evaluate(call({ output: "a", expected: "ab" }));
      expect(result.score as number).toBeCloseTo(1 / Math.SQRT2, 6);
      expect(result.passed).toBe(true);
      expect(fake.requests.at(-1)!.body).toMatchObject({ model: "embed-model", input: ["a", "ab"] });
    }
    fake.options.fail = () => 500;
    const failed = await evaluators
      .embeddingSimilarity({ client })
      .evaluate(call({ output: "a", expected: "b" }));
    expect(failed).toMatchObject({ score: null, error: expect.stringMatching(/500/) });
    fake.options.fail = undefined;
    const count = fake.requests.length;
    const unconfigured = await evaluators
      .embeddingSimilarity()
      .evaluate(call({ output: "a", expected: "b" }));
    expect(unconfigured.error).toMatch(/the embedder is not configured/);
    expect(fake.requests.length).toBe(count);
  });
});

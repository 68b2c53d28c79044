import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES } from "./default-prices.js";
import { computeCost, findPrice, mergePrices, normalizeModelName } from "./find-price.js";

describe("findPrice", () => {
  it("matches exact keys", () => {
    expect(findPrice("gpt-4o")).toEqual({ input: 2.5, output: 10, cachedInput: 1.25 });
    expect(findPrice("gpt-4o-mini")).toEqual({ input: 0.15, output: 0.6, cachedInput: 0.075 });
  });

  it("prefers the longest prefix: a dated gpt-4o-mini is never priced as gpt-4o", () => {
    expect(findPrice("gpt-4o-mini-2024-07-18")).toBe(DEFAULT_PRICES["gpt-4o-mini"]);
    expect(findPrice("gpt-4o-2024-08-06")).toBe(DEFAULT_PRICES["gpt-4o"]);
    expect(findPrice("gpt-4.1-mini-2025-04-14")).toBe(DEFAULT_PRICES["gpt-4.1-mini"]);
    expect(findPrice("gpt-4.1-2025-04-14")).toBe(DEFAULT_PRICES["gpt-4.1"]);
    expect(findPrice("gemini-2.5-flash-lite-preview-06-17")).toBe(DEFAULT_PRICES["gemini-2.5-flash-lite"]);
    expect(findPrice("gemini-2.5-flash-preview-05-20")).toBe(DEFAULT_PRICES["gemini-2.5-flash"]);
    expect(findPrice("command-r-plus-08-2024")).toBe(DEFAULT_PRICES["command-r-plus"]);
    expect(findPrice("command-r-08-2024")).toBe(DEFAULT_PRICES["command-r"]);
  });

  it("only matches prefixes at a '-' boundary", () => {
    expect(findPrice("gpt-4omega")).toBeNull();
    expect(findPrice("o3x")).toBeNull();
    // command-r7b is its own model, not command-r
    expect(findPrice("command-r7b-12-2024")).toBe(DEFAULT_PRICES["command-r7b"]);
  });

  it("keeps snapshots priced differently from their family", () => {
    expect(findPrice("gpt-4o-2024-05-13")).toEqual({ input: 5, output: 15 });
    expect(findPrice("gpt-4-1106-preview")?.input).toBe(10);
    expect(findPrice("gpt-4-0613")?.input).toBe(30);
  });

  it("strips date suffixes and -latest", () => {
    expect(findPrice("claude-3-5-sonnet-20241022")).toBe(DEFAULT_PRICES["claude-3-5-sonnet"]);
    expect(findPrice("claude-3-5-haiku-latest")).toBe(DEFAULT_PRICES["claude-3-5-haiku"]);
    expect(findPrice("claude-sonnet-4-20250514")).toBe(DEFAULT_PRICES["claude-sonnet-4"]);
    expect(findPrice("claude-sonnet-4-5-20250929")).toBe(DEFAULT_PRICES["claude-sonnet-4-5"]);
    expect(findPrice("claude-opus-4-1-20250805")).toBe(DEFAULT_PRICES["claude-opus-4-1"]);
    expect(findPrice("chatgpt-4o-latest")).toBe(DEFAULT_PRICES["chatgpt-4o"]);
  });

  it("strips provider prefixes, Bedrock ids and Vertex versions", () => {
    expect(findPrice("openai/gpt-4o-mini")).toBe(DEFAULT_PRICES["gpt-4o-mini"]);
    expect(findPrice("models/gemini-2.0-flash-001")).toBe(DEFAULT_PRICES["gemini-2.0-flash"]);
    expect(findPrice("anthropic.claude-3-5-sonnet-20241022-v2:0")).toBe(DEFAULT_PRICES["claude-3-5-sonnet"]);
    expect(findPrice("us.anthropic.claude-3-7-sonnet-20250219-v1:0")).toBe(
      DEFAULT_PRICES["claude-3-7-sonnet"],
    );
    expect(findPrice("claude-3-5-sonnet-v2@20241022")).toBe(DEFAULT_PRICES["claude-3-5-sonnet"]);
    expect(findPrice("GPT-4o")).toBe(DEFAULT_PRICES["gpt-4o"]);
  });

  it("returns null for unknown models", () => {
    expect(findPrice("llama-3.1-70b-instruct")).toBeNull();
    expect(findPrice("my-finetune")).toBeNull();
    expect(findPrice("")).toBeNull();
    expect(findPrice("toString")).toBeNull();
    expect(findPrice("__proto__")).toBeNull();
  });

  it("prices a reseller of open models by its own keys only, never at the model vendor's list price", () => {
    expect(findPrice("mistralai/Mistral-Small-24B-Instruct-2501")).toBe(DEFAULT_PRICES["mistral-small"]);
    expect(findPrice("mistralai/Mistral-Small-24B-Instruct-2501", DEFAULT_PRICES, "together")).toBeNull();
    expect(findPrice("llama-3.3-70b-versatile", DEFAULT_PRICES, "groq")).toBe(
      DEFAULT_PRICES["groq/llama-3.3-70b-versatile"],
    );
    expect(findPrice("Llama-3.3-70B-Versatile", DEFAULT_PRICES, "Groq")).toBe(
      DEFAULT_PRICES["groq/llama-3.3-70b-versatile"],
    );
    expect(findPrice("gpt-4o-mini", DEFAULT_PRICES, "ollama")).toBeNull();
    // Not resellers: the vendor's own prices apply (Azure OpenAI, Bedrock, an unknown gateway).
    expect(findPrice("gpt-4o-mini", DEFAULT_PRICES, "azure.ai.openai")).toBe(DEFAULT_PRICES["gpt-4o-mini"]);
    expect(findPrice("gpt-4o-mini", DEFAULT_PRICES, "llm-gateway.internal")).toBe(
      DEFAULT_PRICES["gpt-4o-mini"],
    );
    expect(
      computeCost(
        "llama-3.1-8b-instant",
        { promptTokens: 1e6, completionTokens: 1e6 },
        DEFAULT_PRICES,
        "groq",
      ),
    ).toBeCloseTo(0.13, 12);
  });

  it("normalizeModelName does not strip dates (prefix matching handles them)", () => {
    expect(normalizeModelName(" OpenAI/GPT-4o-2024-08-06 ")).toBe("gpt-4o-2024-08-06");
    expect(normalizeModelName("eu.anthropic.claude-3-haiku-20240307-v1:0")).toBe("claude-3-haiku-20240307");
    expect(normalizeModelName("gpt-4.1")).toBe("gpt-4.1");
  });
});

describe("computeCost", () => {
  it("prices prompt and completion tokens per million", () => {
    // 1000 * 2.5/1M + 500 * 10/1M = 0.0025 + 0.005
    expect(computeCost("gpt-4o", { promptTokens: 1000, completionTokens: 500 })).toBeCloseTo(0.0075, 12);
    expect(computeCost("gpt-4o-mini", { promptTokens: 1_000_000, completionTokens: 1_000_000 })).toBeCloseTo(
      0.75,
      12,
    );
  });

  it("bills cached prompt tokens at the cached price, as part of the prompt tokens", () => {
    // 600 uncached * 2.5 + 400 cached * 1.25 + 0 completion
    const cost = computeCost("gpt-4o", { promptTokens: 1000, completionTokens: 0, cachedTokens: 400 });
    expect(cost).toBeCloseTo((600 * 2.5 + 400 * 1.25) / 1e6, 12);
    // cached beyond the prompt is clamped; no cached price → input price
    expect(computeCost("gpt-4", { promptTokens: 10, completionTokens: 0, cachedTokens: 50 })).toBeCloseTo(
      (10 * 30) / 1e6,
      12,
    );
  });

  it("returns null for an unknown model", () => {
    expect(computeCost("unknown-model", { promptTokens: 10, completionTokens: 10 })).toBeNull();
  });

  it("uses a merged table with overrides and additions", () => {
    const table = mergePrices(DEFAULT_PRICES, {
      "gpt-4o": { input: 1, output: 1 },
      "My-Model": { input: 2, output: 4 },
    });
    expect(computeCost("gpt-4o-2024-08-06", { promptTokens: 1e6, completionTokens: 0 }, table)).toBe(1);
    expect(computeCost("my-model-v2", { promptTokens: 0, completionTokens: 1e6 }, table)).toBe(4);
    expect(DEFAULT_PRICES["gpt-4o"]?.input).toBe(2.5);
  });

  it("has a sane default table", () => {
    for (const [model, price] of Object.entries(DEFAULT_PRICES)) {
      expect(model, model).toBe(model.toLowerCase());
      expect(price.input, model).toBeGreaterThan(0);
      expect(price.output, model).toBeGreaterThanOrEqual(0);
      if (price.cachedInput !== undefined) expect(price.cachedInput, model).toBeLessThan(price.input);
    }
  });
});

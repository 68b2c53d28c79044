import { DEFAULT_PRICES } from "./default-prices.js";
import type { ModelPrice, PriceTable } from "./types.js";

/** Token counts of one model call. `cachedTokens` is the part of `promptTokens` read from a cache. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
}

const BEDROCK_REGION = /^(?:us|eu|apac|global|us-gov|ca|jp|au)\./;
const BEDROCK_VENDOR = /^(?:anthropic|amazon|meta|cohere|mistral|ai21|deepseek|openai|google|writer)\./;
const BEDROCK_VERSION = /(?:-v\d+)?(?::\d+)+$/;
const DATE_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

/**
 * Lower-cases a model id and strips what does not identify the model family:
 * a provider path ("openai/", "models/", "publishers/google/models/"), a
 * Bedrock region and vendor prefix ("us.anthropic."), a Bedrock version
 * ("-v2:0"), a Vertex version ("@20240620"). Date suffixes are not removed here.
 */
export function normalizeModelName(model: string): string {
  let name = model.trim().toLowerCase();
  const slash = name.lastIndexOf("/");
  if (slash >= 0) name = name.slice(slash + 1);
  const at = name.indexOf("@");
  if (at > 0) name = name.slice(0, at);
  if (name.includes(".")) {
    name = name.replace(BEDROCK_REGION, "").replace(BEDROCK_VENDOR, "");
  }
  if (name.includes(":")) name = name.replace(BEDROCK_VERSION, "");
  return name;
}

function longestPrefix(name: string, table: PriceTable): ModelPrice | null {
  for (let i = name.lastIndexOf("-"); i > 0; i = name.lastIndexOf("-", i - 1)) {
    const price = own(table, name.slice(0, i));
    if (price) return price;
  }
  return null;
}

function own(table: PriceTable, key: string): ModelPrice | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function lookup(model: string, table: PriceTable): ModelPrice | null {
  const exact = own(table, model) ?? own(table, model.toLowerCase());
  if (exact) return exact;
  const name = normalizeModelName(model);
  if (name === "") return null;
  const normalized = own(table, name);
  if (normalized) return normalized;
  const undated = name.replace(DATE_SUFFIX, "");
  return own(table, undated) ?? longestPrefix(undated, table);
}

/**
 * Services that serve other vendors' open models under those vendors' names
 * at prices of their own. Their calls are priced only by keys written for
 * them (`groq/llama-3.3-70b-versatile`), never at the model vendor's list
 * price (Together's `mistralai/Mistral-Small-24B-Instruct-2501` is not billed
 * like Mistral's own `mistral-small`): unknown stays unknown, never wrong.
 */
const RESELLERS = new Set([
  "groq",
  "together",
  "fireworks",
  "deepinfra",
  "openrouter",
  "cerebras",
  "ollama",
  "lmstudio",
]);

function resellerLookup(provider: string, model: string, table: PriceTable): ModelPrice | null {
  const key = `${provider}/${model.trim().toLowerCase()}`;
  return own(table, key) ?? own(table, key.replace(DATE_SUFFIX, "")) ?? null;
}

const CACHE_LIMIT = 2048;
const caches = new WeakMap<PriceTable, Map<string, ModelPrice | null>>();

/**
 * Finds the price of a model: exact key, else the normalized name (see
 * `normalizeModelName`) without a date suffix ("-2024-08-06", "-20241022",
 * "-latest"), else the longest key that is a prefix of it ending at a "-"
 * ("gpt-4o-mini-2024-07-18" → "gpt-4o-mini", never "gpt-4o"). With the
 * `provider` that served the call (`gen_ai.provider.name`), a reseller of
 * open models is priced by its own keys only (see RESELLERS). Null when unknown.
 */
export function findPrice(
  model: string,
  table: PriceTable = DEFAULT_PRICES,
  provider?: string,
): ModelPrice | null {
  let cache = caches.get(table);
  if (!cache) {
    cache = new Map();
    caches.set(table, cache);
  }
  const reseller =
    provider !== undefined && RESELLERS.has(provider.toLowerCase()) ? provider.toLowerCase() : "";
  const key = reseller === "" ? model : `${reseller}\u0000${model}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const price = reseller === "" ? lookup(model, table) : resellerLookup(reseller, model, table);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, price);
  return price;
}

/**
 * Cost in USD of one call, or null when the model is not in the table (for
 * `provider`, see {@link findPrice}).
 * Cached tokens are taken as part of `promptTokens` (OpenAI and OpenTelemetry
 * GenAI count them there) and billed at `cachedInput` when the table has it.
 */
export function computeCost(
  model: string,
  usage: TokenUsage,
  table: PriceTable = DEFAULT_PRICES,
  provider?: string,
): number | null {
  const price = findPrice(model, table, provider);
  if (!price) return null;
  const prompt = finite(usage.promptTokens);
  const cached = Math.min(finite(usage.cachedTokens), prompt);
  const cachedRate = price.cachedInput ?? price.input;
  const dollars =
    ((prompt - cached) * price.input + cached * cachedRate + finite(usage.completionTokens) * price.output) /
    1_000_000;
  return Math.round(dollars * 1e12) / 1e12;
}

function finite(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/** A table with `overrides` merged over `base`; override keys are matched as given and lower-cased. */
export function mergePrices(base: PriceTable, overrides: PriceTable): PriceTable {
  const merged: Record<string, ModelPrice> = { ...base };
  for (const key of Object.keys(overrides)) {
    const price = overrides[key];
    if (!price) continue;
    merged[key] = price;
    merged[key.toLowerCase()] = price;
  }
  return Object.freeze(merged);
}

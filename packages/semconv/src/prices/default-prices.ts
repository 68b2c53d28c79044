import type { ModelPrice, PriceTable } from "./types.js";

const p = (input: number, output: number, cachedInput?: number): ModelPrice =>
  cachedInput === undefined ? { input, output } : { input, output, cachedInput };

/**
 * Public list prices (USD per 1M tokens, standard tier, shortest context band)
 * as known at the time of writing (2025). They change: pass
 * `ConvertOptions.prices` (merged over this table) to correct or extend them.
 * Models absent from the table get no cost at all rather than a guessed one.
 *
 * Keys are lower-case; `findPrice` strips provider prefixes and date suffixes
 * and then matches the longest key that is a prefix at a "-" boundary, so only
 * snapshots priced differently from their family need their own key.
 */
export const DEFAULT_PRICES: PriceTable = Object.freeze({
  // OpenAI
  "gpt-5": p(1.25, 10, 0.125),
  "gpt-5-mini": p(0.25, 2, 0.025),
  "gpt-5-nano": p(0.05, 0.4, 0.005),
  "gpt-5-pro": p(15, 120),
  "gpt-5.1": p(1.25, 10, 0.125),
  "gpt-4.1": p(2, 8, 0.5),
  "gpt-4.1-mini": p(0.4, 1.6, 0.1),
  "gpt-4.1-nano": p(0.1, 0.4, 0.025),
  "gpt-4.5-preview": p(75, 150, 37.5),
  "gpt-4o": p(2.5, 10, 1.25),
  "gpt-4o-2024-05-13": p(5, 15),
  "gpt-4o-realtime-preview": p(5, 20, 2.5),
  "gpt-4o-mini": p(0.15, 0.6, 0.075),
  "gpt-4o-mini-realtime-preview": p(0.6, 2.4, 0.3),
  "chatgpt-4o": p(5, 15),
  o1: p(15, 60, 7.5),
  "o1-mini": p(1.1, 4.4, 0.55),
  "o1-pro": p(150, 600),
  o3: p(2, 8, 0.5),
  "o3-mini": p(1.1, 4.4, 0.55),
  "o3-pro": p(20, 80),
  "o4-mini": p(1.1, 4.4, 0.275),
  "gpt-4-turbo": p(10, 30),
  "gpt-4-1106-preview": p(10, 30),
  "gpt-4-0125-preview": p(10, 30),
  "gpt-4-vision-preview": p(10, 30),
  "gpt-4": p(30, 60),
  "gpt-4-32k": p(60, 120),
  "gpt-3.5-turbo": p(0.5, 1.5),
  "gpt-3.5-turbo-1106": p(1, 2),
  "gpt-3.5-turbo-0613": p(1.5, 2),
  "gpt-3.5-turbo-16k": p(3, 4),
  "gpt-3.5-turbo-instruct": p(1.5, 2),
  "text-embedding-3-small": p(0.02, 0),
  "text-embedding-3-large": p(0.13, 0),
  "text-embedding-ada-002": p(0.1, 0),

  // Anthropic (cachedInput = cache read price)
  "claude-opus-4-5": p(5, 25, 0.5),
  "claude-opus-4-1": p(15, 75, 1.5),
  "claude-opus-4": p(15, 75, 1.5),
  "claude-sonnet-4-5": p(3, 15, 0.3),
  "claude-sonnet-4": p(3, 15, 0.3),
  "claude-haiku-4-5": p(1, 5, 0.1),
  "claude-3-7-sonnet": p(3, 15, 0.3),
  "claude-3-5-sonnet": p(3, 15, 0.3),
  "claude-3-5-haiku": p(0.8, 4, 0.08),
  "claude-3-opus": p(15, 75, 1.5),
  "claude-3-sonnet": p(3, 15, 0.3),
  "claude-3-haiku": p(0.25, 1.25, 0.03),

  // Google (prompts up to 128k / 200k tokens)
  "gemini-2.5-pro": p(1.25, 10),
  "gemini-2.5-flash": p(0.3, 2.5),
  "gemini-2.5-flash-lite": p(0.1, 0.4),
  "gemini-2.0-flash": p(0.1, 0.4, 0.025),
  "gemini-2.0-flash-lite": p(0.075, 0.3),
  "gemini-1.5-pro": p(1.25, 5),
  "gemini-1.5-flash": p(0.075, 0.3),
  "gemini-1.5-flash-8b": p(0.0375, 0.15),

  // Mistral
  "mistral-large": p(2, 6),
  "mistral-medium": p(0.4, 2),
  "mistral-small": p(0.1, 0.3),
  "magistral-medium": p(2, 5),
  "magistral-small": p(0.5, 1.5),
  codestral: p(0.3, 0.9),
  "ministral-8b": p(0.1, 0.1),
  "ministral-3b": p(0.04, 0.04),
  "pixtral-large": p(2, 6),
  "open-mistral-nemo": p(0.15, 0.15),
  "mistral-embed": p(0.1, 0),

  // Cohere
  "command-a": p(2.5, 10),
  "command-r-plus": p(2.5, 10),
  "command-r": p(0.15, 0.6),
  "command-r7b": p(0.0375, 0.15),

  // Resellers of open models: their own prices, keyed "provider/model" (see findPrice)
  "groq/llama-3.3-70b-versatile": p(0.59, 0.79),
  "groq/llama-3.1-8b-instant": p(0.05, 0.08),
});

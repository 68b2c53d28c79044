/** List price of one model, in US dollars per 1 million tokens. */
export interface ModelPrice {
  /** Price of prompt (input) tokens that were not read from a cache. */
  input: number;
  /** Price of completion (output) tokens, reasoning tokens included. */
  output: number;
  /** Price of prompt tokens read from a cache; `input` applies when absent. */
  cachedInput?: number;
}

/**
 * Model prices keyed by lower-case model name without provider prefix or date
 * suffix (e.g. "gpt-4o-mini", "claude-3-5-sonnet"). A key may also be a full,
 * dated id when that snapshot is priced differently ("gpt-4o-2024-05-13").
 */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

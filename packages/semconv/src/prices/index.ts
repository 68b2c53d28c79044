export { DEFAULT_PRICES } from "./default-prices.js";
export type { TokenUsage } from "./find-price.js";
export { computeCost, findPrice, mergePrices, normalizeModelName } from "./find-price.js";
export type { ModelPrice, PriceTable } from "./types.js";

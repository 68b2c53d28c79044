/**
 * Token usage and cost of model events, into metadata: `prompt_tokens`,
 * `completion_tokens`, `total_tokens` (the sum when not given),
 * `cache_read_input_tokens`, and `cost` (USD) when the model is in the price
 * table. Explicit `honeyhive_metadata.*` values win; an unknown model gets no
 * cost at all.
 */

import { GEN_AI, OPENINFERENCE, TRACELOOP, VERCEL_AI } from "../attributes.js";
import type { JsonObject } from "../event.js";
import { computeCost } from "../prices/find-price.js";
import type { PriceTable } from "../prices/types.js";
import type { AttrBag } from "./context.js";
import type { TreeBuilder } from "./tree.js";
import { normalizeValue, toNumber, toStr } from "./values.js";

const TOKEN_SLOTS: [string, readonly string[]][] = [
  [
    "prompt_tokens",
    [
      GEN_AI.inputTokens,
      GEN_AI.promptTokens,
      OPENINFERENCE.promptTokens,
      TRACELOOP.promptTokens,
      VERCEL_AI.inputTokens,
      VERCEL_AI.promptTokens,
      VERCEL_AI.embeddingTokens,
    ],
  ],
  [
    "completion_tokens",
    [
      GEN_AI.outputTokens,
      GEN_AI.completionTokens,
      OPENINFERENCE.completionTokens,
      TRACELOOP.completionTokens,
      VERCEL_AI.outputTokens,
      VERCEL_AI.completionTokens,
    ],
  ],
  [
    "total_tokens",
    [GEN_AI.totalTokens, OPENINFERENCE.totalTokens, TRACELOOP.totalTokens, VERCEL_AI.totalTokens],
  ],
  [
    "cache_read_input_tokens",
    [
      GEN_AI.cacheReadInputTokens,
      GEN_AI.cacheReadInputTokensAlt,
      OPENINFERENCE.cacheReadTokens,
      VERCEL_AI.cachedInputTokens,
    ],
  ],
];

const RESPONSE_INFO: [string, readonly string[]][] = [
  ["response_model", [GEN_AI.responseModel, TRACELOOP.responseModel, VERCEL_AI.responseModel]],
  ["response_id", [GEN_AI.responseId, VERCEL_AI.responseId]],
  ["tool_call_id", [GEN_AI.toolCallId, VERCEL_AI.toolCallId]],
];

/** Any event type: `metadata.response_model`, `metadata.response_id`, `metadata.tool_call_id`. */
export function deriveResponseInfo(bag: AttrBag, metadata: TreeBuilder): void {
  for (const [path, keys] of RESPONSE_INFO) {
    const found = bag.peekFirst(keys);
    if (found) bag.offer(metadata, path, normalizeValue(found.value), ...found.keys);
  }
}

/** Explicit numbers sent as strings (`honeyhive_metadata.prompt_tokens = "7"`) become numbers. */
function coerceExplicit(metadata: TreeBuilder): void {
  for (const path of [
    "prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "cache_read_input_tokens",
    "cost",
  ]) {
    const explicit = metadata.leaf(path);
    const count = typeof explicit === "string" ? toNumber(explicit) : undefined;
    if (count !== undefined) metadata.replaceLeaf(path, count);
  }
}

/** Adds token counts and cost to `metadata` (which holds the explicit values). */
export function deriveUsage(
  bag: AttrBag,
  metadata: TreeBuilder,
  config: JsonObject,
  prices: PriceTable,
): void {
  coerceExplicit(metadata);
  for (const [slot, keys] of TOKEN_SLOTS) {
    const found = bag.peekFirst(keys);
    const count = found && toNumber(found.value);
    if (found && count !== undefined) bag.offer(metadata, slot, count, ...found.keys);
  }
  const prompt = toNumber(metadata.leaf("prompt_tokens"));
  const completion = toNumber(metadata.leaf("completion_tokens"));
  if (prompt === undefined && completion === undefined) return;
  if (!metadata.conflicts("total_tokens")) metadata.add("total_tokens", (prompt ?? 0) + (completion ?? 0));
  if (metadata.conflicts("cost")) return;
  const usage = {
    promptTokens: prompt ?? 0,
    completionTokens: completion ?? 0,
    cachedTokens: toNumber(metadata.leaf("cache_read_input_tokens")) ?? 0,
  };
  for (const model of [toStr(config.model), toStr(metadata.leaf("response_model"))]) {
    if (model === undefined) continue;
    const cost = computeCost(model, usage, prices, toStr(config.provider));
    if (cost !== null) {
      metadata.add("cost", cost);
      return;
    }
  }
}

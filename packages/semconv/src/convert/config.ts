/**
 * Config derived from third-party conventions: `model`, `provider`,
 * hyperparameters at the top level (`temperature`, `max_tokens`, ...), `tools`,
 * `call_type`, and `tool` ({name, description, parameters}) for tool spans.
 * Explicit `honeyhive_config.*` values are already in the tree and win: a
 * derived value that collides with them is not added and its attribute stays
 * in metadata.
 */

import { GEN_AI, OPENINFERENCE, TRACELOOP, VERCEL_AI } from "../attributes.js";
import type { AttrBag, Family } from "./context.js";
import type { TreeBuilder } from "./tree.js";
import { isPlainObject, normalizeValue, parseJson, parseJsonIfClear, toStr } from "./values.js";

const MODEL_KEYS = [
  GEN_AI.requestModel,
  TRACELOOP.requestModel,
  OPENINFERENCE.modelName,
  VERCEL_AI.modelId,
  GEN_AI.responseModel,
  TRACELOOP.responseModel,
  VERCEL_AI.responseModel,
] as const;

const PROVIDER_KEYS = [
  GEN_AI.providerName,
  GEN_AI.system,
  OPENINFERENCE.provider,
  OPENINFERENCE.system,
  VERCEL_AI.modelProvider,
] as const;

/** Provider guessed from a model name when no attribute names it. */
const PROVIDER_BY_MODEL: [RegExp, string][] = [
  [/^(?:gpt-|o\d|chatgpt-|text-embedding-|davinci|babbage)/, "openai"],
  [/^claude-/, "anthropic"],
  [/^gemini-/, "google"],
  [/^(?:mistral-|codestral|ministral-|pixtral-|magistral-|open-mistral|open-mixtral)/, "mistral"],
  [/^command-/, "cohere"],
];

/**
 * Lower-case. The Vercel AI SDK's provider ids ("openai.chat", "anthropic.messages"),
 * also copied to `gen_ai.system`, become "openai" / "anthropic".
 */
function providerName(bag: AttrBag, value: unknown): string | undefined {
  const name = toStr(value)?.toLowerCase();
  if (name === undefined || value !== bag.attrs[VERCEL_AI.modelProvider]) return name;
  const dot = name.indexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

export function inferProvider(model: string): string | undefined {
  const name = model.toLowerCase().slice(model.lastIndexOf("/") + 1);
  for (const [pattern, provider] of PROVIDER_BY_MODEL) if (pattern.test(name)) return provider;
  return undefined;
}

function offerModelAndProvider(bag: AttrBag, tree: TreeBuilder): void {
  const model = bag.peekFirst(MODEL_KEYS);
  if (model) bag.offer(tree, "model", normalizeValue(model.value), ...model.keys);
  const provider = bag.peekFirst(PROVIDER_KEYS);
  const name = provider && providerName(bag, provider.value);
  if (provider && name !== undefined) bag.offer(tree, "provider", name, ...provider.keys);
  const configured = tree.leaf("model");
  if (typeof configured === "string" && !tree.conflicts("provider")) {
    const guess = inferProvider(configured);
    if (guess) tree.add("provider", guess);
  }
}

/** Each key of a family at the top level of config (`gen_ai.request.temperature` → `temperature`). */
function offerFamily(bag: AttrBag, tree: TreeBuilder, family: Family, skip?: string): void {
  for (const key of bag.family(family)) {
    if (key === skip) continue;
    bag.offer(tree, key.slice(family.length), normalizeValue(bag.attrs[key]), key);
  }
}

/** Spreads a JSON object attribute (`llm.invocation_parameters`) into config; consumed when any key lands. */
function offerObject(bag: AttrBag, tree: TreeBuilder, key: string): void {
  const value = parseJson(bag.peek(key));
  if (!isPlainObject(value)) return;
  let added = false;
  for (const [name, inner] of Object.entries(value)) {
    if (!tree.conflicts(name)) {
      tree.add(name, inner);
      added = true;
    }
  }
  if (added) bag.consume(key);
}

function offerTools(bag: AttrBag, tree: TreeBuilder): void {
  const definitions = bag.peek(GEN_AI.toolDefinitions);
  if (definitions !== undefined) bag.offer(tree, "tools", parseJson(definitions), GEN_AI.toolDefinitions);
  const vercelTools = bag.peek(VERCEL_AI.promptTools);
  if (Array.isArray(vercelTools)) bag.offer(tree, "tools", vercelTools.map(parseJson), VERCEL_AI.promptTools);
  const toolChoice = bag.peek(VERCEL_AI.promptToolChoice);
  if (toolChoice !== undefined)
    bag.offer(tree, "tool_choice", parseJson(toolChoice), VERCEL_AI.promptToolChoice);
  for (const family of ["llm.request.functions.", "llm.tools."] as const) {
    const keys = bag.family(family);
    if (keys.length === 0 || tree.conflicts("tools")) continue;
    const tools = new Map<string, [string, unknown][]>();
    for (const key of keys) {
      const rest = key.slice(family.length);
      const dot = rest.indexOf(".");
      const index = dot < 0 ? rest : rest.slice(0, dot);
      let field = dot < 0 ? "" : rest.slice(dot + 1);
      if (field.startsWith("tool.")) field = field.slice(5);
      const tool = tools.get(index) ?? [];
      tools.set(index, tool);
      const value = parseJsonIfClear(normalizeValue(bag.attrs[key]));
      if (field === "json_schema" && isPlainObject(value)) tool.push(...Object.entries(value));
      else tool.push([field === "" ? "value" : field, value]);
    }
    bag.offer(
      tree,
      "tools",
      Array.from(tools.values(), (t) => Object.fromEntries(t)),
      ...keys,
    );
  }
}

function offerTool(bag: AttrBag, tree: TreeBuilder): void {
  const fields: [string, readonly string[]][] = [
    ["name", [OPENINFERENCE.toolName, GEN_AI.toolName, VERCEL_AI.toolCallName]],
    ["description", [OPENINFERENCE.toolDescription, GEN_AI.toolDescription]],
    ["parameters", [OPENINFERENCE.toolParameters]],
    ["type", [GEN_AI.toolType]],
  ];
  for (const [field, keys] of fields) {
    const found = bag.peekFirst(keys);
    if (found) bag.offer(tree, `tool.${field}`, parseJsonIfClear(normalizeValue(found.value)), ...found.keys);
  }
}

/** Adds the derived config values to `tree` (which holds the explicit ones). */
export function deriveConfig(bag: AttrBag, tree: TreeBuilder): void {
  offerModelAndProvider(bag, tree);
  offerFamily(bag, tree, "gen_ai.request.", GEN_AI.requestModel);
  offerObject(bag, tree, OPENINFERENCE.invocationParameters);
  offerFamily(bag, tree, "ai.settings.");
  const callType = bag.peek(TRACELOOP.requestType);
  if (callType !== undefined) bag.offer(tree, "call_type", callType, TRACELOOP.requestType);
  offerTools(bag, tree);
  offerTool(bag, tree);
}

/**
 * Inputs derived from third-party conventions. Carriers are tried in order;
 * the first that yields fills the inputs and consumes its attributes. Those
 * that lose stay in metadata under their own names.
 */

import { GEN_AI, OPENINFERENCE, TRACELOOP, VERCEL_AI } from "../attributes.js";
import type { JsonObject } from "../event.js";
import { type Carrier, type Derived, firstCarrier, firstOf, indexedMessages, mimeValue } from "./carriers.js";
import type { AttrBag } from "./context.js";
import { normalizeMessages, systemText } from "./messages.js";
import { isPlainObject, normalizeValue, parseJson } from "./values.js";

/** Function arguments: an object is the inputs; anything else is `{input}`. */
function argsInputs(raw: unknown): JsonObject {
  const value = parseJson(normalizeValue(raw));
  return isPlainObject(value) ? value : { input: value };
}

/** OpenLLMetry `{"args": [...], "kwargs": {...}}` → `{...kwargs, args}` (args only when non-empty). */
function entityInputs(raw: unknown): JsonObject {
  const value = parseJson(normalizeValue(raw));
  if (!isPlainObject(value)) return { input: value };
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((k) => k === "args" || k === "kwargs")) return value;
  const out: JsonObject = isPlainObject(value.kwargs) ? { ...value.kwargs } : {};
  if (Array.isArray(value.args) && value.args.length > 0 && !("args" in out)) out.args = value.args;
  return out;
}

const INPUT_CARRIERS: Carrier[] = [
  (bag) => {
    const raw = bag.peek(GEN_AI.inputMessages);
    const system = bag.peek(GEN_AI.systemInstructions);
    if (raw === undefined && system === undefined) return undefined;
    const messages = normalizeMessages(raw, "user");
    const text = systemText(system);
    if (text !== undefined) messages.unshift({ role: "system", content: text });
    return { value: { chat_history: messages }, sources: [GEN_AI.inputMessages, GEN_AI.systemInstructions] };
  },
  (bag) => {
    const found = indexedMessages(bag, "gen_ai.prompt.", "user");
    return found && { value: { chat_history: found.messages }, sources: found.sources };
  },
  (bag) => {
    const found = indexedMessages(bag, "llm.input_messages.", "user");
    return found && { value: { chat_history: found.messages }, sources: found.sources };
  },
  (bag) => {
    const raw = bag.peek(VERCEL_AI.promptMessages);
    if (raw === undefined) return undefined;
    return { value: { chat_history: normalizeMessages(raw, "user") }, sources: [VERCEL_AI.promptMessages] };
  },
  (bag) => {
    const raw = bag.peek(VERCEL_AI.prompt);
    return raw === undefined ? undefined : { value: vercelPrompt(raw), sources: [VERCEL_AI.prompt] };
  },
  (bag) => {
    const found = firstOf(bag, [VERCEL_AI.toolCallArgs, VERCEL_AI.toolCallInput, GEN_AI.toolCallArguments]);
    return found && { value: argsInputs(found[1]), sources: [found[0]] };
  },
  (bag) => {
    const raw = bag.peek(TRACELOOP.entityInput);
    return raw === undefined ? undefined : { value: entityInputs(raw), sources: [TRACELOOP.entityInput] };
  },
  (bag) => mimeValue(bag, OPENINFERENCE.inputValue, OPENINFERENCE.inputMimeType, "input"),
];

/** Vercel `ai.prompt`: `{system?, prompt?, messages?}` as a chat history. */
function vercelPrompt(raw: unknown): JsonObject {
  const value = parseJson(normalizeValue(raw));
  if (!isPlainObject(value)) return { input: value };
  const history: JsonObject[] = [];
  if (typeof value.system === "string") history.push({ role: "system", content: value.system });
  if (typeof value.prompt === "string") history.push({ role: "user", content: value.prompt });
  else if (Array.isArray(value.prompt)) history.push(...normalizeMessages(value.prompt, "user"));
  if (Array.isArray(value.messages)) history.push(...normalizeMessages(value.messages, "user"));
  return history.length > 0 ? { chat_history: history } : value;
}

export function deriveInputs(bag: AttrBag): Derived | undefined {
  return firstCarrier(bag, INPUT_CARRIERS);
}

/**
 * Outputs derived from third-party conventions, tried in order like inputs.
 * Messages become the HoneyHive model output `{role, content, tool_calls?, finish_reason?}`;
 * function results become `{result}`.
 */

import { GEN_AI, OPENINFERENCE, TRACELOOP, VERCEL_AI } from "../attributes.js";
import type { JsonObject } from "../event.js";
import {
  type Carrier,
  type Derived,
  firstCarrier,
  firstOf,
  indexedMessages,
  indexedTree,
  mimeValue,
} from "./carriers.js";
import type { AttrBag } from "./context.js";
import { normalizeMessages, outputsFromMessages, toToolCall } from "./messages.js";
import { isPlainObject, normalizeValue, parseJson } from "./values.js";

function messageOutputs(messages: JsonObject[], sources: string[]): Derived | undefined {
  const value = outputsFromMessages(messages);
  return value && { value, sources };
}

const OUTPUT_CARRIERS: Carrier[] = [
  (bag) => {
    const raw = bag.peek(GEN_AI.outputMessages);
    return raw === undefined
      ? undefined
      : messageOutputs(normalizeMessages(raw, "assistant"), [GEN_AI.outputMessages]);
  },
  (bag) => {
    const found = indexedMessages(bag, "gen_ai.completion.", "assistant");
    return found && messageOutputs(found.messages, found.sources);
  },
  (bag) => {
    const found = indexedMessages(bag, "llm.output_messages.", "assistant");
    return found && messageOutputs(found.messages, found.sources);
  },
  vercelResponse,
  (bag) => {
    const keys = [
      VERCEL_AI.toolCallResult,
      VERCEL_AI.toolCallOutput,
      GEN_AI.toolCallResult,
      TRACELOOP.entityOutput,
    ];
    const found = firstOf(bag, keys);
    return found && { value: { result: parseJson(normalizeValue(found[1])) }, sources: [found[0]] };
  },
  (bag) => {
    const found = indexedTree(bag, "retrieval.documents.");
    if (!found) return undefined;
    const docs = Object.values(found.value).map((d) => (isPlainObject(d) && d.document) || d);
    return { value: { documents: docs }, sources: found.sources };
  },
  (bag) => mimeValue(bag, OPENINFERENCE.outputValue, OPENINFERENCE.outputMimeType, "output"),
];

/** Vercel `ai.response.{text,object,toolCalls,finishReason}` as an assistant message. */
function vercelResponse(bag: AttrBag): Derived | undefined {
  const textKey = bag.firstKey([VERCEL_AI.responseText, VERCEL_AI.responseObject]);
  const calls = parseJson(bag.peek(VERCEL_AI.responseToolCalls));
  if (textKey === undefined && calls === undefined) return undefined;
  const sources: string[] = [];
  const message: JsonObject = { role: "assistant", content: null };
  if (textKey !== undefined) {
    message.content = normalizeValue(bag.peek(textKey));
    sources.push(textKey);
  }
  if (Array.isArray(calls)) {
    message.tool_calls = calls.map(toToolCall);
    sources.push(VERCEL_AI.responseToolCalls);
  }
  const finish = bag.peek(VERCEL_AI.responseFinishReason);
  if (finish !== undefined) {
    message.finish_reason = finish;
    sources.push(VERCEL_AI.responseFinishReason);
  }
  return sources.length > 0 && (textKey !== undefined || Array.isArray(calls))
    ? { value: message, sources }
    : undefined;
}

export function deriveOutputs(bag: AttrBag): Derived | undefined {
  return firstCarrier(bag, OUTPUT_CARRIERS);
}

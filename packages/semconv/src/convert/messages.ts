/**
 * Chat messages of every convention turned into HoneyHive (OpenAI-style) form:
 * `{role, content, tool_calls?, tool_call_id?, name?, finish_reason?}`.
 * `content` is a string when the message is only text, null when it has none
 * (tool calls only), and the list of parts when it has images, files, etc.
 */

import type { JsonObject } from "../event.js";
import { isPlainObject, parseJsonIfClear, toStr, toText } from "./values.js";

interface Accumulator {
  texts: string[];
  others: unknown[];
  toolCalls: JsonObject[];
  toolResults: JsonObject[];
}

/** `{id, type: "function", function: {name, arguments}}` from any tool-call shape. */
export function toToolCall(raw: unknown): JsonObject {
  const call = isPlainObject(raw) ? (isPlainObject(raw.tool_call) ? raw.tool_call : raw) : {};
  const fn = isPlainObject(call.function) ? call.function : call;
  const id = toStr(call.id ?? call.toolCallId);
  const name = toStr(fn.name ?? call.toolName);
  const args = fn.arguments ?? call.args ?? call.input;
  const out: JsonObject = {};
  if (id !== undefined) out.id = id;
  out.type = "function";
  out.function = { name: name ?? null, arguments: args === undefined ? "" : toText(args) };
  return out;
}

function addPart(acc: Accumulator, raw: unknown): void {
  if (typeof raw === "string") {
    acc.texts.push(raw);
    return;
  }
  if (!isPlainObject(raw)) return;
  const part = isPlainObject(raw.message_content) ? raw.message_content : raw;
  switch (part.type) {
    case "text":
      acc.texts.push(toText(part.content ?? part.text));
      acc.others.push(part);
      return;
    case "tool_call":
    case "tool-call":
      acc.toolCalls.push(toToolCall(part));
      return;
    case "tool_call_response":
    case "tool-result": {
      const id = toStr(part.id ?? part.toolCallId);
      const result: JsonObject = {
        role: "tool",
        content: toText(part.response ?? part.result ?? part.output),
      };
      if (id !== undefined) result.tool_call_id = id;
      if (part.toolName !== undefined) result.name = part.toolName;
      acc.toolResults.push(result);
      return;
    }
    default:
      acc.others.push(part);
  }
}

function partsOf(message: JsonObject): unknown[] | undefined {
  if (Array.isArray(message.parts)) return message.parts;
  if (Array.isArray(message.contents)) return message.contents;
  const content = parseJsonIfClear(message.content);
  if (Array.isArray(content) && content.every((p) => isPlainObject(p) && "type" in p)) return content;
  return undefined;
}

function contentOf(message: JsonObject, acc: Accumulator, parts: unknown[] | undefined): unknown {
  if (!parts) return message.content === undefined ? null : message.content;
  if (acc.others.length > acc.texts.length) return acc.others;
  return acc.texts.length > 0 ? acc.texts.join("\n") : null;
}

function toolCallsOf(message: JsonObject, acc: Accumulator): JsonObject[] {
  const calls = acc.toolCalls;
  const raw = parseJsonIfClear(message.tool_calls ?? message.toolCalls);
  if (Array.isArray(raw)) for (const call of raw) calls.push(toToolCall(call));
  if (isPlainObject(message.function_call)) calls.push(toToolCall(message.function_call));
  return calls;
}

/** One message of any convention; tool results become separate "tool" messages. */
export function normalizeMessage(raw: unknown, defaultRole: string): JsonObject[] {
  if (typeof raw === "string") return [{ role: defaultRole, content: raw }];
  if (!isPlainObject(raw)) return [];
  const message = isPlainObject(raw.message) ? raw.message : raw;
  const acc: Accumulator = { texts: [], others: [], toolCalls: [], toolResults: [] };
  const parts = partsOf(message);
  if (parts) for (const part of parts) addPart(acc, part);
  const out: JsonObject = {
    role: toStr(message.role) ?? defaultRole,
    content: contentOf(message, acc, parts),
  };
  const toolCalls = toolCallsOf(message, acc);
  if (toolCalls.length > 0) out.tool_calls = toolCalls;
  const toolCallId = message.tool_call_id ?? message.toolCallId;
  if (toolCallId !== undefined) out.tool_call_id = toolCallId;
  if (message.name !== undefined) out.name = message.name;
  const finish = message.finish_reason ?? message.finishReason;
  if (finish !== undefined) out.finish_reason = finish;
  const keepMessage = !parts || acc.texts.length > 0 || acc.others.length > 0 || toolCalls.length > 0;
  if (acc.toolResults.length === 0) return [out];
  return keepMessage && out.role !== "tool" ? [out, ...acc.toolResults] : acc.toolResults;
}

/** Messages from an array, a JSON string of one, or an object indexed "0".."n". */
export function normalizeMessages(raw: unknown, defaultRole: string): JsonObject[] {
  const value = parseJsonIfClear(raw);
  const list = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
  const out: JsonObject[] = [];
  for (const message of list) out.push(...normalizeMessage(message, defaultRole));
  return out;
}

/** HoneyHive model outputs: the first choice, plus `choices` when there are several. */
export function outputsFromMessages(messages: JsonObject[]): JsonObject | undefined {
  const first = messages[0];
  if (!first) return undefined;
  return messages.length === 1 ? { ...first } : { ...first, choices: messages };
}

/** Text of a `gen_ai.system_instructions` value (parts list, JSON string or plain text). */
export function systemText(raw: unknown): string | undefined {
  const value = parseJsonIfClear(raw);
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) return undefined;
  const texts: string[] = [];
  for (const part of value) {
    if (typeof part === "string") texts.push(part);
    else if (isPlainObject(part)) texts.push(toText(part.content ?? part.text));
  }
  return texts.join("\n");
}

/**
 * Ollama messages as GenAI messages: `{role, content, thinking, images,
 * tool_calls, tool_name}`. Images arrive as base64 strings, bytes
 * (`Uint8Array`) or, in Node, file paths; each is recorded as a reference
 * (MIME type when its first bytes tell, and size), never as its data.
 */
import type { Params } from "../operation.js";
import {
  base64Size,
  functionToolCallParts,
  type GenAIMessage,
  type Part,
  textPart,
  toolResultPart,
} from "../parts.js";

/** System messages become `gen_ai.system_instructions`; the rest the input messages. */
export function inputMessages(raw: unknown): { system: Part[]; messages: GenAIMessage[] } {
  const system: Part[] = [];
  const messages: GenAIMessage[] = [];
  for (const m of Array.isArray(raw) ? (raw as Params[]) : []) {
    if (m?.role === "system") {
      if (typeof m.content === "string") system.push(textPart(m.content));
      continue;
    }
    const message: GenAIMessage = { role: String(m?.role ?? "user"), parts: [] };
    if (m?.role === "tool") {
      if (typeof m.tool_name === "string") message.name = m.tool_name;
      message.parts.push(toolResultPart(undefined, m.content));
    } else message.parts.push(...messageParts(m));
    messages.push(message);
  }
  return { system, messages };
}

/** Text, thinking, images and tool calls of one message (a request's or a response's). */
export function messageParts(m: Params): Part[] {
  const parts: Part[] = [];
  if (typeof m?.thinking === "string" && m.thinking !== "")
    parts.push({ type: "reasoning", content: m.thinking });
  if (typeof m?.content === "string" && (m.content !== "" || m.role !== "assistant"))
    parts.push(textPart(m.content));
  for (const image of Array.isArray(m?.images) ? m.images : []) parts.push(imagePart(image));
  parts.push(...functionToolCallParts(m?.tool_calls));
  return parts;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** One image as a reference: a blob (bytes or base64) with its size, or the path the client will read. */
export function imagePart(image: unknown): Part {
  if (image instanceof Uint8Array) {
    const mime = sniffMime(Buffer.from(image.subarray(0, 12)).toString("base64"));
    return { type: "blob", modality: "image", ...(mime ? { mime_type: mime } : {}), size: image.byteLength };
  }
  if (typeof image === "string" && BASE64.test(image)) {
    const mime = sniffMime(image);
    return { type: "blob", modality: "image", ...(mime ? { mime_type: mime } : {}), size: base64Size(image) };
  }
  return { type: "uri", modality: "image", uri: String(image) };
}

/** Well-known image signatures, as their base64 prefix. */
const SIGNATURES: readonly (readonly [string, string])[] = [
  ["iVBORw0KGgo", "image/png"],
  ["/9j/", "image/jpeg"],
  ["R0lGOD", "image/gif"],
  ["UklGR", "image/webp"],
];

function sniffMime(base64: string): string | undefined {
  return SIGNATURES.find(([prefix]) => base64.startsWith(prefix))?.[1];
}

/**
 * GenAI message parts (the JSON of `gen_ai.input.messages` /
 * `gen_ai.output.messages`): `{role, parts: [...], finish_reason?}` with
 * text, tool_call, tool_call_response, uri, blob and file parts. Media are
 * recorded as references (kind, MIME type, size), never as their payload:
 * one base64 image would otherwise weigh more than the rest of the trace.
 */

export type Part = Record<string, unknown>;

export interface GenAIMessage {
  role: string;
  parts: Part[];
  name?: string;
  finish_reason?: string;
}

export const textPart = (content: string): Part => ({ type: "text", content });

/** Arguments as an object when they are valid JSON (they usually are), else the raw string. */
export function toolCallPart(id: string | undefined, name: string | undefined, args: unknown): Part {
  return { type: "tool_call", id: id ?? null, name: name ?? null, arguments: parseArguments(args) };
}

/** Tool calls in OpenAI's form, `{id, function: {name, arguments}}` (also Mistral's, Cohere's, Ollama's); none unless a list. */
export function functionToolCallParts(calls: unknown): Part[] {
  if (!Array.isArray(calls)) return [];
  return calls.map((c) => toolCallPart(c?.id, c?.function?.name, c?.function?.arguments));
}

export const toolResultPart = (id: string | undefined, response: unknown): Part => ({
  type: "tool_call_response",
  id: id ?? null,
  response,
});

/** A media reference from a URL: a `data:` URL becomes a blob reference with its MIME type and decoded size. */
export function mediaPart(modality: string, url: string): Part {
  if (!url.startsWith("data:")) return { type: "uri", modality, uri: url };
  const comma = url.indexOf(",");
  const header = url.slice(5, comma < 0 ? undefined : comma);
  const mime = header.split(";")[0] || undefined;
  const payload = comma < 0 ? "" : url.slice(comma + 1);
  const size = header.endsWith(";base64") ? base64Size(payload) : payload.length;
  return { type: "blob", modality, ...(mime ? { mime_type: mime } : {}), size };
}

/** A media reference from inline base64 data. */
export function blobPart(modality: string, mimeType: string | undefined, base64: string): Part {
  return { type: "blob", modality, ...(mimeType ? { mime_type: mimeType } : {}), size: base64Size(base64) };
}

/** Bytes encoded by a base64 string, without decoding it. */
export function base64Size(base64: string): number {
  let end = base64.length;
  while (end > 0 && base64.charCodeAt(end - 1) === 61 /* = */) end--;
  return Math.floor((end * 3) / 4);
}

function parseArguments(args: unknown): unknown {
  if (typeof args !== "string") return args ?? null;
  try {
    return JSON.parse(args);
  } catch {
    return args;
  }
}

/** Text of a content value that is a string or a list of `{type:"text", text}` parts. */
export function plainText(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .map((p) => (p && typeof p === "object" ? (p as { text?: unknown }).text : undefined))
    .filter((t): t is string => typeof t === "string");
  return texts.length > 0 ? texts.join("") : undefined;
}

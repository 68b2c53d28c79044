/**
 * Anthropic content blocks as GenAI message parts: text, thinking (as
 * `reasoning`), tool_use (as tool calls with their input), tool_result (as
 * tool call responses), images and documents as references (media type and
 * size, or the URL / file id), never their base64 payload.
 */
import { utf8Length } from "../../export/proto-writer.js";
import type { Params } from "../operation.js";
import {
  base64Size,
  type GenAIMessage,
  type Part,
  textPart,
  toolCallPart,
  toolResultPart,
} from "../parts.js";

/** The system prompt, a string or a list of text blocks, as `gen_ai.system_instructions`. */
export function systemParts(system: unknown): Part[] {
  if (typeof system === "string") return system === "" ? [] : [textPart(system)];
  return Array.isArray(system) ? system.map(blockPart) : [];
}

/**
 * The request's messages. Tool results (which Anthropic sends inside a user
 * message) become a `tool` message of their own, as GenAI has them; the rest
 * of that user message stays a user message.
 */
export function inputMessages(raw: unknown): GenAIMessage[] {
  const out: GenAIMessage[] = [];
  if (!Array.isArray(raw)) return out;
  for (const m of raw as Params[]) {
    const role = String(m?.role ?? "user");
    const blocks: Params[] = typeof m?.content === "string" ? [{ type: "text", text: m.content }] : [];
    if (Array.isArray(m?.content)) blocks.push(...m.content);
    const results = blocks.filter((b) => b?.type === "tool_result");
    if (results.length > 0) out.push({ role: "tool", parts: results.map(blockPart) });
    const rest = blocks.filter((b) => b?.type !== "tool_result");
    if (rest.length > 0 || results.length === 0) out.push({ role, parts: rest.map(blockPart) });
  }
  return out;
}

/** One content block of a request or a response. */
export function blockPart(block: Params): Part {
  switch (block?.type) {
    case "text":
      return textPart(String(block.text ?? ""));
    case "thinking":
      return { type: "reasoning", content: String(block.thinking ?? "") };
    case "redacted_thinking":
      return { type: "reasoning", redacted: true };
    case "tool_use":
    case "server_tool_use":
    case "mcp_tool_use":
      return toolCallPart(block.id, block.name, block.input);
    case "tool_result":
      return toolResultPart(block.tool_use_id, toolResult(block.content));
    case "image":
      return sourcePart("image", block.source);
    case "document":
      return sourcePart("document", block.source);
    default:
      return { type: String(block?.type ?? "unknown") };
  }
}

/** A tool result's content: its text, or its parts when it holds more than text (images, documents). */
function toolResult(content: unknown): unknown {
  if (!Array.isArray(content)) return content ?? null;
  const parts = content.map(blockPart);
  return parts.every((p) => p.type === "text") ? parts.map((p) => p.content).join("") : parts;
}

/** An image or document source: base64 and plain text as a blob reference, a URL, a file id, or inline content blocks. */
function sourcePart(modality: string, source: Params): Part {
  const mime = typeof source?.media_type === "string" ? { mime_type: source.media_type } : {};
  switch (source?.type) {
    case "base64":
      return { type: "blob", modality, ...mime, size: base64Size(String(source.data ?? "")) };
    case "text":
      return { type: "blob", modality, ...mime, size: utf8Length(String(source.data ?? "")) };
    case "url":
      return { type: "uri", modality, uri: String(source.url ?? "") };
    case "file":
      return { type: "file", modality, file_id: source.file_id ?? null };
    case "content":
      return {
        type: "blob",
        modality,
        mime_type: "text/plain",
        size: utf8Length(
          Array.isArray(source.content)
            ? source.content.map((b: Params) => b?.text ?? "").join("")
            : String(source.content ?? ""),
        ),
      };
    default:
      return { type: "blob", modality, ...mime };
  }
}

/** Tool definitions as `gen_ai.tool.definitions`: client tools as functions, server tools by type and name. */
export function toolDefinitions(tools: unknown): unknown[] | undefined {
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  return tools.map((t: Params) =>
    t?.input_schema !== undefined || t?.type === undefined || t?.type === "custom"
      ? {
          type: "function",
          name: t?.name,
          ...(t?.description !== undefined ? { description: t.description } : {}),
          ...(t?.input_schema !== undefined ? { parameters: t.input_schema } : {}),
        }
      : { type: String(t.type), ...(t.name !== undefined ? { name: t.name } : {}) },
  );
}

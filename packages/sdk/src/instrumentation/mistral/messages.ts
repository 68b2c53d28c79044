/**
 * Mistral chat messages as GenAI messages. The `@mistralai/mistralai` client
 * takes and returns camelCase objects (`toolCalls`, `toolCallId`,
 * `imageUrl`), which it maps to the wire's snake_case itself; images,
 * documents and audio become references, never their payload.
 */
import type { Params } from "../operation.js";
import {
  blobPart,
  functionToolCallParts,
  type GenAIMessage,
  mediaPart,
  type Part,
  textPart,
  toolResultPart,
} from "../parts.js";

/** System messages become `gen_ai.system_instructions`; the rest the input messages. */
export function inputMessages(raw: unknown): { system: Part[]; messages: GenAIMessage[] } {
  const system: Part[] = [];
  const messages: GenAIMessage[] = [];
  if (!Array.isArray(raw)) return { system, messages };
  for (const m of raw as Params[]) {
    if (m?.role === "system") {
      system.push(...contentParts(m.content));
      continue;
    }
    const message: GenAIMessage = { role: String(m?.role ?? "user"), parts: [] };
    if (typeof m?.name === "string") message.name = m.name;
    if (m?.role === "tool")
      message.parts.push(toolResultPart(m.toolCallId ?? undefined, toolResult(m.content)));
    else message.parts.push(...contentParts(m?.content));
    message.parts.push(...functionToolCallParts(m?.toolCalls));
    messages.push(message);
  }
  return { system, messages };
}

/** An assistant message of a response: its text (or chunks) and tool calls. */
export function outputMessage(message: Params, finishReason: string): GenAIMessage {
  return {
    role: String(message?.role ?? "assistant"),
    parts: [...contentParts(message?.content), ...functionToolCallParts(message?.toolCalls)],
    finish_reason: finishReason,
  };
}

/** Content as a string or a list of chunks (text, image_url, document_url, input_audio, thinking, file, reference). */
export function contentParts(content: unknown): Part[] {
  if (typeof content === "string") return content === "" ? [] : [textPart(content)];
  if (!Array.isArray(content)) return [];
  return content.map((c: Params): Part => {
    switch (c?.type) {
      case "text":
        return textPart(String(c.text ?? ""));
      case "image_url":
        return mediaPart(
          "image",
          String(typeof c.imageUrl === "string" ? c.imageUrl : (c.imageUrl?.url ?? "")),
        );
      case "document_url":
        return mediaPart("file", String(c.documentUrl ?? ""));
      case "input_audio":
        return typeof c.inputAudio === "string" && !c.inputAudio.startsWith("data:")
          ? blobPart("audio", undefined, c.inputAudio)
          : mediaPart("audio", String(c.inputAudio ?? ""));
      case "thinking":
        return { type: "reasoning", content: thinkingText(c.thinking) };
      case "file":
        return { type: "file", modality: "file", file_id: c.fileId ?? null };
      default:
        return { type: String(c?.type ?? "unknown") };
    }
  });
}

function thinkingText(chunks: unknown): string {
  if (!Array.isArray(chunks)) return "";
  return chunks.map((c: Params) => (typeof c?.text === "string" ? c.text : "")).join("");
}

function toolResult(content: unknown): unknown {
  if (!Array.isArray(content)) return content ?? null;
  const text = content.every((c: Params) => c?.type === "text");
  return text ? content.map((c: Params) => String(c.text ?? "")).join("") : contentParts(content);
}

/**
 * Cohere v2 chat messages as GenAI messages. The `cohere-ai` client takes
 * and returns camelCase objects (`toolCalls`, `toolCallId`, `imageUrl`) and
 * maps them to the wire's snake_case itself. Images become references,
 * grounding documents their ids (never their text twice).
 */
import type { Params } from "../operation.js";
import {
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
    if (m?.role === "tool")
      message.parts.push(toolResultPart(m.toolCallId ?? undefined, toolResult(m.content)));
    else {
      if (typeof m?.toolPlan === "string" && m.toolPlan !== "")
        message.parts.push({ type: "reasoning", content: m.toolPlan });
      message.parts.push(...contentParts(m?.content));
    }
    message.parts.push(...functionToolCallParts(m?.toolCalls));
    messages.push(message);
  }
  return { system, messages };
}

/** Content as a string or a list of text, thinking, image_url and document items. */
export function contentParts(content: unknown): Part[] {
  if (typeof content === "string") return content === "" ? [] : [textPart(content)];
  if (!Array.isArray(content)) return [];
  return content.map((c: Params): Part => {
    switch (c?.type) {
      case "text":
        return textPart(String(c.text ?? ""));
      case "thinking":
        return { type: "reasoning", content: String(c.thinking ?? "") };
      case "image_url":
        return mediaPart(
          "image",
          String(typeof c.imageUrl === "string" ? c.imageUrl : (c.imageUrl?.url ?? "")),
        );
      case "document":
        return { type: "document", id: c.document?.id ?? null };
      default:
        return { type: String(c?.type ?? "unknown") };
    }
  });
}

function toolResult(content: unknown): unknown {
  if (!Array.isArray(content)) return content ?? null;
  return content.map((c: Params) => (c?.type === "text" ? String(c.text ?? "") : (c?.document?.data ?? c)));
}

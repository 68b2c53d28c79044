/**
 * The Vercel AI SDK's telemetry content (`ai.prompt.messages`,
 * `ai.prompt.tools`, `ai.response.*`) as GenAI message parts, so a model
 * span of the AI SDK reads like every other provider's: the same message
 * JSON, media as references (never their base64 payload), tool calls with
 * their arguments.
 */
import { type GenAIMessage, mediaPart, type Part, textPart, toolCallPart, toolResultPart } from "../parts.js";

// biome-ignore lint/suspicious/noExplicitAny: the AI SDK's prompt JSON, read defensively
type Json = any;

/** A telemetry attribute that holds JSON text, parsed; anything else as it is. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** `ai.prompt.messages` (a LanguageModel prompt): system instructions apart, the rest as GenAI messages. */
export function promptMessages(raw: unknown): { system: Part[]; messages: GenAIMessage[] } {
  const system: Part[] = [];
  const messages: GenAIMessage[] = [];
  const prompt = parseJsonText(raw);
  if (!Array.isArray(prompt)) return { system, messages };
  for (const m of prompt as Json[]) {
    if (m?.role === "system") {
      system.push(...contentParts(m.content));
      continue;
    }
    messages.push({ role: String(m?.role ?? "user"), parts: contentParts(m?.content) });
  }
  return { system, messages };
}

function contentParts(content: unknown): Part[] {
  if (typeof content === "string") return [textPart(content)];
  if (!Array.isArray(content)) return [];
  return content.map((p: Json): Part => {
    switch (p?.type) {
      case "text":
        return textPart(String(p.text ?? ""));
      case "reasoning":
        return { type: "reasoning", content: String(p.text ?? "") };
      case "file":
        return filePart(p);
      case "tool-call":
        return toolCallPart(p.toolCallId, p.toolName, p.input ?? p.args);
      case "tool-result":
        return toolResultPart(p.toolCallId, toolOutput(p.output ?? p.result));
      default:
        return { type: String(p?.type ?? "unknown") };
    }
  });
}

/** A file part: a URL stays a reference, inline data becomes `{type: "blob", mime_type, size}`. */
function filePart(p: Json): Part {
  const mime = typeof p.mediaType === "string" ? p.mediaType : undefined;
  const modality = mime?.split("/")[0] || "file";
  const data = p.data;
  if (typeof data === "string" && /^(?:https?|data):/i.test(data)) return mediaPart(modality, data);
  if (typeof data === "string") return mediaPart(modality, `data:${mime ?? ""};base64,${data}`);
  if (data && typeof data === "object" && typeof data.href === "string")
    return mediaPart(modality, data.href);
  return { type: "blob", modality, ...(mime ? { mime_type: mime } : {}) };
}

/** A tool result's output (`{type: "text" | "json" | ..., value}`) as its value. */
function toolOutput(output: Json): unknown {
  if (output && typeof output === "object" && "value" in output) return output.value;
  return output ?? null;
}

/** `ai.prompt.tools` (JSON texts of `{type, name, description, inputSchema}`) as `gen_ai.tool.definitions`. */
export function toolDefinitions(raw: unknown): Json[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  return raw.map((item) => {
    const t = parseJsonText(item) as Json;
    if (t?.type !== "function") return t;
    return {
      type: "function",
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      ...(t.inputSchema !== undefined ? { parameters: t.inputSchema } : {}),
    };
  });
}

/** What a model span answered, gathered from its `ai.response.*` attributes (they arrive in several calls). */
export interface ModelOutput {
  text?: string;
  toolCalls?: unknown;
  finishReason?: string;
}

/** The answer as one assistant message, or undefined when nothing was recorded. */
export function outputMessages(out: ModelOutput): GenAIMessage[] | undefined {
  const calls = parseJsonText(out.toolCalls);
  if (out.text === undefined && !Array.isArray(calls)) return undefined;
  const parts: Part[] = [];
  if (out.text !== undefined && out.text !== "") parts.push(textPart(out.text));
  for (const c of Array.isArray(calls) ? (calls as Json[]) : [])
    parts.push(toolCallPart(c?.toolCallId, c?.toolName, c?.input ?? c?.args));
  return [{ role: "assistant", parts, finish_reason: out.finishReason ?? "unknown" }];
}

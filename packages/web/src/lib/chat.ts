/**
 * Chat messages found in an event's inputs or outputs, in the shapes the SDK
 * and instrumentations write (HoneyHive `chat_history`, OpenAI `messages`,
 * `choices[].message`, a `role`/`content` output), normalised for rendering
 * as a conversation with roles, tool calls and images by reference.
 */

export interface ChatPart {
  kind: "text" | "image";
  text: string;
}

export interface ChatToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface ChatMessage {
  role: string;
  parts: ChatPart[];
  toolCalls: ChatToolCall[];
  toolCallId?: string;
}

const MESSAGE_LISTS = ["chat_history", "messages", "history"];

/** The conversation of an event: input messages then output messages; [] when none. */
export function extractConversation(inputs: unknown, outputs: unknown): ChatMessage[] {
  return [...messagesIn(inputs), ...messagesIn(outputs)];
}

function messagesIn(value: unknown): ChatMessage[] {
  if (!isObject(value)) return [];
  for (const key of MESSAGE_LISTS) {
    const list = value[key];
    if (Array.isArray(list) && list.some(isMessage)) return list.filter(isMessage).map(normalise);
  }
  const choices = value["choices"];
  if (Array.isArray(choices)) {
    return choices.flatMap((c) => (isObject(c) && isMessage(c["message"]) ? [normalise(c["message"])] : []));
  }
  if (isMessage(value)) return [normalise(value)];
  if (isMessage(value["message"])) return [normalise(value["message"])];
  return [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isMessage(v: unknown): v is Record<string, unknown> {
  return isObject(v) && typeof v["role"] === "string";
}

function normalise(m: Record<string, unknown>): ChatMessage {
  const msg: ChatMessage = {
    role: String(m["role"]),
    parts: contentParts(m["content"]),
    toolCalls: toolCalls(m),
  };
  if (typeof m["tool_call_id"] === "string") msg.toolCallId = m["tool_call_id"];
  return msg;
}

function contentParts(content: unknown): ChatPart[] {
  if (content == null) return [];
  if (typeof content === "string") return [{ kind: "text", text: content }];
  if (!Array.isArray(content)) return [{ kind: "text", text: JSON.stringify(content) }];
  return content.map((part): ChatPart => {
    if (typeof part === "string") return { kind: "text", text: part };
    if (!isObject(part)) return { kind: "text", text: JSON.stringify(part) };
    if (typeof part["text"] === "string") return { kind: "text", text: part["text"] };
    if (part["type"] === "text" && typeof part["content"] === "string")
      return { kind: "text", text: part["content"] };
    if (part["type"] === "uri") return { kind: "image", text: String(part["uri"]) };
    if (part["type"] === "blob") {
      return {
        kind: "image",
        text: `${part["mime_type"] ?? part["modality"] ?? "blob"}, ${part["size"] ?? "?"} bytes`,
      };
    }
    if (part["type"] === "file") return { kind: "image", text: `file ${part["file_id"] ?? ""}` };
    const image = part["image_url"] ?? part["image"] ?? part["url"];
    if (image !== undefined) {
      const ref = isObject(image)
        ? String(image["url"] ?? image["ref"] ?? JSON.stringify(image))
        : String(image);
      return { kind: "image", text: ref };
    }
    return { kind: "text", text: JSON.stringify(part) };
  });
}

function toolCalls(m: Record<string, unknown>): ChatToolCall[] {
  const calls = m["tool_calls"];
  if (!Array.isArray(calls)) return [];
  return calls.filter(isObject).map((c) => {
    const fn = isObject(c["function"]) ? c["function"] : c;
    const args = fn["arguments"];
    return {
      id: String(c["id"] ?? ""),
      name: String(fn["name"] ?? "tool"),
      arguments: typeof args === "string" ? args : JSON.stringify(args ?? {}),
    };
  });
}

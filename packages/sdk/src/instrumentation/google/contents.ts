/**
 * Gemini contents as GenAI messages. A request's `contents` may be a string,
 * a part, a list of parts (one user turn) or a list of `{role, parts}`
 * turns; roles are `user` and `model` (→ `assistant`), and a user turn made
 * only of function responses is a `tool` turn. Inline data and file
 * references are recorded as references (MIME type, byte size or URI),
 * never as their bytes.
 */
import type { Params } from "../operation.js";
import {
  base64Size,
  type GenAIMessage,
  type Part,
  textPart,
  toolCallPart,
  toolResultPart,
} from "../parts.js";

/** The turns of a request's `contents` (or a chat's history), normalized as the client does. */
export function inputMessages(contents: unknown): GenAIMessage[] {
  if (contents === undefined || contents === null) return [];
  const list = Array.isArray(contents) ? contents : [contents];
  if (list.length > 0 && list.every(isContent)) return list.map((c) => contentMessage(c, "user"));
  return [{ role: "user", parts: list.map(toPart) }];
}

/** `systemInstruction` (a string, a part, parts or a content) as instruction parts. */
export function systemParts(instruction: unknown): Part[] {
  if (instruction === undefined || instruction === null) return [];
  if (isContent(instruction)) return instruction.parts.map(toPart);
  return (Array.isArray(instruction) ? instruction : [instruction]).map(toPart);
}

/** One `{role, parts}` turn; `fallbackRole` when it names none. */
export function contentMessage(content: Params, fallbackRole: string): GenAIMessage {
  const raw: unknown[] = Array.isArray(content?.parts) ? content.parts : [];
  const parts = raw.map(toPart);
  const onlyResponses = raw.length > 0 && raw.every((p) => (p as Params)?.functionResponse);
  return { role: onlyResponses ? "tool" : roleOf(content?.role, fallbackRole), parts };
}

function roleOf(role: unknown, fallback: string): string {
  if (role === "model") return "assistant";
  if (role === "function") return "tool";
  return typeof role === "string" && role !== "" ? role : fallback;
}

/** One Gemini part (or a bare string) as a GenAI part. */
export function toPart(raw: unknown): Part {
  if (typeof raw === "string") return textPart(raw);
  const p = (raw ?? {}) as Params;
  if (typeof p.text === "string")
    return p.thought === true ? { type: "reasoning", content: p.text } : textPart(p.text);
  if (p.functionCall) return toolCallPart(p.functionCall.id, p.functionCall.name, p.functionCall.args ?? {});
  if (p.functionResponse) return functionResponsePart(p.functionResponse);
  if (p.inlineData) return inlinePart(p.inlineData);
  if (p.fileData) return filePart(p.fileData);
  if (p.executableCode)
    return {
      type: "executable_code",
      language: p.executableCode.language ?? null,
      code: p.executableCode.code ?? "",
    };
  if (p.codeExecutionResult)
    return {
      type: "code_execution_result",
      outcome: p.codeExecutionResult.outcome ?? null,
      output: p.codeExecutionResult.output ?? "",
    };
  return { type: Object.keys(p).find((k) => p[k] !== undefined) ?? "unknown" };
}

function functionResponsePart(response: Params): Part {
  const part = toolResultPart(response.id, response.response ?? null);
  return typeof response.name === "string" ? { ...part, name: response.name } : part;
}

/** `inlineData` (base64 or bytes) as a blob reference: MIME type and decoded size. */
function inlinePart(data: Params): Part {
  const mime = typeof data.mimeType === "string" ? data.mimeType : undefined;
  const payload: unknown = data.data;
  const size =
    typeof payload === "string"
      ? base64Size(payload)
      : payload instanceof Uint8Array
        ? payload.byteLength
        : undefined;
  return {
    type: "blob",
    modality: modalityOf(mime),
    ...(mime ? { mime_type: mime } : {}),
    ...(size !== undefined ? { size } : {}),
  };
}

/** `fileData` (an uploaded file or a Cloud Storage object) as a URI reference. */
function filePart(data: Params): Part {
  const mime = typeof data.mimeType === "string" ? data.mimeType : undefined;
  return {
    type: "uri",
    modality: modalityOf(mime),
    ...(mime ? { mime_type: mime } : {}),
    uri: data.fileUri ?? null,
  };
}

function modalityOf(mime: string | undefined): string {
  const kind = mime?.split("/")[0];
  return kind === "image" || kind === "audio" || kind === "video" ? kind : "file";
}

function isContent(value: unknown): value is { role?: string; parts: unknown[] } {
  return typeof value === "object" && value !== null && Array.isArray((value as { parts?: unknown }).parts);
}

/**
 * The Converse API's request and response (`ConverseCommand`, and the
 * request of `ConverseStreamCommand`) as a {@link Prompt} and an
 * {@link Outcome}. Content blocks become GenAI parts; images, documents,
 * videos and audio are references (format, size, S3 URI), never their bytes.
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
import { count, type Outcome, type Prompt, type TokenCounts } from "./record.js";

export function conversePrompt(input: Params): Prompt {
  const config = input?.inferenceConfig ?? {};
  return {
    system: blocks(input?.system),
    messages: (Array.isArray(input?.messages) ? input.messages : []).map(converseMessage),
    tools: converseTools(input?.toolConfig?.tools),
    maxTokens: config.maxTokens,
    temperature: config.temperature,
    topP: config.topP,
    topK: input?.additionalModelRequestFields?.top_k ?? input?.additionalModelRequestFields?.topK,
    stopSequences: config.stopSequences,
  };
}

export function converseOutcome(output: Params): Outcome {
  const message = output?.output?.message;
  return {
    message: message ? converseMessage(message) : undefined,
    stopReason: typeof output?.stopReason === "string" ? output.stopReason : undefined,
    usage: converseUsage(output?.usage),
    latencyMs: count(output?.metrics?.latencyMs),
  };
}

/** `TokenUsage` of Converse (and of Amazon Nova's own JSON, which names the cache counts `...Count`). */
export function converseUsage(usage: Params): TokenCounts | undefined {
  if (!usage || typeof usage !== "object") return undefined;
  return {
    input: count(usage.inputTokens),
    output: count(usage.outputTokens),
    total: count(usage.totalTokens),
    cacheRead: count(usage.cacheReadInputTokens ?? usage.cacheReadInputTokenCount),
    cacheWrite: count(usage.cacheWriteInputTokens ?? usage.cacheWriteInputTokenCount),
  };
}

/** A message whose blocks are all tool results is the GenAI `tool` message. */
export function converseMessage(raw: Params): GenAIMessage {
  const parts = blocks(raw?.content);
  const role =
    parts.length > 0 && parts.every((p) => p.type === "tool_call_response")
      ? "tool"
      : String(raw?.role ?? "user");
  return { role, parts };
}

/** `toolSpec` entries as function definitions; cache points are left out. */
export function converseTools(tools: unknown): unknown[] {
  if (!Array.isArray(tools)) return [];
  const out: unknown[] = [];
  for (const t of tools as Params[]) {
    if (t?.toolSpec) {
      const spec = t.toolSpec;
      out.push({
        type: "function",
        name: spec.name,
        ...(spec.description !== undefined ? { description: spec.description } : {}),
        ...(spec.inputSchema?.json !== undefined ? { parameters: spec.inputSchema.json } : {}),
      });
    } else if (t?.systemTool) out.push({ type: "system", name: t.systemTool.name });
  }
  return out;
}

function blocks(raw: unknown): Part[] {
  if (!Array.isArray(raw)) return [];
  const parts: Part[] = [];
  for (const block of raw as Params[]) {
    const part = blockPart(block);
    if (part) parts.push(part);
  }
  return parts;
}

/** One content block (a tagged union: exactly one member is set). */
function blockPart(b: Params): Part | undefined {
  if (!b || typeof b !== "object" || b.cachePoint) return undefined;
  if (typeof b.text === "string") return textPart(b.text);
  if (b.image) return media("image", b.image, `image/${b.image.format ?? "*"}`);
  if (b.document) return media("document", b.document, documentMime(b.document.format));
  if (b.video) return media("video", b.video, `video/${b.video.format ?? "*"}`);
  if (b.audio) return media("audio", b.audio, `audio/${b.audio.format ?? "*"}`);
  if (b.toolUse) return toolCallPart(b.toolUse.toolUseId, b.toolUse.name, b.toolUse.input);
  if (b.toolResult) return toolResult(b.toolResult);
  if (b.reasoningContent) {
    const text = b.reasoningContent.reasoningText?.text;
    return typeof text === "string"
      ? { type: "reasoning", content: text }
      : { type: "reasoning", redacted: true };
  }
  if (b.guardContent?.text) return textPart(String(b.guardContent.text.text ?? ""));
  if (typeof b.json !== "undefined") return { type: "json", content: b.json };
  const kind = Object.keys(b).find((k) => b[k] !== undefined);
  return { type: kind ?? "unknown" };
}

function toolResult(r: Params): Part {
  const content = Array.isArray(r.content) ? r.content : [];
  const texts = content.filter((c: Params) => typeof c?.text === "string").map((c: Params) => c.text);
  const response =
    texts.length === content.length
      ? texts.join("")
      : content.map((c: Params) => (c?.json !== undefined ? c.json : (blockPart(c) ?? null)));
  const part = toolResultPart(r.toolUseId, response);
  return r.status === "error" ? { ...part, status: "error" } : part;
}

/** A media block as a reference: inline bytes by MIME type and size, S3 objects by URI. */
function media(modality: string, block: Params, mime: string): Part {
  const source = block.source ?? {};
  const name = typeof block.name === "string" ? { name: block.name } : {};
  if (source.s3Location?.uri)
    return { type: "uri", modality, mime_type: mime, uri: source.s3Location.uri, ...name };
  if (typeof source.text === "string")
    return { type: "blob", modality, mime_type: "text/plain", size: Buffer.byteLength(source.text), ...name };
  return { type: "blob", modality, mime_type: mime, size: byteSize(source.bytes), ...name };
}

function byteSize(bytes: unknown): number {
  if (typeof bytes === "string") return base64Size(bytes);
  if (ArrayBuffer.isView(bytes) || bytes instanceof ArrayBuffer) return bytes.byteLength;
  return 0;
}

const DOCUMENT_MIME: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  csv: "text/csv",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  html: "text/html",
  txt: "text/plain",
  md: "text/markdown",
};

function documentMime(format: unknown): string {
  return (typeof format === "string" && DOCUMENT_MIME[format]) || "application/octet-stream";
}

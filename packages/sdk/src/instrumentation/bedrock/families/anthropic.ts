/**
 * Anthropic models through InvokeModel: the Messages API body
 * (`anthropic_version: "bedrock-2023-05-31"`) and its stream events
 * (`message_start`, `content_block_*`, `message_delta`), plus the legacy
 * Text Completions shape (`prompt` / `completion`).
 */
import { GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { Params } from "../../operation.js";
import { blobPart, type Part, plainText, textPart, toolCallPart, toolResultPart } from "../../parts.js";
import { BlockAssembler } from "../blocks.js";
import type { EventAssembler } from "../converse-events.js";
import { count, emptyPrompt, type Outcome, type Prompt, type TokenCounts } from "../record.js";
import type { ModelFamily } from "./family.js";

export const anthropicFamily: ModelFamily = {
  operation: (body) =>
    Array.isArray(body?.messages) ? GEN_AI_OPERATIONS.chat : GEN_AI_OPERATIONS.textCompletion,
  prompt(body) {
    const prompt: Prompt = {
      ...emptyPrompt(),
      maxTokens: body?.max_tokens ?? body?.max_tokens_to_sample,
      temperature: body?.temperature,
      topP: body?.top_p,
      topK: body?.top_k,
      stopSequences: body?.stop_sequences,
    };
    if (typeof body?.prompt === "string") {
      prompt.messages.push({ role: "user", parts: [textPart(body.prompt)] });
      return prompt;
    }
    prompt.system = typeof body?.system === "string" ? [textPart(body.system)] : contentParts(body?.system);
    for (const m of Array.isArray(body?.messages) ? body.messages : []) {
      const parts = contentParts(m?.content);
      const tool = parts.length > 0 && parts.every((p) => p.type === "tool_call_response");
      prompt.messages.push({ role: tool ? "tool" : String(m?.role ?? "user"), parts });
    }
    prompt.tools = (Array.isArray(body?.tools) ? body.tools : []).map((t: Params) =>
      t?.input_schema !== undefined || t?.type === undefined || t?.type === "custom"
        ? {
            type: "function",
            name: t?.name,
            ...(t?.description !== undefined ? { description: t.description } : {}),
            ...(t?.input_schema !== undefined ? { parameters: t.input_schema } : {}),
          }
        : { type: t.type, name: t.name },
    );
    return prompt;
  },
  outcome(body) {
    if (typeof body?.completion === "string")
      return {
        message: { role: "assistant", parts: [textPart(body.completion)] },
        stopReason: body.stop_reason ?? undefined,
      };
    return {
      id: body?.id,
      model: body?.model,
      message: { role: String(body?.role ?? "assistant"), parts: contentParts(body?.content) },
      stopReason: body?.stop_reason ?? undefined,
      usage: anthropicUsage(body?.usage),
    };
  },
  stream: () => new AnthropicEvents(),
};

function anthropicUsage(u: Params): TokenCounts | undefined {
  if (!u || typeof u !== "object") return undefined;
  return {
    input: count(u.input_tokens),
    output: count(u.output_tokens),
    cacheRead: count(u.cache_read_input_tokens),
    cacheWrite: count(u.cache_creation_input_tokens),
  };
}

function contentParts(content: unknown): Part[] {
  if (typeof content === "string") return [textPart(content)];
  if (!Array.isArray(content)) return [];
  return content.map((b: Params): Part => {
    switch (b?.type) {
      case "text":
        return textPart(String(b.text ?? ""));
      case "image":
      case "document":
        return sourcePart(b.type === "image" ? "image" : "document", b.source);
      case "tool_use":
        return toolCallPart(b.id, b.name, b.input);
      case "tool_result": {
        const part = toolResultPart(b.tool_use_id, plainText(b.content) ?? b.content ?? null);
        return b.is_error === true ? { ...part, status: "error" } : part;
      }
      case "thinking":
        return { type: "reasoning", content: b.thinking };
      case "redacted_thinking":
        return { type: "reasoning", redacted: true };
      default:
        return { type: String(b?.type ?? "unknown") };
    }
  });
}

function sourcePart(modality: string, source: Params): Part {
  if (source?.type === "base64") return blobPart(modality, source.media_type, String(source.data ?? ""));
  if (source?.type === "url") return { type: "uri", modality, uri: source.url };
  if (source?.type === "text")
    return { type: "blob", modality, mime_type: "text/plain", size: String(source.data ?? "").length };
  return { type: "blob", modality };
}

class AnthropicEvents implements EventAssembler {
  private readonly blocks = new BlockAssembler();
  private id: string | undefined;
  private model: string | undefined;
  private stopReason: string | undefined;
  private usage: TokenCounts = {};

  add(raw: unknown): boolean {
    const e = raw as Params;
    switch (e?.type) {
      case "message_start":
        this.id = e.message?.id;
        this.model = e.message?.model;
        this.usage = { ...this.usage, ...defined(anthropicUsage(e.message?.usage)) };
        return false;
      case "content_block_start": {
        const block = e.content_block;
        if (block?.type === "tool_use") this.blocks.tool(e.index, block.id, block.name, block.input);
        return this.blocks.append(e.index, block?.type === "thinking" ? "reasoning" : "text", block?.text);
      }
      case "content_block_delta":
        return (
          this.blocks.append(e.index, "text", e.delta?.text) ||
          this.blocks.append(e.index, "tool", e.delta?.partial_json) ||
          this.blocks.append(e.index, "reasoning", e.delta?.thinking)
        );
      case "message_delta":
        if (typeof e.delta?.stop_reason === "string") this.stopReason = e.delta.stop_reason;
        this.usage = { ...this.usage, ...defined(anthropicUsage(e.usage)) };
        return false;
      default:
        // the legacy Text Completions stream: `{completion, stop_reason}` pieces
        if (typeof e?.stop_reason === "string") this.stopReason = e.stop_reason;
        return this.blocks.append(0, "text", e?.completion);
    }
  }

  outcome(): Outcome {
    const usage = Object.keys(this.usage).length > 0 ? this.usage : undefined;
    return {
      id: this.id,
      model: this.model,
      message: this.blocks.size > 0 ? { role: "assistant", parts: this.blocks.parts() } : undefined,
      stopReason: this.stopReason,
      usage,
    };
  }
}

/** The counts that are present (a later event's usage adds to, never erases, an earlier one's). */
function defined(usage: TokenCounts | undefined): TokenCounts {
  const out: TokenCounts = {};
  for (const [k, v] of Object.entries(usage ?? {})) if (v !== undefined) out[k as keyof TokenCounts] = v;
  return out;
}

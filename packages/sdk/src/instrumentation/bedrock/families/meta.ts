/**
 * Meta Llama through InvokeModel: a `prompt` string in (the chat template
 * already applied by the caller), `generation` out, token counts in the body;
 * streamed as `generation` pieces with the counts on the way.
 */
import { GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { Params } from "../../operation.js";
import { textPart } from "../../parts.js";
import type { EventAssembler } from "../converse-events.js";
import { count, type Outcome, type TokenCounts } from "../record.js";
import type { ModelFamily } from "./family.js";

export const llamaFamily: ModelFamily = {
  operation: () => GEN_AI_OPERATIONS.textCompletion,
  prompt: (body) => ({
    system: [],
    messages: typeof body?.prompt === "string" ? [{ role: "user", parts: [textPart(body.prompt)] }] : [],
    tools: [],
    maxTokens: body?.max_gen_len,
    temperature: body?.temperature,
    topP: body?.top_p,
  }),
  outcome: (body) => ({
    message:
      typeof body?.generation === "string"
        ? { role: "assistant", parts: [textPart(body.generation)] }
        : undefined,
    stopReason: typeof body?.stop_reason === "string" ? body.stop_reason : undefined,
    usage: { input: count(body?.prompt_token_count), output: count(body?.generation_token_count) },
  }),
  stream: () => new LlamaEvents(),
};

class LlamaEvents implements EventAssembler {
  private text = "";
  private stopReason: string | undefined;
  private readonly usage: TokenCounts = {};

  add(raw: unknown): boolean {
    const e = raw as Params;
    if (typeof e?.stop_reason === "string") this.stopReason = e.stop_reason;
    this.usage.input = count(e?.prompt_token_count) ?? this.usage.input;
    this.usage.output = count(e?.generation_token_count) ?? this.usage.output;
    if (typeof e?.generation !== "string" || e.generation === "") return false;
    this.text += e.generation;
    return true;
  }

  outcome(): Outcome {
    return {
      message: this.text !== "" ? { role: "assistant", parts: [textPart(this.text)] } : undefined,
      stopReason: this.stopReason,
      usage: this.usage,
    };
  }
}

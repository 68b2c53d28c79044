/**
 * Amazon's own models through InvokeModel: Nova (the `messages-v1` schema,
 * shaped like Converse, and a Converse-shaped stream) and Titan Text
 * (`inputText` in, `results[].outputText` out).
 */
import { GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { Params } from "../../operation.js";
import { textPart } from "../../parts.js";
import { converseOutcome, conversePrompt } from "../converse.js";
import { ConverseEvents, type EventAssembler } from "../converse-events.js";
import { count, type Outcome, type TokenCounts } from "../record.js";
import type { ModelFamily } from "./family.js";

export const novaFamily: ModelFamily = {
  operation: () => GEN_AI_OPERATIONS.chat,
  prompt(body) {
    const config = body?.inferenceConfig ?? {};
    return {
      ...conversePrompt(body),
      maxTokens: config.maxTokens ?? config.max_new_tokens,
      topP: config.topP ?? config.top_p,
      topK: config.topK ?? config.top_k,
    };
  },
  outcome: converseOutcome,
  stream: () => new ConverseEvents(),
};

export const titanFamily: ModelFamily = {
  operation: () => GEN_AI_OPERATIONS.textCompletion,
  prompt(body) {
    const config = body?.textGenerationConfig ?? {};
    return {
      system: [],
      messages:
        typeof body?.inputText === "string" ? [{ role: "user", parts: [textPart(body.inputText)] }] : [],
      tools: [],
      maxTokens: config.maxTokenCount,
      temperature: config.temperature,
      topP: config.topP,
      stopSequences: config.stopSequences,
    };
  },
  outcome(body) {
    const results: Params[] = Array.isArray(body?.results) ? body.results : [];
    const first = results[0];
    const output = results.reduce<number | undefined>((sum, r) => add(sum, count(r?.tokenCount)), undefined);
    return {
      message: first ? { role: "assistant", parts: [textPart(String(first.outputText ?? ""))] } : undefined,
      stopReason: typeof first?.completionReason === "string" ? first.completionReason : undefined,
      usage: { input: count(body?.inputTextTokenCount), output },
    };
  },
  stream: () => new TitanEvents(),
};

const add = (a: number | undefined, b: number | undefined) => (b === undefined ? a : (a ?? 0) + b);

class TitanEvents implements EventAssembler {
  private text = "";
  private stopReason: string | undefined;
  private usage: TokenCounts = {};

  add(raw: unknown): boolean {
    const e = raw as Params;
    if (typeof e?.completionReason === "string") this.stopReason = e.completionReason;
    const input = count(e?.inputTextTokenCount);
    const output = count(e?.totalOutputTextTokenCount);
    if (input !== undefined) this.usage.input = input;
    if (output !== undefined) this.usage.output = output;
    if (typeof e?.outputText !== "string" || e.outputText === "") return false;
    this.text += e.outputText;
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

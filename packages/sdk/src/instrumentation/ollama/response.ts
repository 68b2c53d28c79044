/**
 * What every Ollama response carries, plain or streamed (the last chunk,
 * `done: true`): the model, `done_reason`, exact token counts
 * (`prompt_eval_count` in, `eval_count` out) and the server's timings
 * (nanoseconds), kept in metadata under their own names.
 */
import { GEN_AI, HH_ATTR } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Params, StreamAssembler } from "../operation.js";
import type { GenAIMessage } from "../parts.js";
import { messageParts } from "./messages.js";

const DURATIONS = ["total_duration", "load_duration", "prompt_eval_duration", "eval_duration"] as const;

/** Request options as `gen_ai.request.*` (Ollama puts sampling under `options`). */
export function recordOptions(span: ModelSpan, params: Params): void {
  const o = params.options ?? {};
  span.set(GEN_AI.requestTemperature, o.temperature);
  span.set(GEN_AI.requestTopP, o.top_p);
  span.set("gen_ai.request.top_k", o.top_k);
  span.set(GEN_AI.requestMaxTokens, o.num_predict);
  span.set(GEN_AI.requestSeed, o.seed);
  span.set(GEN_AI.requestStopSequences, typeof o.stop === "string" ? [o.stop] : o.stop);
  span.set(GEN_AI.requestFrequencyPenalty, o.frequency_penalty);
  span.set(GEN_AI.requestPresencePenalty, o.presence_penalty);
  span.set("ollama.request.num_ctx", o.num_ctx);
  if (params.format !== undefined && params.format !== "") span.set(GEN_AI.outputType, "json");
  span.set("ollama.request.think", params.think);
  span.set("ollama.request.keep_alive", params.keep_alive);
}

/** Model, usage and timings of a response or of a stream's last chunk. */
export function recordResult(span: ModelSpan, r: Params): void {
  span.set(GEN_AI.responseModel, r?.model);
  const input = r?.prompt_eval_count;
  const output = r?.eval_count;
  span.set(GEN_AI.inputTokens, input);
  span.set(GEN_AI.outputTokens, output);
  if (typeof input === "number" || typeof output === "number")
    span.set(
      GEN_AI.totalTokens,
      (typeof input === "number" ? input : 0) + (typeof output === "number" ? output : 0),
    );
  for (const key of DURATIONS) span.set(`${HH_ATTR.metadata}.${key}`, r?.[key]);
}

/** The finish reason and, when recorded, the output message. */
export function recordOutput(span: ModelSpan, message: GenAIMessage, doneReason: unknown): void {
  const finish = typeof doneReason === "string" && doneReason !== "" ? doneReason : "unknown";
  span.set(GEN_AI.responseFinishReasons, [finish]);
  if (span.recordOutputs) span.json(GEN_AI.outputMessages, [{ ...message, finish_reason: finish }]);
}

/** The output message of a chat response (`message`) or a generate response (`response`, `thinking`). */
export function outputMessage(r: Params): GenAIMessage {
  const m = r?.message ?? { role: "assistant", content: r?.response, thinking: r?.thinking };
  return { role: String(m.role ?? "assistant"), parts: messageParts({ ...m, role: "assistant" }) };
}

/** Assembles NDJSON chunks (chat's `message` pieces or generate's `response` pieces) into one response. */
export class OllamaStream implements StreamAssembler {
  private content = "";
  private thinking = "";
  private readonly calls: unknown[] = [];
  private last: Params;
  private model: unknown;
  private role = "assistant";

  constructor(private readonly span: ModelSpan) {}

  add(raw: unknown): boolean {
    const chunk = raw as Params;
    if (!chunk || typeof chunk !== "object") return true;
    this.model ??= chunk.model;
    const m = chunk.message ?? { content: chunk.response, thinking: chunk.thinking };
    if (typeof m.role === "string") this.role = m.role;
    if (typeof m.thinking === "string") this.thinking += m.thinking;
    if (typeof m.content === "string" && m.content !== "") {
      this.span.firstToken();
      this.content += m.content;
    }
    if (Array.isArray(m.tool_calls) && m.tool_calls.length > 0) {
      this.span.firstToken();
      this.calls.push(...m.tool_calls);
    }
    if (chunk.done === true) this.last = chunk;
    return true;
  }

  finish(): void {
    recordResult(this.span, this.last ?? { model: this.model });
    const message: GenAIMessage = {
      role: this.role,
      parts: messageParts({
        role: "assistant",
        content: this.content,
        thinking: this.thinking,
        tool_calls: this.calls,
      }),
    };
    recordOutput(this.span, message, this.last?.done_reason);
  }
}

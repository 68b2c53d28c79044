/**
 * Legacy `completions.create` (a prompt in, text out), plain and streamed, as
 * a GenAI `text_completion` span. Each prompt is an input message and each
 * choice an output message. Together's stream (finish reason and usage on
 * the chunk, not the choice) is read too. Usage is asked for a stream the
 * same way as for chat, and hidden again from a caller who did not ask.
 */
import { GEN_AI, GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Operation, Params, StreamAssembler } from "../operation.js";
import { type GenAIMessage, textPart } from "../parts.js";
import { chatCompletions } from "./chat.js";
import { recordSampling } from "./request.js";
import { recordUsage, visibleWithoutUsage } from "./usage.js";

export const textCompletions: Operation = {
  operation: GEN_AI_OPERATIONS.textCompletion,
  model: chatCompletions.model,
  prepare: chatCompletions.prepare,
  request(params, span) {
    recordSampling(span, params);
    if (!span.recordInputs) return;
    const prompts: unknown[] = Array.isArray(params.prompt) ? params.prompt : [params.prompt];
    span.json(
      GEN_AI.inputMessages,
      prompts.map((p): GenAIMessage => ({ role: "user", parts: [promptPart(p)] })),
    );
  },
  response(result, span) {
    const r = result as Params;
    span.set(GEN_AI.responseId, r?.id);
    span.set(GEN_AI.responseModel, r?.model);
    recordUsage(span, r?.usage);
    const choices: Params[] = Array.isArray(r?.choices) ? r.choices : [];
    recordChoices(
      span,
      choices.map((c) => ({ text: typeof c?.text === "string" ? c.text : "", finish: c?.finish_reason })),
    );
  },
  stream: (span, params, sent) => new CompletionStream(span, sent !== params),
};

/** A prompt is text, or token ids (kept as they are). */
function promptPart(prompt: unknown) {
  return typeof prompt === "string" ? textPart(prompt) : { type: "tokens", content: prompt ?? null };
}

interface Choice {
  text: string;
  finish: string | undefined | null;
}

function recordChoices(span: ModelSpan, choices: Choice[]): void {
  if (choices.length === 0) return;
  span.set(
    GEN_AI.responseFinishReasons,
    choices.map((c) => c.finish ?? "unknown"),
  );
  if (!span.recordOutputs) return;
  span.json(
    GEN_AI.outputMessages,
    choices.map((c) => ({
      role: "assistant",
      parts: [textPart(c.text)],
      finish_reason: c.finish ?? "unknown",
    })),
  );
}

/** Assembles text chunks (OpenAI: `choices[].text`; Together: also `delta.content`) per choice index. */
class CompletionStream implements StreamAssembler {
  private readonly choices: Choice[] = [];
  private head: Params;
  private usage: Params;

  constructor(
    private readonly span: ModelSpan,
    /** The instrumentation asked for usage: hide what the caller did not ask for. */
    private readonly hideUsage: boolean,
  ) {}

  add(raw: unknown): boolean {
    const chunk = raw as Params;
    if (!chunk || typeof chunk !== "object") return true;
    this.head ??= chunk;
    if (chunk.usage) this.usage = chunk.usage;
    const choices: Params[] = Array.isArray(chunk.choices) ? chunk.choices : [];
    for (const c of choices) {
      const index = typeof c?.index === "number" ? c.index : 0;
      let state = this.choices[index];
      if (state === undefined) {
        state = { text: "", finish: undefined };
        this.choices[index] = state;
      }
      const text = typeof c?.text === "string" ? c.text : c?.delta?.content;
      if (typeof text === "string" && text !== "") {
        this.span.firstToken();
        state.text += text;
      }
      const finish = c?.finish_reason ?? (choices.length === 1 ? chunk.finish_reason : undefined);
      if (finish) state.finish = finish;
    }
    return this.hideUsage ? visibleWithoutUsage(chunk) : true;
  }

  finish(): void {
    this.span.set(GEN_AI.responseId, this.head?.id);
    this.span.set(GEN_AI.responseModel, this.head?.model);
    recordUsage(this.span, this.usage);
    recordChoices(
      this.span,
      this.choices.filter((c) => c !== undefined),
    );
  }
}

/**
 * The choices of a streamed chat completion in OpenAI's shape (and the
 * look-alikes that follow it: Mistral, Groq, Together), built from their
 * deltas: role, text, refusal, tool calls merged by index, finish reason.
 * Providers read their own field names and feed this; it writes the same
 * finish reasons and output messages as a plain response would give.
 * Nothing is allocated per chunk beyond what the text itself needs.
 */
import { GEN_AI } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "./model-span.js";
import { type Part, textPart, toolCallPart } from "./parts.js";

export interface ChoiceState {
  role: string;
  content: string;
  refusal: string;
  finish: string | undefined;
  calls: { id?: string; name?: string; args: string }[];
}

/** One tool call's piece of a delta, as the providers send it (fields unchecked). */
export interface ToolCallDelta {
  index?: unknown;
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown } | null;
}

export class StreamedChoices {
  private readonly choices: ChoiceState[] = [];

  constructor(private readonly span: ModelSpan) {}

  /** Choice `index` (0 when not a number), created at its first delta. */
  choice(index: unknown): ChoiceState {
    const at = typeof index === "number" ? index : 0;
    let state = this.choices[at];
    if (state === undefined) {
      state = { role: "assistant", content: "", refusal: "", finish: undefined, calls: [] };
      this.choices[at] = state;
    }
    return state;
  }

  /** A piece of the choice's text: the first one is the stream's first token. */
  text(state: ChoiceState, text: string): void {
    if (text === "") return;
    this.span.firstToken();
    state.content += text;
  }

  /**
   * A tool call delta in OpenAI's shape (`{index, id, function: {name, arguments}}`): the call at
   * `index` (else the next one) gets its id, name and a piece of its arguments (an object is serialised).
   */
  toolCall(state: ChoiceState, delta: ToolCallDelta | null | undefined): void {
    this.span.firstToken();
    const index = delta?.index;
    const at = typeof index === "number" ? index : state.calls.length;
    let call = state.calls[at];
    if (call === undefined) {
      call = { args: "" };
      state.calls[at] = call;
    }
    if (!delta) return;
    const fn = delta.function;
    if (delta.id) call.id = delta.id as string;
    if (fn?.name) call.name = fn.name as string;
    const args = fn?.arguments;
    if (typeof args === "string") call.args += args;
    else if (args && typeof args === "object") call.args += JSON.stringify(args);
  }

  /** The finish reasons and (unless outputs are off) the output messages. */
  record(): void {
    if (this.choices.length === 0) return;
    this.span.set(
      GEN_AI.responseFinishReasons,
      this.choices.map((c) => c?.finish ?? "unknown"),
    );
    if (!this.span.recordOutputs) return;
    this.span.json(
      GEN_AI.outputMessages,
      this.choices.map((c) => {
        const parts: Part[] = [];
        if (c.content !== "") parts.push(textPart(c.content));
        if (c.refusal !== "") parts.push({ type: "refusal", content: c.refusal });
        for (const call of c.calls) parts.push(toolCallPart(call.id, call.name, call.args));
        return { role: c.role, parts, finish_reason: c.finish ?? "unknown" };
      }),
    );
  }
}

/**
 * Assembles a Messages stream's events into the message a plain call would
 * have returned: content blocks from their deltas (text, thinking, tool input
 * JSON), stop reason and usage from `message_start` and `message_delta`. A
 * stream that ends early keeps what arrived (a tool input cut short is kept
 * as its raw JSON text).
 */
import type { ModelSpan } from "../model-span.js";
import type { Params, StreamAssembler } from "../operation.js";
import { recordMessage } from "./response.js";
import { type AnthropicUsage, mergeUsage } from "./usage.js";

interface BlockState {
  block: Params;
  /** Tool input as streamed (`input_json_delta` pieces). */
  json: string;
}

export class MessageStreamAssembler implements StreamAssembler {
  private message: Params;
  private readonly blocks: BlockState[] = [];
  private usage: AnthropicUsage = {};
  private stopReason: string | undefined;
  private stopSequence: string | null | undefined;

  constructor(private readonly span: ModelSpan) {}

  add(raw: unknown): boolean {
    const event = raw as Params;
    switch (event?.type) {
      case "message_start":
        this.message = event.message;
        this.usage = mergeUsage(this.usage, event.message?.usage);
        break;
      case "content_block_start":
        if (typeof event.index === "number")
          this.blocks[event.index] = { block: { ...event.content_block }, json: "" };
        break;
      case "content_block_delta":
        this.delta(this.blocks[event.index], event.delta);
        break;
      case "message_delta":
        this.usage = mergeUsage(this.usage, event.usage);
        if (typeof event.delta?.stop_reason === "string") this.stopReason = event.delta.stop_reason;
        if (event.delta?.stop_sequence !== undefined) this.stopSequence = event.delta.stop_sequence;
        break;
    }
    return true;
  }

  finish(): void {
    recordMessage(this.span, {
      id: this.message?.id,
      model: this.message?.model,
      role: this.message?.role,
      content: this.blocks
        .filter(Boolean)
        .map(({ block, json }) => (json === "" ? block : { ...block, input: json })),
      stop_reason: this.stopReason ?? this.message?.stop_reason,
      stop_sequence: this.stopSequence ?? this.message?.stop_sequence,
      usage: this.usage,
    });
  }

  private delta(state: BlockState | undefined, delta: Params): void {
    if (state === undefined) return;
    switch (delta?.type) {
      case "text_delta":
        this.span.firstToken();
        state.block.text = String(state.block.text ?? "") + String(delta.text ?? "");
        break;
      case "thinking_delta":
        this.span.firstToken();
        state.block.thinking = String(state.block.thinking ?? "") + String(delta.thinking ?? "");
        break;
      case "signature_delta":
        state.block.signature = delta.signature;
        break;
      case "input_json_delta":
        this.span.firstToken();
        state.json += String(delta.partial_json ?? "");
        break;
    }
  }
}

/**
 * The events of a Converse stream (`messageStart`, `contentBlockStart`,
 * `contentBlockDelta`, `messageStop`, `metadata`) assembled into the same
 * {@link Outcome} as a plain Converse response. Amazon Nova streams its own
 * JSON in the same shape through InvokeModelWithResponseStream.
 */
import type { Params } from "../operation.js";
import { BlockAssembler } from "./blocks.js";
import { converseUsage } from "./converse.js";
import { count, type Outcome, type TokenCounts } from "./record.js";

/** Assembles one streamed answer; `add` says whether the event carried output content. */
export interface EventAssembler {
  add(event: unknown): boolean;
  outcome(): Outcome;
}

export class ConverseEvents implements EventAssembler {
  private readonly blocks = new BlockAssembler();
  private role = "assistant";
  private stopReason: string | undefined;
  private usage: TokenCounts | undefined;
  private latencyMs: number | undefined;

  add(raw: unknown): boolean {
    const e = raw as Params;
    if (!e || typeof e !== "object") return false;
    if (typeof e.messageStart?.role === "string") this.role = e.messageStart.role;
    const toolStart = e.contentBlockStart?.start?.toolUse;
    if (toolStart)
      this.blocks.tool(e.contentBlockStart.contentBlockIndex, toolStart.toolUseId, toolStart.name);
    if (typeof e.messageStop?.stopReason === "string") this.stopReason = e.messageStop.stopReason;
    if (e.metadata) {
      this.usage = converseUsage(e.metadata.usage) ?? this.usage;
      this.latencyMs = count(e.metadata.metrics?.latencyMs) ?? this.latencyMs;
    }
    const delta = e.contentBlockDelta?.delta;
    if (!delta) return false;
    const index = e.contentBlockDelta.contentBlockIndex;
    return (
      this.blocks.append(index, "text", delta.text) ||
      this.blocks.append(index, "tool", delta.toolUse?.input) ||
      this.blocks.append(index, "reasoning", delta.reasoningContent?.text)
    );
  }

  outcome(): Outcome {
    return {
      message: this.blocks.size > 0 ? { role: this.role, parts: this.blocks.parts() } : undefined,
      stopReason: this.stopReason,
      usage: this.usage,
      latencyMs: this.latencyMs,
    };
  }
}

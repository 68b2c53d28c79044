/** A response message (a plain call's, or one assembled from a stream) onto the span. */
import { GEN_AI } from "@honeyhive-ts/semconv";
import type { ModelSpan } from "../model-span.js";
import type { Params } from "../operation.js";
import { blockPart } from "./content.js";
import { recordStopReason, recordUsage } from "./usage.js";

/** A complete message: id, model, usage, finish reason and (when recorded) its content. */
export function recordMessage(span: ModelSpan, message: Params): void {
  span.set(GEN_AI.responseId, message?.id);
  span.set(GEN_AI.responseModel, message?.model);
  recordUsage(span, message?.usage);
  const finish = recordStopReason(span, message?.stop_reason, message?.stop_sequence);
  if (!span.recordOutputs || !Array.isArray(message?.content)) return;
  span.json(GEN_AI.outputMessages, [
    {
      role: String(message.role ?? "assistant"),
      parts: message.content.map(blockPart),
      ...(finish ? { finish_reason: finish } : {}),
    },
  ]);
}

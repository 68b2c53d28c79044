/** What InvokeModel needs to know about one model family's own JSON. */
import type { Params } from "../../operation.js";
import type { EventAssembler } from "../converse-events.js";
import type { Outcome, Prompt } from "../record.js";

export interface ModelFamily {
  /** `gen_ai.operation.name` for this request body. */
  operation(body: Params): string;
  prompt(body: Params): Prompt;
  outcome(body: Params): Outcome;
  /** An assembler for the decoded JSON chunks of a streamed answer. */
  stream(): EventAssembler;
}

/**
 * The four Bedrock Runtime commands that are model calls, and how each one's
 * input and output read. Every other command (CountTokens, ApplyGuardrail,
 * async invokes, ...) has no entry and passes through untraced.
 */
import { GEN_AI_OPERATIONS } from "@honeyhive-ts/semconv";
import type { Params } from "../operation.js";
import { converseOutcome, conversePrompt } from "./converse.js";
import { ConverseEvents, type EventAssembler } from "./converse-events.js";
import { familyOf } from "./families/index.js";
import { count, type Outcome, type Prompt, type TokenCounts } from "./record.js";

/** Response headers (lower-case names) of the call's last HTTP attempt. */
export type Headers = Readonly<Record<string, string | undefined>>;

export interface BedrockOperation {
  operation(input: Params): string;
  prompt(input: Params): Prompt;
  /** The output member holding the event stream, for streamed commands. */
  streamMember?: "stream" | "body";
  outcome(output: Params, input: Params, headers: Headers): Outcome;
  events(input: Params, headers: Headers): EventAssembler;
}

const none = (): Outcome => ({});
const noEvents: EventAssembler = { add: () => false, outcome: none };

const converse: BedrockOperation = {
  operation: () => GEN_AI_OPERATIONS.chat,
  prompt: conversePrompt,
  outcome: converseOutcome,
  events: () => noEvents,
};

const converseStream: BedrockOperation = {
  ...converse,
  streamMember: "stream",
  outcome: none,
  events: () => new ConverseEvents(),
};

const invokeModel: BedrockOperation = {
  operation: (input) => familyOf(modelIdOf(input), requestBody(input)).operation(requestBody(input)),
  prompt: (input) => familyOf(modelIdOf(input), requestBody(input)).prompt(requestBody(input)),
  outcome(output, input, headers) {
    const body = json(output?.body);
    const outcome = body === undefined ? {} : familyOf(modelIdOf(input), requestBody(input)).outcome(body);
    return withHeaderUsage(outcome, headers);
  },
  events: () => noEvents,
};

const invokeModelStream: BedrockOperation = {
  ...invokeModel,
  streamMember: "body",
  outcome: none,
  events: (input) => new InvokeEvents(familyOf(modelIdOf(input), requestBody(input)).stream()),
};

const OPERATIONS: Readonly<Record<string, BedrockOperation>> = {
  Converse: converse,
  ConverseStream: converseStream,
  InvokeModel: invokeModel,
  InvokeModelWithResponseStream: invokeModelStream,
};

/**
 * The operation of a command object: its Smithy operation schema names it
 * (`[9, namespace, "Converse", ...]`), older clients only by class name.
 */
export function operationOf(command: unknown): { name: string; op: BedrockOperation } | undefined {
  if (command === null || typeof command !== "object") return undefined;
  const schema = (command as { schema?: unknown }).schema;
  const fromSchema = Array.isArray(schema) && schema[0] === 9 ? schema[2] : undefined;
  const name =
    typeof fromSchema === "string" ? fromSchema : command.constructor?.name?.replace(/Command$/, "");
  const op = name !== undefined && Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
  return op && name ? { name, op } : undefined;
}

export function modelIdOf(input: Params): string {
  return typeof input?.modelId === "string" ? input.modelId : "";
}

/** The request body's JSON, decoded once per input. */
const bodies = new WeakMap<object, Params>();
function requestBody(input: Params): Params {
  if (!input || typeof input !== "object") return undefined;
  if (!bodies.has(input)) bodies.set(input, json(input.body));
  return bodies.get(input);
}

const decoder = new TextDecoder();

/** JSON from a string or bytes; undefined for anything else (a stream body is not read) or invalid JSON. */
export function json(body: unknown): Params {
  try {
    if (typeof body === "string") return JSON.parse(body);
    if (ArrayBuffer.isView(body) || body instanceof ArrayBuffer)
      return JSON.parse(decoder.decode(body as Uint8Array));
  } catch {
    // not JSON: nothing to read
  }
  return undefined;
}

/** Bedrock's usage headers stand in when the body has no counts (families that report none). */
function withHeaderUsage(outcome: Outcome, h: Headers): Outcome {
  const usage: TokenCounts = {
    input: count(h["x-amzn-bedrock-input-token-count"]),
    output: count(h["x-amzn-bedrock-output-token-count"]),
    cacheRead: count(h["x-amzn-bedrock-cache-read-input-token-count"]),
    cacheWrite: count(h["x-amzn-bedrock-cache-write-input-token-count"]),
  };
  return withUsage(outcome, usage, count(h["x-amzn-bedrock-invocation-latency"]));
}

/** `usage` and `latencyMs` where the outcome has none of its own. */
function withUsage(outcome: Outcome, usage: TokenCounts, latencyMs: number | undefined): Outcome {
  const own = outcome.usage?.input !== undefined || outcome.usage?.output !== undefined;
  return { ...outcome, usage: own ? outcome.usage : usage, latencyMs: outcome.latencyMs ?? latencyMs };
}

/**
 * The `{chunk: {bytes}}` events of InvokeModelWithResponseStream, decoded
 * and given to the family's assembler. The last chunk carries Bedrock's
 * `amazon-bedrock-invocationMetrics`: the counts when the family sent none.
 */
class InvokeEvents implements EventAssembler {
  private metrics: Params;

  constructor(private readonly family: EventAssembler) {}

  add(raw: unknown): boolean {
    const decoded = json((raw as Params)?.chunk?.bytes);
    if (!decoded || typeof decoded !== "object") return false;
    const metrics = decoded["amazon-bedrock-invocationMetrics"];
    if (metrics) this.metrics = metrics;
    return this.family.add(decoded);
  }

  outcome(): Outcome {
    const outcome = this.family.outcome();
    const m = this.metrics;
    if (!m) return outcome;
    const usage: TokenCounts = {
      input: count(m.inputTokenCount),
      output: count(m.outputTokenCount),
      cacheRead: count(m.cacheReadInputTokenCount),
      cacheWrite: count(m.cacheWriteInputTokenCount),
    };
    return withUsage(outcome, usage, count(m.invocationLatency));
  }
}

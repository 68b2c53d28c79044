/**
 * Which attributes carry content (prompts, completions, inputs, outputs,
 * metadata) and therefore go through the user's `mask` at encode time.
 * The one list; the encoder and the docs read it from here.
 */
import { GEN_AI, HH_ATTR, OPENINFERENCE, TRACELOOP, VERCEL_AI } from "@honeyhive-ts/semconv";

/** A key starting with any of these is content. */
export const CONTENT_ATTRIBUTE_PREFIXES: readonly string[] = [
  HH_ATTR.inputs,
  HH_ATTR.outputs,
  HH_ATTR.metadata,
  HH_ATTR.config,
  HH_ATTR.feedback,
  HH_ATTR.userProperties,
  HH_ATTR.error,
  `${GEN_AI.promptPrefix}.`,
  `${GEN_AI.completionPrefix}.`,
  `${OPENINFERENCE.inputMessages}.`,
  `${OPENINFERENCE.outputMessages}.`,
  `${OPENINFERENCE.retrievalDocuments}.`,
  VERCEL_AI.prompt, // ai.prompt, ai.prompt.messages, ai.prompt.tools, ...
  "ai.response.",
];

/** These keys, and their flattened forms (`key.` + anything), are content. */
export const CONTENT_ATTRIBUTE_KEYS: readonly string[] = [
  GEN_AI.inputMessages,
  GEN_AI.outputMessages,
  GEN_AI.systemInstructions,
  GEN_AI.toolDefinitions,
  GEN_AI.toolCallArguments,
  GEN_AI.toolCallResult,
  OPENINFERENCE.inputValue,
  OPENINFERENCE.outputValue,
  TRACELOOP.entityInput,
  TRACELOOP.entityOutput,
  VERCEL_AI.toolCallArgs,
  VERCEL_AI.toolCallResult,
  // AI SDK 5 names for the same two values.
  VERCEL_AI.toolCallInput,
  VERCEL_AI.toolCallOutput,
];

/**
 * Span event attributes that carry content besides the content keys above.
 * The stack trace too: its first line repeats the exception message.
 */
export const CONTENT_EVENT_ATTRIBUTE_KEYS: readonly string[] = ["exception.message", "exception.stacktrace"];

/**
 * The key `mask` receives with a span's status message, which instrumentations
 * fill with the error message (the server turns it into the event's error).
 */
export const STATUS_MESSAGE_KEY = "otel.status_description";

const exact = new Set(CONTENT_ATTRIBUTE_KEYS);
const eventExact = new Set(CONTENT_EVENT_ATTRIBUTE_KEYS);
/** Prefixes bucketed by first character: most keys are rejected after one charCodeAt. */
const byFirstChar = new Map<number, string[]>();
for (const p of [...CONTENT_ATTRIBUTE_PREFIXES, ...CONTENT_ATTRIBUTE_KEYS.map((k) => `${k}.`)]) {
  const c = p.charCodeAt(0);
  const list = byFirstChar.get(c) ?? [];
  list.push(p);
  byFirstChar.set(c, list);
}

/** Answers by key: attribute names repeat from span to span. Bounded: cleared when full. */
const memo = new Map<string, boolean>();
const MEMO_MAX = 4096;

/** True when the value of this span attribute is content that `mask` must see. */
export function isContentAttribute(key: string): boolean {
  let answer = memo.get(key);
  if (answer === undefined) {
    answer = matches(key);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, answer);
  }
  return answer;
}

function matches(key: string): boolean {
  const prefixes = byFirstChar.get(key.charCodeAt(0));
  if (prefixes === undefined) return false;
  if (exact.has(key)) return true;
  for (const p of prefixes) if (key.startsWith(p)) return true;
  return false;
}

/** True when the value of this span event attribute must go through `mask`. */
export function isContentEventAttribute(key: string): boolean {
  return eventExact.has(key) || isContentAttribute(key);
}

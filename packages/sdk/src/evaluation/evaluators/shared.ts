import type { EvaluatorInput, EvaluatorOptions } from "../types.js";

/**
 * What every built-in accepts besides the wrapper's options: where to read the
 * value to score and the reference from. Datasets often hold structured ground
 * truth (`{answer, sources}`) and functions return objects; selectors keep each
 * built-in about one kind of comparison instead of guessing fields.
 */
export interface FieldOptions {
  /** The value to score (default: the function's output). */
  selectOutput?: (output: unknown, input: EvaluatorInput) => unknown;
  /** The reference (default: the datapoint's ground truth). */
  selectExpected?: (expected: unknown, input: EvaluatorInput) => unknown;
}

export type BuiltinOptions = EvaluatorOptions & FieldOptions;

export const pickOutput = (ev: EvaluatorInput, o: FieldOptions): unknown =>
  o.selectOutput ? o.selectOutput(ev.output, ev) : ev.output;

export const pickExpected = (ev: EvaluatorInput, o: FieldOptions): unknown =>
  o.selectExpected ? o.selectExpected(ev.expected, ev) : ev.expected;

/** The reference, or an error naming the evaluator when the datapoint has none. */
export function requireExpected(ev: EvaluatorInput, o: FieldOptions, who: string): unknown {
  const expected = pickExpected(ev, o);
  if (expected === undefined || expected === null)
    throw new Error(`${who} needs a ground truth (expected) and the datapoint has none`);
  return expected;
}

/** Text of a value as text metrics see it: strings as they are, others as JSON. */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  return JSON.stringify(value) ?? String(value);
}

export interface TextNormalization {
  /** Compare case-insensitively (default false). */
  ignoreCase?: boolean;
  /** Trim and collapse runs of whitespace to one space (default false). */
  normalizeWhitespace?: boolean;
}

export function normalizeText(text: string, o: TextNormalization): string {
  let out = text.normalize("NFC");
  if (o.normalizeWhitespace) out = out.trim().replace(/\s+/gu, " ");
  if (o.ignoreCase) out = out.toLowerCase();
  return out;
}

/** The wrapper's options out of a built-in's options (the rest are the built-in's own). */
export function wrapperOptions(o: EvaluatorOptions, defaults: EvaluatorOptions): EvaluatorOptions {
  const out: EvaluatorOptions = { ...defaults };
  for (const key of [
    "name",
    "weight",
    "threshold",
    "passWhen",
    "repeat",
    "aggregate",
    "timeoutMs",
  ] as const) {
    if (o[key] !== undefined) (out as Record<string, unknown>)[key] = o[key];
  }
  return out;
}

/** Shortens a value for an explanation. */
export function preview(value: unknown, max = 80): string {
  const text = asText(value);
  return text.length <= max ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, max))}…`;
}

/** Words and punctuation marks as separate tokens, for BLEU and ROUGE. */
export function tokenize(text: string, ignoreCase = false): string[] {
  const source = ignoreCase ? text.toLowerCase() : text;
  return source.match(/[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]/gu) ?? [];
}

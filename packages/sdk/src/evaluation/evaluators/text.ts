/** String matching: exact match, substring containment, regular expressions. */
import { evaluator } from "../evaluator.js";
import type { Evaluator, EvaluatorInput } from "../types.js";
import {
  asText,
  type BuiltinOptions,
  normalizeText,
  pickOutput,
  preview,
  requireExpected,
  type TextNormalization,
  wrapperOptions,
} from "./shared.js";

/** JSON with object keys sorted, so that key order never decides equality. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export type ExactMatchOptions = BuiltinOptions & TextNormalization;

/**
 * `true` when the output equals the ground truth. Strings compare after the
 * chosen normalisation; other values compare as JSON with sorted keys.
 * Passes when true.
 */
export function exactMatch(options: ExactMatchOptions = {}): Evaluator {
  return evaluator(
    (ev: EvaluatorInput) => {
      const output = pickOutput(ev, options);
      const expected = requireExpected(ev, options, "exact_match");
      const same =
        typeof output === "string" && typeof expected === "string"
          ? normalizeText(output, options) === normalizeText(expected, options)
          : canonical(output) === canonical(expected);
      return {
        score: same,
        explanation: same
          ? "output equals the expected value"
          : `expected ${preview(expected)}, got ${preview(output)}`,
      };
    },
    wrapperOptions(options, { name: "exact_match", passWhen: true }),
  );
}

/** How several needles combine: at least one, every one, or none of them present. */
export type MatchMode = "any" | "all" | "none";

/** The boolean verdict of a match and the explanation naming what decided it. */
function verdict(labels: string[], found: boolean[], mode: MatchMode, what: string) {
  const hits = labels.filter((_, i) => found[i]);
  const misses = labels.filter((_, i) => !found[i]);
  const score = mode === "any" ? hits.length > 0 : mode === "all" ? misses.length === 0 : hits.length === 0;
  const explanation =
    mode === "none"
      ? hits.length
        ? `output ${what} forbidden ${hits.join(", ")}`
        : `output ${what} none of ${labels.join(", ")}`
      : misses.length === 0
        ? `output ${what} ${labels.join(", ")}`
        : hits.length === 0
          ? `output ${what} none of ${labels.join(", ")}`
          : `output ${what} ${hits.join(", ")} but not ${misses.join(", ")}`;
  return { score, explanation };
}

function asList<T>(value: T | readonly T[]): T[] {
  return Array.isArray(value) ? [...value] : [value as T];
}

export interface ContainsOptions extends BuiltinOptions, TextNormalization {
  /** The substrings to look for (default: the ground truth, a string or a list of strings). */
  values?: string | string[];
  /** any (default): one is enough; all: every one; none: none may appear. */
  mode?: MatchMode;
}

/** `true` when the output text contains the values by `mode`. Passes when true. */
export function contains(options: ContainsOptions = {}): Evaluator {
  const mode = options.mode ?? "any";
  return evaluator(
    (ev: EvaluatorInput) => {
      const needles = asList(options.values ?? requireExpected(ev, options, "contains")).map(asText);
      if (needles.length === 0) throw new Error("contains needs at least one value");
      const haystack = normalizeText(asText(pickOutput(ev, options)), options);
      const found = needles.map((n) => haystack.includes(normalizeText(n, options)));
      return verdict(
        needles.map((n) => JSON.stringify(n)),
        found,
        mode,
        "contains",
      );
    },
    wrapperOptions(options, { name: "contains", passWhen: true }),
  );
}

export interface RegexOptions extends BuiltinOptions {
  /** Patterns (RegExp, or strings compiled with the `u` flag). */
  patterns: RegExp | string | (RegExp | string)[];
  /** any (default): one must match; all: every one; none: none may match. */
  mode?: MatchMode;
}

/** `true` when the output text matches the patterns by `mode`. Passes when true. */
export function regex(options: RegexOptions): Evaluator {
  const patterns = asList(options.patterns).map((p) => (typeof p === "string" ? new RegExp(p, "u") : p));
  if (patterns.length === 0) throw new TypeError("regex needs at least one pattern");
  const mode = options.mode ?? "any";
  return evaluator(
    (ev: EvaluatorInput) => {
      const text = asText(pickOutput(ev, options));
      // A global or sticky RegExp keeps lastIndex between calls; test a fresh copy.
      const found = patterns.map((p) => new RegExp(p.source, p.flags).test(text));
      return verdict(
        patterns.map((p) => String(p)),
        found,
        mode,
        "matches",
      );
    },
    wrapperOptions(options, { name: "regex", passWhen: true }),
  );
}

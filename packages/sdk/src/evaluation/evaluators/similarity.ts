/** Text similarity against the ground truth: Levenshtein, BLEU-4, ROUGE-L. */
import { evaluator } from "../evaluator.js";
import type { Evaluator, EvaluatorInput } from "../types.js";
import {
  asText,
  type BuiltinOptions,
  normalizeText,
  pickOutput,
  requireExpected,
  type TextNormalization,
  tokenize,
  wrapperOptions,
} from "./shared.js";

/** Edit distance (insertions, deletions, substitutions of one code point each), in O(min) memory. */
export function levenshteinDistance(a: string, b: string): number {
  let s = [...a];
  let t = [...b];
  if (s.length < t.length) [s, t] = [t, s];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[t.length]!;
}

export type LevenshteinOptions = BuiltinOptions & TextNormalization;

/** Character similarity to the ground truth, 1 - distance / the longer length, in 0..1. Passes at >= 0.8 unless `threshold` says otherwise. */
export function levenshtein(options: LevenshteinOptions = {}): Evaluator {
  return evaluator(
    (ev: EvaluatorInput) => {
      const output = normalizeText(asText(pickOutput(ev, options)), options);
      const expected = normalizeText(asText(requireExpected(ev, options, "levenshtein")), options);
      const distance = levenshteinDistance(output, expected);
      const longest = Math.max([...output].length, [...expected].length);
      return {
        score: longest === 0 ? 1 : 1 - distance / longest,
        explanation: `edit distance ${distance} over ${longest} characters`,
      };
    },
    wrapperOptions(options, { name: "levenshtein_similarity", threshold: { min: 0.8 } }),
  );
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join("\u0000");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Sentence BLEU-4 (uniform weights, brevity penalty against the reference
 * closest in length, ties to the shorter) with add-one smoothing of the 2- to
 * 4-gram precisions (Lin & Och 2004; "smoothing 2" in Chen & Cherry 2014):
 * p_n = (matches + 1) / (candidate n-grams + 1) for n > 1, so that one missing
 * 4-gram does not zero a short sentence. Unigram precision is not smoothed: a
 * candidate sharing no word with the references scores 0.
 */
export function sentenceBleu(candidate: string[], references: string[][]): number {
  if (candidate.length === 0 || references.length === 0) return 0;
  let logSum = 0;
  for (let n = 1; n <= 4; n++) {
    const counts = ngrams(candidate, n);
    const maxRef = new Map<string, number>();
    for (const ref of references)
      for (const [g, c] of ngrams(ref, n)) maxRef.set(g, Math.max(maxRef.get(g) ?? 0, c));
    let matches = 0;
    let total = 0;
    for (const [g, c] of counts) {
      matches += Math.min(c, maxRef.get(g) ?? 0);
      total += c;
    }
    const precision = n === 1 ? matches / total : (matches + 1) / (total + 1);
    if (precision === 0) return 0;
    logSum += Math.log(precision) / 4;
  }
  const c = candidate.length;
  const r = references
    .map((ref) => ref.length)
    .reduce((best, len) =>
      Math.abs(len - c) < Math.abs(best - c) || (Math.abs(len - c) === Math.abs(best - c) && len < best)
        ? len
        : best,
    );
  const brevity = c > r ? 1 : Math.exp(1 - r / c);
  return brevity * Math.exp(logSum);
}

/** Length of the longest common subsequence of two token lists. */
export function lcsLength(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = [0];
    for (let j = 1; j <= b.length; j++)
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    previous = current;
  }
  return previous[b.length]!;
}

/** ROUGE-L F-measure: P = LCS/|candidate|, R = LCS/|reference|, F = (1+β²)PR / (R + β²P). */
export function rougeLScore(candidate: string[], reference: string[], beta = 1): number {
  const lcs = lcsLength(candidate, reference);
  if (lcs === 0) return 0;
  const p = lcs / candidate.length;
  const r = lcs / reference.length;
  return ((1 + beta * beta) * p * r) / (r + beta * beta * p);
}

export interface TokenMetricOptions extends BuiltinOptions {
  /** Lower-case before tokenizing (default false). Tokens are words and single punctuation marks. */
  ignoreCase?: boolean;
}

function references(expected: unknown): unknown[] {
  const list = Array.isArray(expected) ? expected : [expected];
  if (list.length === 0) throw new Error("the ground truth is an empty list of references");
  return list;
}

/**
 * Sentence BLEU-4 of the output against the ground truth (a string, or a list
 * of reference strings), in 0..1. Passes at >= 0.5 unless `threshold` says otherwise.
 */
export function bleu(options: TokenMetricOptions = {}): Evaluator {
  return evaluator(
    (ev: EvaluatorInput) => {
      const candidate = tokenize(asText(pickOutput(ev, options)), options.ignoreCase);
      const refs = references(requireExpected(ev, options, "bleu")).map((r) =>
        tokenize(asText(r), options.ignoreCase),
      );
      return {
        score: sentenceBleu(candidate, refs),
        explanation: `BLEU-4 of ${candidate.length} tokens against ${refs.length} reference(s), add-one smoothing for n > 1`,
      };
    },
    wrapperOptions(options, { name: "bleu", threshold: { min: 0.5 } }),
  );
}

export interface RougeLOptions extends TokenMetricOptions {
  /** Weight of recall against precision (default 1: the F1 score). */
  beta?: number;
}

/**
 * ROUGE-L F-measure of the output against the ground truth (with several
 * references, the best). Passes at >= 0.5 unless `threshold` says otherwise.
 */
export function rougeL(options: RougeLOptions = {}): Evaluator {
  return evaluator(
    (ev: EvaluatorInput) => {
      const candidate = tokenize(asText(pickOutput(ev, options)), options.ignoreCase);
      const scores = references(requireExpected(ev, options, "rouge_l")).map((r) =>
        rougeLScore(candidate, tokenize(asText(r), options.ignoreCase), options.beta),
      );
      return {
        score: Math.max(...scores),
        explanation: `ROUGE-L F${options.beta ?? 1} of ${candidate.length} tokens`,
      };
    },
    wrapperOptions(options, { name: "rouge_l", threshold: { min: 0.5 } }),
  );
}

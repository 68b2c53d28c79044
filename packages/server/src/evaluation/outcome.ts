/** What one evaluation produced: a score (with an optional explanation) or an error. */
export type Score = number | boolean | string;

export interface Scored {
  score: Score;
  explanation?: string;
}

/**
 * An evaluation failure. `transient` ones (a provider error, a timeout of the
 * provider) are retried with backoff up to the attempt limit; the rest (a
 * snippet that throws, loops or exhausts its memory) would fail the same way
 * again, so they are recorded at once.
 */
export class EvaluationError extends Error {
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
  }
}

const MAX_EXPLANATION = 4000;

/**
 * Reads an evaluator's answer: a number, a boolean, a string, or an object
 * `{score, explanation?}` (`value` is accepted for score).
 */
export function toScored(value: unknown, what: string): Scored {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new EvaluationError(`${what} returned ${value}, not a finite number`);
    return { score: value };
  }
  if (typeof value === "boolean" || typeof value === "string") return { score: value };
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const inner = toScored(o["score"] ?? o["value"], what);
    const explanation = o["explanation"] ?? o["reason"];
    return typeof explanation === "string" && explanation !== ""
      ? { ...inner, explanation: explanation.slice(0, MAX_EXPLANATION) }
      : inner;
  }
  throw new EvaluationError(
    `${what} returned ${value === undefined ? "nothing" : JSON.stringify(value)?.slice(0, 100)}`,
  );
}

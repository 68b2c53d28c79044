/** JSON validity and conformance to a JSON Schema subset. */
import { evaluator } from "../evaluator.js";
import type { Evaluator, EvaluatorInput } from "../types.js";
import { checkSchema, type JsonSchema, validate } from "./json-schema.js";
import { type BuiltinOptions, pickOutput, wrapperOptions } from "./shared.js";

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** A string output is parsed as JSON; any other value is taken as already parsed. */
function parseOutput(output: unknown): Parsed {
  if (typeof output !== "string") {
    try {
      return JSON.stringify(output) === undefined
        ? { ok: false, error: `a ${typeof output} is not JSON` }
        : { ok: true, value: output };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  }
  try {
    return { ok: true, value: JSON.parse(output) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** `true` when the output is JSON text (or a value JSON can represent). Passes when true. */
export function jsonValid(options: BuiltinOptions = {}): Evaluator {
  return evaluator(
    (ev: EvaluatorInput) => {
      const parsed = parseOutput(pickOutput(ev, options));
      return parsed.ok
        ? { score: true, explanation: "output is valid JSON" }
        : { score: false, explanation: `output is not valid JSON: ${parsed.error}` };
    },
    wrapperOptions(options, { name: "json_valid", passWhen: true }),
  );
}

export interface JsonSchemaOptions extends BuiltinOptions {
  /** The schema (the subset documented in json-schema.ts; other keywords are refused here). */
  schema: JsonSchema;
}

/**
 * `true` when the output (JSON text, or a value) conforms to the schema; the
 * explanation names the first violation's path, e.g. `$.items[2].price`.
 * Passes when true.
 */
export function jsonSchema(options: JsonSchemaOptions): Evaluator {
  checkSchema(options.schema);
  return evaluator(
    (ev: EvaluatorInput) => {
      const parsed = parseOutput(pickOutput(ev, options));
      if (!parsed.ok) return { score: false, explanation: `output is not valid JSON: ${parsed.error}` };
      const violation = validate(parsed.value, options.schema);
      return violation
        ? { score: false, explanation: `${violation.path}: ${violation.message}` }
        : { score: true, explanation: "output conforms to the schema" };
    },
    wrapperOptions(options, { name: "json_schema", passWhen: true }),
  );
}

/** Latency and cost budgets, from the facts of the call (`EvaluatorInput.call`). */
import { evaluator } from "../evaluator.js";
import type { Evaluator, EvaluatorInput, EvaluatorOptions } from "../types.js";
import { wrapperOptions } from "./shared.js";

type CallFact = "durationMs" | "cost";

/** The measured fact as the score (lower is better); passes when it is at most the budget. */
function budget(
  fact: CallFact,
  limit: number,
  unit: string,
  options: EvaluatorOptions,
  name: string,
): Evaluator {
  if (!(limit >= 0)) throw new TypeError(`${name} needs a budget >= 0, got ${limit}`);
  return evaluator(
    (ev: EvaluatorInput) => {
      const value = ev.call?.[fact];
      if (typeof value !== "number") throw new Error(`the call's ${fact} is not known`);
      const within = value <= limit;
      return {
        score: value,
        explanation: `${value}${unit} ${within ? "within" : "over"} the budget of ${limit}${unit}`,
      };
    },
    wrapperOptions(options, { name, threshold: { max: limit } }),
  );
}

/** The call's duration in ms; passes at most `maxMs`. */
export function latencyBudget(options: EvaluatorOptions & { maxMs: number }): Evaluator {
  return budget("durationMs", options.maxMs, " ms", options, "latency_budget");
}

/** The call's cost (the price table's currency, USD); passes at most `maxCost`. */
export function costBudget(options: EvaluatorOptions & { maxCost: number }): Evaluator {
  return budget("cost", options.maxCost, " USD", options, "cost_budget");
}

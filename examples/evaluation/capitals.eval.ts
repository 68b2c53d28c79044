/**
 * An evaluation file in TypeScript, run by the CLI (no LLM needed):
 *
 *   npx honeyhive eval examples/evaluation/capitals.eval.ts
 *   npx honeyhive eval examples/evaluation/capitals.eval.ts --baseline last --fail-on-regression exact_match
 *
 * The default export is the options of `evaluate()`; the CLI runs it against
 * the server of --server / HH_API_URL and prints the summary and the run id.
 * The function under test is a deterministic lookup standing in for an LLM
 * app; swap in your own (a traced OpenAI call, an agent) and keep the rest.
 */
import { type EvaluateOptions, evaluators } from "@honeyhive-ts/sdk";

const KNOWN: Record<string, string> = {
  France: "Paris",
  Japan: "Tokyo",
  Kenya: "Nairobi",
  Peru: "Lima",
  Canada: "Ottawa",
};

/** The application under test: answers "what is the capital of <country>?". */
function capitalOf(inputs: Record<string, unknown>): string {
  return KNOWN[String(inputs["country"])] ?? "I don't know";
}

/** A custom evaluator: did the app give an answer at all? */
const answered = ({ output }: { output: unknown }) => output !== "I don't know";

export default {
  name: "capitals",
  function: capitalOf,
  dataset: [
    { inputs: { country: "France" }, ground_truth: "Paris" },
    { inputs: { country: "Japan" }, ground_truth: "Tokyo" },
    { inputs: { country: "Kenya" }, ground_truth: "Nairobi" },
    { inputs: { country: "Peru" }, ground_truth: "Lima" },
    { inputs: { country: "Australia" }, ground_truth: "Canberra" },
  ],
  evaluators: [evaluators.exactMatch({ ignoreCase: true }), evaluators.levenshtein(), answered],
  maxConcurrency: 4,
} satisfies EvaluateOptions;

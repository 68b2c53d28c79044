import { type EvaluateOptions, type ExperimentResult, evaluate } from "@honeyhive-ts/sdk";
import { CliError, EXIT } from "../cli/errors.js";
import type { Target } from "../target.js";
import type { LoadedFile } from "./load.js";

/**
 * What an evaluation file asks the CLI to run: its default export, one
 * evaluate() options object or an array of them.
 */
export function experimentsOf(loaded: LoadedFile): EvaluateOptions[] {
  const exported = loaded.module["default"];
  if (exported === undefined) {
    throw new CliError(
      "HH_E_EVAL_FILE",
      `${loaded.path} has no default export and ran no evaluate()`,
      EXIT.invalid,
      "Default-export {function, dataset | datasetId, evaluators, ...} (or an array of them), or call evaluate() in the file.",
    );
  }
  const list = Array.isArray(exported) ? exported : [exported];
  list.forEach((o, i) => {
    if (typeof o !== "object" || o === null || typeof (o as { function?: unknown }).function !== "function") {
      const which = Array.isArray(exported) ? `item ${i} of the default export` : "the default export";
      throw new CliError(
        "HH_E_EVAL_FILE",
        `${loaded.path}: ${which} is not evaluate() options (no 'function')`,
        EXIT.invalid,
        "Default-export {function, dataset | datasetId, evaluators, ...}, or an array of them.",
      );
    }
  });
  return list as EvaluateOptions[];
}

/** What the command line changes in every experiment of the file. */
export interface Overrides {
  name?: string | undefined;
  maxConcurrency?: number | undefined;
  target: Target;
}

/**
 * Runs the experiments one after another (each has its own concurrency),
 * stopping after one is cancelled (evaluate() turns Ctrl-C into a cancelled
 * run). The CLI's server and key win over the file's so that `--server`
 * means the same for the run and its comparison; the CLI prints the
 * summaries itself.
 */
export async function runExperiments(
  experiments: readonly EvaluateOptions[],
  o: Overrides,
): Promise<ExperimentResult[]> {
  const results: ExperimentResult[] = [];
  for (const [i, options] of experiments.entries()) {
    const name = o.name === undefined ? options.name : experiments.length > 1 ? `${o.name}-${i + 1}` : o.name;
    results.push(
      await evaluate({
        ...options,
        ...(name === undefined ? {} : { name }),
        ...(o.maxConcurrency === undefined ? {} : { maxConcurrency: o.maxConcurrency }),
        apiKey: o.target.key,
        serverUrl: o.target.url,
        print: false,
      }),
    );
    if (results.at(-1)!.status === "cancelled") break;
  }
  return results;
}

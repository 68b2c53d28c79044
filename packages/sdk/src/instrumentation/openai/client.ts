import type { InstrumentOptions } from "../types.js";
import { instrumentCompatibleClient } from "./compatible.js";
import { OPENAI_CLIENT } from "./instrumentation.js";
import { resolvePath } from "./methods.js";

/** An `openai` client (or a look-alike from another package built on it). */
export function isOpenAIClient(client: unknown): boolean {
  const completions = resolvePath(client, ["chat", "completions"]);
  return (
    typeof completions?.["create"] === "function" &&
    typeof (client as { baseURL?: unknown }).baseURL === "string"
  );
}

/** Traces one client instance with no module hooks (see {@link instrumentCompatibleClient}). */
export function instrumentOpenAIClient(client: object, options: InstrumentOptions): void {
  instrumentCompatibleClient(OPENAI_CLIENT, client, options);
}

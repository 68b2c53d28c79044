import { invalid } from "../catalog/requests.js";
import type { ConfigurationContent } from "./types.js";

/** Rules the schema cannot express, checked on the whole content (after an update is merged too). */
export function checkConfiguration(c: ConfigurationContent, at = ""): void {
  const model = c.parameters["model"];
  if (c.type === "LLM" && (typeof model !== "string" || model === "")) {
    throw invalid(
      `${at}parameters.model`,
      "is required for LLM configurations",
      'Name the model, e.g. parameters: {call_type: "chat", model: "gpt-4o"}; or set type: "pipeline".',
    );
  }
}

import { createLogger } from "../internal/logger.js";
import { INTEGRATIONS } from "./integrations.js";
import { internalError } from "./internal-errors.js";
import type { InstrumentOptions } from "./types.js";

const logger = createLogger(false);

/**
 * Trace one LLM client instance, with no module hooks (bundlers, Next.js,
 * edge runtimes): `const openai = instrument(new OpenAI())`. Returns the same
 * client. Never throws: a client it does not know is returned untouched,
 * with a warning.
 */
export function instrument<T>(client: T, options: InstrumentOptions = {}): T {
  try {
    if (client === null || typeof client !== "object") return client;
    const integration = INTEGRATIONS.find((i) => i.matchesClient(client));
    if (integration) integration.instrumentClient(client, options);
    else
      logger.warnOnce(
        `instrument:${(client as object).constructor?.name}`,
        `instrument(): ${(client as object).constructor?.name ?? "this object"} is not a supported LLM client; it is not traced`,
      );
  } catch (err) {
    internalError(logger, "instrument()", err);
  }
  return client;
}

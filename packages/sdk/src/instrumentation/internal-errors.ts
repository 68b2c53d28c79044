import type { Logger } from "../internal/logger.js";

/**
 * An instrumentation's own failure: said once per place (never per call, a
 * broken mapping would flood the log), and the call goes on unchanged.
 */
export function internalError(logger: Logger, where: string, err: unknown): void {
  try {
    logger.warnOnce(
      `instrumentation:${where}`,
      `instrumentation error in ${where} (the call is unaffected; later ones are not reported): ${
        err instanceof Error ? err.message : String(err)
      }`,
    );
  } catch {
    // nothing else to tell
  }
}

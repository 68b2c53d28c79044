/**
 * The SDK's only way to speak: warnings once per key, debug lines when
 * `verbose` is on. Never throws, never writes anything but stderr.
 */
export interface Logger {
  /** Always printed, but only the first time for a given key. */
  warnOnce(key: string, message: string): void;
  /** Printed when verbose. */
  debug(message: string, ...details: unknown[]): void;
  /** Printed when verbose; errors inside the SDK that were swallowed. */
  error(message: string, err?: unknown): void;
}

const PREFIX = "[honeyhive]";
const warned = new Set<string>();

export function createLogger(verbose: boolean): Logger {
  return {
    warnOnce(key, message) {
      if (warned.has(key)) return;
      warned.add(key);
      write(`${PREFIX} ${message}`);
    },
    debug(message, ...details) {
      if (verbose) write(`${PREFIX} ${message}`, ...details);
    },
    error(message, err) {
      if (verbose) write(`${PREFIX} ${message}`, err instanceof Error ? err.message : (err ?? ""));
    },
  };
}

function write(...parts: unknown[]): void {
  try {
    console.warn(...parts);
  } catch {
    // stderr closed: nothing left to tell
  }
}

/** Forget which warnings were printed (tests). */
export function resetWarnings(): void {
  warned.clear();
}

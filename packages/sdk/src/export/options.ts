/**
 * The export pipeline's options, its statistics, and how options are checked:
 * a bad value gives one warning and its default, never a throw.
 */
import { validateHeaderName, validateHeaderValue } from "node:http";
import { createLogger, type Logger } from "../internal/logger.js";

export interface ExportOptions {
  /** Full URL of the OTLP/HTTP traces endpoint, e.g. http://127.0.0.1:8790/opentelemetry/v1/traces. */
  endpoint: string;
  /** Sent with every request: `Authorization: Bearer ...` plus identification headers. */
  headers: Record<string, string>;
  /** Bound on buffered (not yet acknowledged) span bytes, estimated; default 32 MiB. */
  maxBufferBytes?: number;
  /** Target size of one encoded request; default 1 MiB. */
  maxBatchBytes?: number;
  /** Most spans in one request; default 2048. */
  maxBatchSpans?: number;
  /** How long to wait for a batch to fill; default 500 ms. */
  scheduleDelayMs?: number;
  /** Per request; default 10 s. */
  exportTimeoutMs?: number;
  /** Default "none". */
  compression?: "gzip" | "none";
  /** Export as soon as a span ends (serverless); default false. */
  disableBatch?: boolean;
  /** Applied at encode time to the values of content attributes (see `isContentAttribute`). */
  mask?: (value: unknown, key: string) => unknown;
  logger: Logger;
}

export interface ExportStats {
  /** Spans the server accepted. */
  exported: number;
  /** Spans given up on, for every reason (sum of `droppedByReason`). */
  dropped: number;
  /** e.g. buffer_full, rejected, http_401, too_large, shutdown. */
  droppedByReason: Record<string, number>;
  /** Requests sent again after a retryable failure. */
  retried: number;
  bufferedSpans: number;
  bufferedBytes: number;
  inFlightRequests: number;
  breaker: "closed" | "open" | "half-open";
  lastError?: string;
}

/**
 * Timing and concurrency knobs that are not part of the public options; tests
 * shorten them. Unstable: may change without notice.
 */
export interface ExportTuning {
  backoffBaseMs: number;
  backoffMaxMs: number;
  retryAfterMaxMs: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
  breakerMaxCooldownMs: number;
  maxInFlight: number;
  flushTimeoutMs: number;
  /** How long shutdown() waits for the buffer to drain; defaults to exportTimeoutMs. */
  shutdownTimeoutMs: number | undefined;
}

export const DEFAULT_TUNING: ExportTuning = {
  backoffBaseMs: 250,
  backoffMaxMs: 30_000,
  retryAfterMaxMs: 60_000,
  breakerThreshold: 5,
  breakerCooldownMs: 1_000,
  breakerMaxCooldownMs: 30_000,
  maxInFlight: 2,
  flushTimeoutMs: 30_000,
  shutdownTimeoutMs: undefined,
};

export interface ResolvedOptions {
  url: URL | undefined;
  headers: Record<string, string>;
  maxBufferBytes: number;
  maxBatchBytes: number;
  maxBatchSpans: number;
  scheduleDelayMs: number;
  exportTimeoutMs: number;
  gzip: boolean;
  disableBatch: boolean;
  mask: ((value: unknown, key: string) => unknown) | undefined;
  logger: Logger;
}

const MiB = 1024 * 1024;

function positive(logger: Logger, name: string, value: unknown, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && value >= min) return Math.floor(value);
  logger.warnOnce(
    `export-option-${name}`,
    `Ignoring ${name}=${String(value)}: it must be a number >= ${min}; using ${fallback}.`,
  );
  return fallback;
}

function parseEndpoint(logger: Logger, endpoint: unknown): URL | undefined {
  try {
    const url = new URL(String(endpoint));
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {
    // reported below
  }
  logger.warnOnce(
    "export-endpoint",
    `The export endpoint ${JSON.stringify(endpoint)} is not an http(s) URL: spans will be dropped. ` +
      "Set the server URL to something like http://127.0.0.1:8790.",
  );
  return undefined;
}

function checkHeaders(logger: Logger, headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== "object") return out;
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, String(value));
      out[name] = String(value);
    } catch {
      logger.warnOnce(
        `export-header-${name}`,
        `Ignoring the export header ${JSON.stringify(name)}: invalid.`,
      );
    }
  }
  return out;
}

function isLogger(value: unknown): value is Logger {
  const l = value as Partial<Logger> | undefined;
  return typeof l?.warnOnce === "function" && typeof l.debug === "function" && typeof l.error === "function";
}

/** Checks every option; never throws (even given no options object at all). */
export function resolveOptions(given: ExportOptions): ResolvedOptions {
  const options: Partial<ExportOptions> = given ?? {};
  const logger = isLogger(options.logger) ? options.logger : createLogger(false);
  const maxBufferBytes = positive(logger, "maxBufferBytes", options.maxBufferBytes, 32 * MiB, 1024);
  const maxBatchBytes = positive(logger, "maxBatchBytes", options.maxBatchBytes, MiB, 1024);
  const mask = typeof options.mask === "function" ? options.mask : undefined;
  const compression = options.compression ?? "none";
  if (compression !== "gzip" && compression !== "none") {
    logger.warnOnce(
      "export-compression",
      `Ignoring compression=${String(compression)}: use "gzip" or "none".`,
    );
  }
  if (options.mask !== undefined && !mask) logger.warnOnce("export-mask", "Ignoring mask: not a function.");
  return {
    url: parseEndpoint(logger, options.endpoint),
    headers: checkHeaders(logger, options.headers),
    maxBufferBytes,
    maxBatchBytes: Math.min(maxBatchBytes, maxBufferBytes),
    maxBatchSpans: positive(logger, "maxBatchSpans", options.maxBatchSpans, 2048),
    scheduleDelayMs: positive(logger, "scheduleDelayMs", options.scheduleDelayMs, 500, 0),
    exportTimeoutMs: positive(logger, "exportTimeoutMs", options.exportTimeoutMs, 10_000),
    gzip: compression === "gzip",
    disableBatch: options.disableBatch === true,
    mask,
    logger,
  };
}

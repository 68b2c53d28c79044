/**
 * Options of the API client, resolved as `option ?? env ?? default`. The key
 * and the server URL come from the same settings (and environment variables)
 * as the tracer's, so one HH_API_KEY / HH_API_URL configures both.
 */
import { resolveOptions, SDK_SETTINGS } from "../config/settings.js";
import { apiError } from "./errors.js";

export interface HoneyHiveOptions {
  /** API key; falls back to HH_API_KEY, then HONEYHIVE_API_KEY. */
  apiKey?: string;
  /** Server URL; falls back to HH_API_URL, HONEYHIVE_SERVER_URL, HONEYHIVE_API_URL, then http://127.0.0.1:8790. */
  serverUrl?: string;
  /** Per-request timeout in ms, until the whole response was read (streams: until the headers). Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt for idempotent calls. Default 3. */
  maxRetries?: number;
  /** First backoff ceiling in ms; doubles per attempt with full jitter. Default 250. */
  retryBaseMs?: number;
  /** Largest backoff (and largest honoured Retry-After) in ms. Default 30 000. */
  retryMaxMs?: number;
  /** Connections kept per host by the keep-alive agent. Default 10. */
  maxSockets?: number;
  /** Consecutive failed requests that open the circuit breaker. Default 5. */
  breakerThreshold?: number;
  /** How long an open breaker fails fast before a health probe, in ms (doubles per failed probe). Default 5 000. */
  breakerCooldownMs?: number;
  /** Longest breaker cooldown in ms. Default 60 000. */
  breakerMaxCooldownMs?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Print one debug line per request and retry to stderr (the key is never printed). */
  verbose?: boolean;
}

export interface ResolvedClientOptions {
  apiKey: string | undefined;
  serverUrl: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxSockets: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
  breakerMaxCooldownMs: number;
  headers: Record<string, string>;
  verbose: boolean;
}

const NUMBERS = {
  timeoutMs: 30_000,
  maxRetries: 3,
  retryBaseMs: 250,
  retryMaxMs: 30_000,
  maxSockets: 10,
  breakerThreshold: 5,
  breakerCooldownMs: 5_000,
  breakerMaxCooldownMs: 60_000,
} as const;

/** The environment variables that hold the API key, for hints. */
export const API_KEY_ENV: readonly string[] = SDK_SETTINGS.find((s) => s.option === "apiKey")?.env ?? [
  "HH_API_KEY",
];

type Env = Readonly<Record<string, string | undefined>>;

function configError(message: string, hint: string, field: string) {
  return apiError({ kind: "config", code: "HH_E_CLIENT_CONFIG", status: 0, message, hint, field });
}

/** Throws a typed error (kind "config") for an unusable option; a missing key is reported when a call needs it. */
export function resolveClientOptions(
  given: HoneyHiveOptions = {},
  env: Env = process.env,
): ResolvedClientOptions {
  const { options, problems } = resolveOptions(
    {
      ...(given.apiKey !== undefined ? { apiKey: given.apiKey } : {}),
      ...(given.serverUrl !== undefined ? { serverUrl: given.serverUrl } : {}),
      ...(given.verbose !== undefined ? { verbose: given.verbose } : {}),
    },
    env,
  );
  const urlProblem = problems.find((p) => p.startsWith("serverUrl"));
  if (urlProblem) {
    throw configError(
      urlProblem.split(";")[0] as string,
      "Pass serverUrl as http(s)://host:port.",
      "serverUrl",
    );
  }
  const numbers = {} as Record<keyof typeof NUMBERS, number>;
  for (const [name, fallback] of Object.entries(NUMBERS) as [keyof typeof NUMBERS, number][]) {
    const value = given[name];
    if (value === undefined) numbers[name] = fallback;
    else if (typeof value === "number" && Number.isFinite(value) && (value > 0 || name === "maxRetries"))
      numbers[name] = Math.max(value, 0);
    else throw configError(`option ${name} must be a positive number`, `Leave it out for ${fallback}.`, name);
  }
  return {
    ...numbers,
    apiKey: options.apiKey,
    serverUrl: options.serverUrl,
    headers: { ...given.headers },
    verbose: options.verbose,
  };
}

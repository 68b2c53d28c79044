import { resolve } from "node:path";

/**
 * Every server setting, resolved in one place as `option ?? env ?? default`.
 * The table is the documentation: docs/configuration.md and a test read it.
 */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** SQLite file; ignored when databaseUrl is set. */
  dbPath: string;
  /** postgres://... selects PostgreSQL. */
  databaseUrl: string | undefined;
  maxBodyBytes: number;
  importMaxBytes: number;
  ingestQueueSpans: number;
  ingestBatchSpans: number;
  ingestMaxInFlight: number;
  ingestWorkers: number;
  logLevel: string;
  pricesFile: string | undefined;
  bootstrapApiKey: string | undefined;
  evalConcurrency: number;
  evalPollMs: number;
  evalMaxAttempts: number;
  evalBackoffMs: number;
  evalCodeWorkers: number;
  evalCodeTimeoutMs: number;
  evalCodeMemoryMb: number;
  evalProviderUrl: string | undefined;
  evalProviderApiKey: string | undefined;
  evalModel: string;
  evalProviderTimeoutMs: number;
  webRoot: string | undefined;
  livePollMs: number;
}

type Kind = "string" | "int";
interface Setting {
  option: keyof ServerConfig;
  env: string;
  type: Kind;
  default: string | number | undefined;
  doc: string;
}

export const SERVER_SETTINGS: readonly Setting[] = [
  { option: "host", env: "HH_HOST", type: "string", default: "127.0.0.1", doc: "Address to listen on." },
  {
    option: "port",
    env: "HH_PORT",
    type: "int",
    default: 8790,
    doc: "Port to listen on (0 picks a free one).",
  },
  {
    option: "dataDir",
    env: "HH_DATA_DIR",
    type: "string",
    default: ".honeyhive",
    doc: "Folder for the SQLite database and the local credentials file.",
  },
  {
    option: "dbPath",
    env: "HH_DB",
    type: "string",
    default: undefined,
    doc: "SQLite database file (default: <dataDir>/honeyhive.db).",
  },
  {
    option: "databaseUrl",
    env: "HH_DATABASE_URL",
    type: "string",
    default: undefined,
    doc: "postgres://user@host:5432/db selects PostgreSQL instead of SQLite.",
  },
  {
    option: "maxBodyBytes",
    env: "HH_MAX_BODY_BYTES",
    type: "int",
    default: 32 * 1024 * 1024,
    doc: "Largest request body accepted, before and after gzip decompression (413 above).",
  },
  {
    option: "importMaxBytes",
    env: "HH_IMPORT_MAX_BYTES",
    type: "int",
    default: 1024 ** 3,
    doc: "Largest dataset import file (JSONL or CSV, after gzip decompression); it is streamed, never held in memory (413 above).",
  },
  {
    option: "ingestQueueSpans",
    env: "HH_INGEST_QUEUE_SPANS",
    type: "int",
    default: 50_000,
    doc: "Spans waiting to be written before ingest answers 503 with Retry-After.",
  },
  {
    option: "ingestBatchSpans",
    env: "HH_INGEST_BATCH_SPANS",
    type: "int",
    default: 8192,
    doc: "Most spans written in one database transaction.",
  },
  {
    option: "ingestMaxInFlight",
    env: "HH_INGEST_MAX_IN_FLIGHT",
    type: "int",
    default: 16,
    doc: "OTLP requests being read and converted at once; more are refused with 503 and Retry-After before their body is read.",
  },
  {
    option: "ingestWorkers",
    env: "HH_INGEST_WORKERS",
    type: "int",
    default: 0,
    doc: "Worker threads that decode and convert OTLP bodies; 0 means one fewer than the CPUs (at least one).",
  },
  {
    option: "logLevel",
    env: "HH_LOG_LEVEL",
    type: "string",
    default: "info",
    doc: "fatal, error, warn, info, debug, trace or silent.",
  },
  {
    option: "pricesFile",
    env: "HH_PRICES_FILE",
    type: "string",
    default: undefined,
    doc: 'JSON file of model prices that override the built-in table: {"model": {"input": 2.5, "output": 10}} in USD per million tokens.',
  },
  {
    option: "bootstrapApiKey",
    env: "HH_BOOTSTRAP_API_KEY",
    type: "string",
    default: undefined,
    doc: "Use this key (instead of a random one) for the admin key created at first start.",
  },
  {
    option: "evalConcurrency",
    env: "HH_EVAL_CONCURRENCY",
    type: "int",
    default: 4,
    doc: "Server-side evaluations (metrics enabled in prod) run at once by this replica; 0 stops this replica from evaluating (queued evaluations wait for one that does).",
  },
  {
    option: "evalPollMs",
    env: "HH_EVAL_POLL_MS",
    type: "int",
    default: 500,
    doc: "How often an idle replica looks for queued evaluations, in milliseconds.",
  },
  {
    option: "evalMaxAttempts",
    env: "HH_EVAL_MAX_ATTEMPTS",
    type: "int",
    default: 3,
    doc: "Attempts at one evaluation whose failure may be transient (provider errors, an interrupted replica) before it is recorded as failed.",
  },
  {
    option: "evalBackoffMs",
    env: "HH_EVAL_BACKOFF_MS",
    type: "int",
    default: 2000,
    doc: "Wait before retrying a failed evaluation; doubles with each attempt.",
  },
  {
    option: "evalCodeWorkers",
    env: "HH_EVAL_CODE_WORKERS",
    type: "int",
    default: 1,
    doc: "Worker threads that run code evaluators (at least one), started on first use.",
  },
  {
    option: "evalCodeTimeoutMs",
    env: "HH_EVAL_CODE_TIMEOUT_MS",
    type: "int",
    default: 1000,
    doc: "Wall-clock limit of one code evaluator run; past it the worker is terminated and the evaluation fails.",
  },
  {
    option: "evalCodeMemoryMb",
    env: "HH_EVAL_CODE_MEMORY_MB",
    type: "int",
    default: 64,
    doc: "Heap limit of a code evaluator worker, in MiB; a snippet that exceeds it fails and the worker is replaced.",
  },
  {
    option: "evalProviderUrl",
    env: "HH_EVAL_PROVIDER_URL",
    type: "string",
    default: undefined,
    doc: "Base URL of the OpenAI-compatible provider for LLM-judge metrics (e.g. https://api.openai.com/v1); unset, LLM metrics fail as not configured and nothing is contacted.",
  },
  {
    option: "evalProviderApiKey",
    env: "HH_EVAL_PROVIDER_API_KEY",
    type: "string",
    default: undefined,
    doc: "Bearer key sent to HH_EVAL_PROVIDER_URL.",
  },
  {
    option: "evalModel",
    env: "HH_EVAL_MODEL",
    type: "string",
    default: "gpt-4o-mini",
    doc: "Model of LLM-judge metrics that name no model_name.",
  },
  {
    option: "evalProviderTimeoutMs",
    env: "HH_EVAL_PROVIDER_TIMEOUT_MS",
    type: "int",
    default: 30_000,
    doc: "Time limit of one LLM-judge request, in milliseconds (a timeout is retried like other transient failures).",
  },
  {
    option: "webRoot",
    env: "HH_WEB_ROOT",
    type: "string",
    default: undefined,
    doc: "Folder of the built web app served at / (index.html and assets/); `honeyhive serve` uses the installed @honeyhive-ts/web build. Unset, / explains how to build the app.",
  },
  {
    option: "livePollMs",
    env: "HH_LIVE_POLL_MS",
    type: "int",
    default: 500,
    doc: "How often GET /v1/live streams read newly stored events, in milliseconds (one read per project with listeners, on every replica).",
  },
];

export class ConfigError extends Error {
  readonly code = "HH_E_CONFIG";
}

function parseValue(s: Setting, raw: string): string | number {
  if (s.type === "string") return raw;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new ConfigError(
      `${s.env}=${raw} is not a valid value for ${s.option}: expected a whole number >= 0`,
    );
  }
  return n;
}

export function resolveConfig(
  options: Partial<ServerConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const out: Record<string, unknown> = {};
  for (const s of SERVER_SETTINGS) {
    const given = options[s.option];
    const fromEnv = env[s.env];
    if (given !== undefined) out[s.option] = given;
    else if (fromEnv !== undefined && fromEnv !== "") out[s.option] = parseValue(s, fromEnv);
    else out[s.option] = s.default;
  }
  const config = out as unknown as ServerConfig;
  config.dataDir = resolve(config.dataDir);
  config.dbPath = resolve(config.dbPath ?? `${config.dataDir}/honeyhive.db`);
  return config;
}

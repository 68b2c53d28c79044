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

/**
 * Every tracer option, resolved in one place as `option ?? env ?? default`.
 * The table is the documentation: docs/sdk-configuration.md and a test read it.
 */
import { basename } from "node:path";

export type SettingType = "string" | "boolean" | "number" | "list" | "function";

export interface Setting {
  option: string;
  /** Environment variables, first match wins. */
  env: readonly string[];
  type: SettingType;
  default: string | number | boolean | undefined;
  doc: string;
}

export const SDK_SETTINGS: readonly Setting[] = [
  {
    option: "apiKey",
    env: ["HH_API_KEY", "HONEYHIVE_API_KEY"],
    type: "string",
    default: undefined,
    doc: "API key (`hh_...`); it also decides the project. Without one the tracer warns once and does nothing.",
  },
  {
    option: "project",
    env: ["HH_PROJECT", "HONEYHIVE_PROJECT"],
    type: "string",
    default: undefined,
    doc: "Project name. Optional: the key decides the project; when given it must match the key's.",
  },
  {
    option: "serverUrl",
    env: ["HH_API_URL", "HONEYHIVE_SERVER_URL", "HONEYHIVE_API_URL"],
    type: "string",
    default: "http://127.0.0.1:8790",
    doc: "The platform server. Spans go to `{serverUrl}/opentelemetry/v1/traces`; nothing is sent anywhere else.",
  },
  {
    option: "sessionName",
    env: ["HH_SESSION_NAME", "HONEYHIVE_SESSION_NAME"],
    type: "string",
    default: undefined,
    doc: "Name of the tracer's session (default: the entry script's base name).",
  },
  {
    option: "source",
    env: ["HH_SOURCE", "HONEYHIVE_SOURCE"],
    type: "string",
    default: "dev",
    doc: "Environment label stored on every event (`dev`, `staging`, `prod`, ...).",
  },
  {
    option: "sessionId",
    env: ["HH_SESSION_ID", "HONEYHIVE_SESSION_ID"],
    type: "string",
    default: undefined,
    doc: "Join an existing session (a UUID) instead of starting a new one.",
  },
  {
    option: "disableBatch",
    env: ["HH_DISABLE_BATCH", "HONEYHIVE_DISABLE_BATCH"],
    type: "boolean",
    default: false,
    doc: "Export each span as it ends; a traced async call settles only after its span was sent (serverless).",
  },
  {
    option: "disableHttpTracing",
    env: ["HH_DISABLE_HTTP_TRACING", "HONEYHIVE_DISABLE_HTTP_TRACING"],
    type: "boolean",
    default: true,
    doc: "`false` records outgoing `fetch` / undici and `node:http(s)` requests as tool events (never incoming requests, requests inside a model call, or the SDK's own requests to the server).",
  },
  {
    option: "verbose",
    env: ["HH_VERBOSE", "HONEYHIVE_VERBOSE"],
    type: "boolean",
    default: false,
    doc: "Print debug lines (export results, swallowed errors) to stderr.",
  },
  {
    option: "sampling",
    env: ["HH_SAMPLING", "HONEYHIVE_SAMPLING"],
    type: "number",
    default: 1,
    doc: "Share of traces recorded, 0 to 1, decided at the root span and kept by its children.",
  },
  {
    option: "includeSpans",
    env: ["HH_INCLUDE_SPANS"],
    type: "list",
    default: undefined,
    doc: "Only export spans with these names (comma-separated in the env; strings or RegExps in code).",
  },
  {
    option: "excludeSpans",
    env: ["HH_EXCLUDE_SPANS"],
    type: "list",
    default: undefined,
    doc: "Never export spans with these names (applied after `includeSpans`).",
  },
  {
    option: "mask",
    env: [],
    type: "function",
    default: undefined,
    doc: "`(value, key) => value` applied to inputs, outputs, metadata and message content before export. If it throws, the value is hidden.",
  },
  {
    option: "maxBufferBytes",
    env: ["HH_MAX_BUFFER_BYTES"],
    type: "number",
    default: 32 * 1024 * 1024,
    doc: "Most memory (estimated from the span objects) held by spans not yet delivered, e.g. while the server is down; spans beyond it are dropped and counted.",
  },
  {
    option: "flushTimeoutMs",
    env: ["HH_FLUSH_TIMEOUT_MS"],
    type: "number",
    default: 10_000,
    doc: "How long `flush()`, `shutdown()` and the exit hook wait for pending spans and streams.",
  },
  {
    option: "compression",
    env: ["HH_COMPRESSION"],
    type: "string",
    default: "none",
    doc: "`gzip` compresses export requests (worth it over slow links), `none` does not.",
  },
  {
    option: "captureInputs",
    env: ["HH_CAPTURE_INPUTS"],
    type: "boolean",
    default: true,
    doc: "Record traced functions' arguments as the event's inputs.",
  },
  {
    option: "captureOutputs",
    env: ["HH_CAPTURE_OUTPUTS"],
    type: "boolean",
    default: true,
    doc: "Record traced functions' results (and streamed chunks) as the event's outputs.",
  },
  {
    option: "maxStringLength",
    env: ["HH_MAX_STRING_LENGTH"],
    type: "number",
    default: 16_384,
    doc: "Longest captured string; longer ones keep their start and say how much was cut (structure is kept).",
  },
  {
    option: "maxCaptureChars",
    env: ["HH_MAX_CAPTURE_CHARS"],
    type: "number",
    default: 256 * 1024,
    doc: "Budget for one captured value (inputs or outputs); the longest strings are shortened first.",
  },
  {
    option: "flushOnExit",
    env: ["HH_FLUSH_ON_EXIT"],
    type: "boolean",
    default: true,
    doc: "Flush pending spans when the process is about to exit normally (`beforeExit`).",
  },
  {
    option: "startSession",
    env: [],
    type: "boolean",
    default: true,
    doc: "Start the tracer's own session at init. `false` when every span runs inside `withSession` (evaluate() does this), so no empty session is stored.",
  },
  {
    option: "setGlobalProvider",
    env: [],
    type: "boolean",
    default: false,
    doc: "Also register the tracer's provider as the global OpenTelemetry provider (off: it coexists with the application's own set-up).",
  },
  {
    option: "instrumentations",
    env: ["HH_INSTRUMENTATIONS"],
    type: "list",
    default: undefined,
    doc: "LLM client instrumentations to enable (`openai`, `anthropic`, `google-genai`, `bedrock`, `mistral`, `cohere`, `groq`, `together`, `ollama`, `vercel-ai`); default all, `[]` none. Calls through those clients become model events without code changes.",
  },
  {
    option: "recordInputs",
    env: ["HH_RECORD_INPUTS"],
    type: "boolean",
    default: true,
    doc: "Instrumented model calls record their input messages, system instructions and tool definitions (off: tokens, models and timings only).",
  },
  {
    option: "recordOutputs",
    env: ["HH_RECORD_OUTPUTS"],
    type: "boolean",
    default: true,
    doc: "Instrumented model calls record their output messages and tool calls.",
  },
  {
    option: "runId",
    env: ["HH_RUN_ID"],
    type: "string",
    default: undefined,
    doc: "Evaluation run the session belongs to (set by `evaluate`).",
  },
  {
    option: "datasetId",
    env: ["HH_DATASET_ID"],
    type: "string",
    default: undefined,
    doc: "Dataset of the evaluation run.",
  },
  {
    option: "datapointId",
    env: ["HH_DATAPOINT_ID"],
    type: "string",
    default: undefined,
    doc: "Datapoint the session evaluates.",
  },
];

export type SpanNameFilter = string | RegExp;

/** What the application passes to `HoneyHiveTracer.init`. */
export interface TracerOptions {
  apiKey?: string;
  project?: string;
  serverUrl?: string;
  sessionName?: string;
  source?: string;
  sessionId?: string;
  /** Session inputs, metadata, user properties and config sent with the session start. */
  inputs?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  userProperties?: Record<string, unknown>;
  config?: Record<string, unknown>;
  disableBatch?: boolean;
  /** Default true; `false` traces outgoing HTTP requests (fetch, node:http) as tool events. */
  disableHttpTracing?: boolean;
  verbose?: boolean;
  sampling?: number;
  includeSpans?: readonly SpanNameFilter[];
  excludeSpans?: readonly SpanNameFilter[];
  mask?: (value: unknown, key: string) => unknown;
  maxBufferBytes?: number;
  flushTimeoutMs?: number;
  compression?: "gzip" | "none";
  captureInputs?: boolean;
  captureOutputs?: boolean;
  maxStringLength?: number;
  maxCaptureChars?: number;
  flushOnExit?: boolean;
  startSession?: boolean;
  setGlobalProvider?: boolean;
  /** Instrumentation names (`"openai"`, `"vercel-ai"`); default all available. */
  instrumentations?: readonly string[];
  recordInputs?: boolean;
  recordOutputs?: boolean;
  isEvaluation?: boolean;
  runId?: string;
  datasetId?: string;
  datapointId?: string;
}

export interface ResolvedOptions {
  apiKey: string | undefined;
  project: string | undefined;
  serverUrl: string;
  sessionName: string;
  source: string;
  sessionId: string | undefined;
  inputs: Record<string, unknown> | undefined;
  metadata: Record<string, unknown> | undefined;
  userProperties: Record<string, unknown> | undefined;
  config: Record<string, unknown> | undefined;
  disableBatch: boolean;
  disableHttpTracing: boolean;
  verbose: boolean;
  sampling: number;
  includeSpans: readonly SpanNameFilter[] | undefined;
  excludeSpans: readonly SpanNameFilter[] | undefined;
  mask: ((value: unknown, key: string) => unknown) | undefined;
  maxBufferBytes: number;
  flushTimeoutMs: number;
  compression: "gzip" | "none";
  captureInputs: boolean;
  captureOutputs: boolean;
  maxStringLength: number;
  maxCaptureChars: number;
  flushOnExit: boolean;
  startSession: boolean;
  setGlobalProvider: boolean;
  instrumentations: readonly string[] | undefined;
  recordInputs: boolean;
  recordOutputs: boolean;
  runId: string | undefined;
  datasetId: string | undefined;
  datapointId: string | undefined;
}

export interface Resolution {
  options: ResolvedOptions;
  /** Values that were given but unusable; each was replaced by its default. */
  problems: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** Resolve options ?? env ?? default. Never throws: bad values are reported and replaced by the default. */
export function resolveOptions(given: TracerOptions = {}, env: Env = process.env): Resolution {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const setting of SDK_SETTINGS) {
    const value = (given as Record<string, unknown>)[setting.option];
    out[setting.option] = resolveOne(setting, value, env, problems);
  }
  const options = out as unknown as ResolvedOptions;
  options.sessionName ??= defaultSessionName();
  options.inputs = objectOrUndefined(given.inputs, "inputs", problems);
  options.metadata = objectOrUndefined(given.metadata, "metadata", problems);
  options.userProperties = objectOrUndefined(given.userProperties, "userProperties", problems);
  options.config = objectOrUndefined(given.config, "config", problems);
  checkRanges(options, problems);
  return { options, problems };
}

function resolveOne(setting: Setting, value: unknown, env: Env, problems: string[]): unknown {
  if (setting.option === "mask") {
    if (value === undefined || typeof value === "function") return value;
    problems.push("mask must be a function; it was ignored");
    return undefined;
  }
  if (value !== undefined && value !== null) {
    const checked = checkGiven(setting, value);
    if (checked !== undefined) return checked;
    problems.push(`option ${setting.option} must be a ${setting.type}; using the default`);
    return setting.default;
  }
  for (const name of setting.env) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = parseEnv(setting.type, raw.trim());
    if (parsed !== undefined) return parsed;
    problems.push(`${name}=${raw} is not a valid ${setting.type}; using the default`);
    return setting.default;
  }
  return setting.default;
}

function checkGiven(setting: Setting, value: unknown): unknown {
  switch (setting.type) {
    case "string":
      return typeof value === "string" ? value : undefined;
    case "boolean":
      return typeof value === "boolean" ? value : undefined;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined;
    case "list":
      return Array.isArray(value) && value.every((v) => typeof v === "string" || v instanceof RegExp)
        ? value
        : undefined;
    case "function":
      return typeof value === "function" ? value : undefined;
  }
}

function parseEnv(type: SettingType, raw: string): unknown {
  switch (type) {
    case "string":
      return raw;
    case "boolean": {
      const v = raw.toLowerCase();
      if (["1", "true", "yes", "on"].includes(v)) return true;
      if (["0", "false", "no", "off"].includes(v)) return false;
      return undefined;
    }
    case "number": {
      const n = Number(raw);
      return Number.isFinite(n) ? n : undefined;
    }
    case "list":
      return raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    case "function":
      return undefined;
  }
}

function checkRanges(o: ResolvedOptions, problems: string[]): void {
  if (o.sampling < 0 || o.sampling > 1) {
    problems.push(`sampling must be between 0 and 1 (got ${o.sampling}); using 1`);
    o.sampling = 1;
  }
  if (o.compression !== "gzip" && o.compression !== "none") {
    problems.push(`compression must be "gzip" or "none" (got ${o.compression}); using "none"`);
    o.compression = "none";
  }
  for (const key of ["maxBufferBytes", "flushTimeoutMs", "maxStringLength", "maxCaptureChars"] as const) {
    if (!(o[key] > 0)) {
      const fallback = SDK_SETTINGS.find((s) => s.option === key)?.default as number;
      problems.push(`${key} must be a positive number (got ${o[key]}); using ${fallback}`);
      o[key] = fallback;
    }
  }
  o.serverUrl = o.serverUrl.replace(/\/+$/, "");
  try {
    const url = new URL(o.serverUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
  } catch {
    problems.push(`serverUrl ${o.serverUrl} is not an http(s) URL; using http://127.0.0.1:8790`);
    o.serverUrl = "http://127.0.0.1:8790";
  }
}

function objectOrUndefined(
  value: unknown,
  name: string,
  problems: string[],
): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  problems.push(`option ${name} must be an object; it was ignored`);
  return undefined;
}

/** The entry script's base name without extension, like HoneyHive's SDKs. */
export function defaultSessionName(): string {
  const entry = process.argv[1];
  if (!entry) return "session";
  const name = basename(entry).replace(/\.(c|m)?(j|t)sx?$/, "");
  return name || "session";
}

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ServerConfig } from "@honeyhive-ts/server";
import { type CommandSpec, str } from "./cli/command.js";
import { CliError, EXIT, UsageError } from "./cli/errors.js";

function options(values: Parameters<CommandSpec["run"]>[0]["values"], usage: string): Partial<ServerConfig> {
  const o: Partial<ServerConfig> = {};
  const port = str(values, "port");
  if (port !== undefined) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new UsageError(`--port ${port} is not a port number`, usage);
    o.port = n;
  }
  const host = str(values, "host");
  const dataDir = str(values, "data-dir");
  const logLevel = str(values, "log-level");
  const db = str(values, "db");
  if (host) o.host = host;
  if (dataDir) o.dataDir = dataDir;
  if (logLevel) o.logLevel = logLevel;
  if (db) {
    if (/^postgres(ql)?:\/\//.test(db)) o.databaseUrl = db;
    else o.dbPath = db;
  }
  const webRoot = str(values, "web-root") ?? (process.env["HH_WEB_ROOT"] ? undefined : installedWebApp());
  if (webRoot) o.webRoot = webRoot;
  return o;
}

/** The built web app of the installed @honeyhive-ts/web package, when there is one. */
function installedWebApp(): string | undefined {
  try {
    const dist = join(
      dirname(createRequire(import.meta.url).resolve("@honeyhive-ts/web/package.json")),
      "dist",
    );
    return existsSync(join(dist, "index.html")) ? dist : undefined;
  } catch {
    return undefined;
  }
}

export const serveCommand: CommandSpec = {
  name: "serve",
  remote: false,
  summary: "Run the platform server (REST API, OTLP ingest, storage) until SIGINT / SIGTERM",
  details:
    "At first start it creates project 'default' and prints its admin API key once, saving it to\n" +
    "<data-dir>/credentials.json for the CLI. With --json the start is one JSON line\n" +
    "{url, storage, api_key?}. Every option also has an environment variable (docs/configuration.md).",
  options: {
    port: {
      type: "string",
      value: "<n>",
      description: "Port (default 8790, env HH_PORT; 0 picks a free one)",
    },
    host: { type: "string", value: "<addr>", description: "Address (default 127.0.0.1, env HH_HOST)" },
    db: {
      type: "string",
      value: "<file|url>",
      description: "SQLite file, or postgres://... (env HH_DB / HH_DATABASE_URL)",
    },
    "data-dir": {
      type: "string",
      value: "<dir>",
      description: "Data folder (default ./.honeyhive, env HH_DATA_DIR)",
    },
    "log-level": {
      type: "string",
      value: "<level>",
      description: "Log level (default info, env HH_LOG_LEVEL)",
    },
    "web-root": {
      type: "string",
      value: "<dir>",
      description:
        "Built web app served at / (default: the installed @honeyhive-ts/web build, env HH_WEB_ROOT)",
    },
  },
  examples: ["honeyhive serve", "honeyhive serve --port 9000 --db postgres://localhost/honeyhive"],
  async run({ values, out, usage }) {
    // Loaded here, not at the top: remote commands should not pay for the server's start-up.
    const { startBanner, startServer } = await import("@honeyhive-ts/server");
    const server = await startServer(options(values, usage)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "EADDRINUSE") throw err;
      throw new CliError(
        "HH_E_PORT_IN_USE",
        `${err.message}: another program uses this port`,
        EXIT.failure,
        "Pass --port or set HH_PORT.",
      );
    });
    const doc = {
      url: server.url,
      storage: server.storage.kind,
      ...(server.createdApiKey ? { api_key: server.createdApiKey } : {}),
    };
    out.result(doc, () => startBanner(server));
    const stop = (signal: string) => {
      out.note(`${signal}: finishing queued writes and stopping`);
      server.close().then(
        () => process.exit(EXIT.ok),
        () => process.exit(EXIT.failure),
      );
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
    // keep running: the server's sockets hold the process open
    return new Promise<number>(() => undefined);
  },
};

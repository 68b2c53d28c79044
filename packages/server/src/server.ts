import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_PRICES, type PriceTable } from "@honeyhive-ts/semconv";
import { bootstrap, credentialsPath, DEFAULT_PROJECT, writeCredentials } from "./bootstrap.js";
import { ConfigError, resolveConfig, type ServerConfig } from "./config.js";
import { type App, buildApp } from "./http/app.js";
import { openStorage } from "./storage/index.js";
import type { Storage } from "./storage/types.js";

export interface RunningServer {
  url: string;
  port: number;
  config: ServerConfig;
  storage: Storage;
  app: App;
  /** The admin key, when this start created it (first start). */
  createdApiKey: string | undefined;
  close(): Promise<void>;
}

async function loadPrices(file: string | undefined): Promise<PriceTable> {
  if (!file) return DEFAULT_PRICES;
  let overrides: unknown;
  try {
    overrides = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new ConfigError(`HH_PRICES_FILE ${file} could not be read as JSON: ${(err as Error).message}`);
  }
  if (!overrides || typeof overrides !== "object" || Array.isArray(overrides)) {
    throw new ConfigError(`HH_PRICES_FILE ${file} must hold an object {"model": {"input": n, "output": n}}`);
  }
  for (const [model, p] of Object.entries(
    overrides as Record<string, { input?: unknown; output?: unknown }>,
  )) {
    if (typeof p?.input !== "number" || typeof p?.output !== "number") {
      throw new ConfigError(
        `HH_PRICES_FILE ${file}: "${model}" needs numeric "input" and "output" (USD per 1M tokens)`,
      );
    }
  }
  return { ...DEFAULT_PRICES, ...(overrides as PriceTable) };
}

/** Opens storage (running migrations), bootstraps the first key, and listens. */
export async function startServer(options: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = resolveConfig(options);
  const prices = await loadPrices(config.pricesFile);
  const storage = await openStorage(
    config.databaseUrl ? { url: config.databaseUrl } : { sqlitePath: config.dbPath },
  );
  let app: App | undefined;
  let boot: Awaited<ReturnType<typeof bootstrap>>;
  try {
    boot = await bootstrap(storage, config.bootstrapApiKey);
    app = await buildApp(storage, config, prices);
    await app.fastify.listen({ host: config.host, port: config.port });
  } catch (err) {
    await app?.fastify.close();
    await storage.close();
    throw err;
  }
  const running = app;
  const address = running.fastify.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  if (boot.createdKey) {
    await writeCredentials(config.dataDir, {
      api_key: boot.createdKey,
      project: DEFAULT_PROJECT,
      server_url: url,
    });
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await running.fastify.close();
      await running.queue.close();
      await storage.close();
    })();
    return closing;
  };
  return { url, port, config, storage, app: running, createdApiKey: boot.createdKey, close };
}

/** The banner printed by `npm start` / `honeyhive serve`. */
export function startBanner(server: RunningServer): string {
  const lines = [
    `HoneyHive TS server ${server.url}  (storage: ${server.storage.kind}${server.storage.kind === "sqlite" ? ` ${server.config.dbPath}` : ""})`,
    webUiLine(server),
  ];
  if (!server.createdApiKey) {
    lines.push(
      `API key: the one printed at first start (${credentialsPath(server.config.dataDir)} keeps it).`,
    );
  } else {
    lines.push(
      "",
      "First start: created project 'default' and its admin API key (shown only this once):",
      "",
      `  ${server.createdApiKey}`,
      "",
      `Saved to ${credentialsPath(server.config.dataDir)} for the CLI and the examples.`,
      `Send traces to ${server.url}/opentelemetry/v1/traces with Authorization: Bearer <key>.`,
    );
  }
  return lines.join("\n");
}

/** Where the web app is, or why there is none: a new user's first question after start-up. */
function webUiLine(server: RunningServer): string {
  const root = server.config.webRoot;
  if (root !== undefined && existsSync(join(root, "index.html")))
    return `Web UI: ${server.url}/  (sign in with the API key)`;
  return "Web UI: not built (npm run build -w @honeyhive-ts/web, or pass --web-root)";
}

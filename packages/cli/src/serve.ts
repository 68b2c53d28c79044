import { type ServerConfig, startBanner, startServer } from "@honeyhive-ts/server";
import { parse } from "./main.js";

export async function serveCommand(args: string[]): Promise<number | undefined> {
  const { values } = parse(args, {
    port: { type: "string" },
    host: { type: "string" },
    db: { type: "string" },
    "data-dir": { type: "string" },
    "log-level": { type: "string" },
  });
  const options: Partial<ServerConfig> = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--port ${values.port} is not a port number`);
    options.port = port;
  }
  if (typeof values.host === "string") options.host = values.host;
  if (typeof values["data-dir"] === "string") options.dataDir = values["data-dir"];
  if (typeof values["log-level"] === "string") options.logLevel = values["log-level"];
  if (typeof values.db === "string") {
    if (/^postgres(ql)?:\/\//.test(values.db)) options.databaseUrl = values.db;
    else options.dbPath = values.db;
  }
  const server = await startServer(options).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "EADDRINUSE") throw err;
    throw Object.assign(
      new Error(`${err.message}: another program uses this port; pass --port or set HH_PORT`),
      {
        code: "HH_E_PORT_IN_USE",
      },
    );
  });
  process.stdout.write(`${startBanner(server)}\n`);
  const stop = (signal: string) => {
    process.stdout.write(`\n${signal}: finishing queued writes and stopping\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
  return undefined;
}

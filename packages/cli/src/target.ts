import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError, EXIT } from "./cli/errors.js";

export interface Target {
  url: string;
  key: string;
}

export interface TargetFlags {
  server?: string | undefined;
  apiKey?: string | undefined;
}

export const DEFAULT_SERVER = "http://127.0.0.1:8790";

/**
 * Where remote commands go and with which key: --server / --api-key, then
 * HH_API_URL / HH_API_KEY (HONEYHIVE_* spellings too), then the credentials
 * file the server wrote at first start, then the default local server.
 */
export function resolveTarget(flags: TargetFlags = {}, env: NodeJS.ProcessEnv = process.env): Target {
  let creds: { api_key?: string; server_url?: string } = {};
  const file = join(resolve(env["HH_DATA_DIR"] ?? ".honeyhive"), "credentials.json");
  try {
    creds = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // no local credentials: flags or the environment must supply them
  }
  const url =
    flags.server ?? env["HH_API_URL"] ?? env["HONEYHIVE_API_URL"] ?? creds.server_url ?? DEFAULT_SERVER;
  const key = flags.apiKey ?? env["HH_API_KEY"] ?? env["HONEYHIVE_API_KEY"] ?? creds.api_key;
  if (!key) {
    throw new CliError(
      "HH_E_AUTH_MISSING",
      "no API key",
      EXIT.auth,
      `Pass --api-key, set HH_API_KEY, or run this where ${file} exists (written by the server at first start).`,
    );
  }
  if (!/^https?:\/\/[^/]/.test(url)) {
    throw new CliError(
      "HH_E_USAGE",
      `server URL '${url}' is not an http(s) URL`,
      EXIT.usage,
      "Pass --server http://host:port.",
    );
  }
  return { url: url.replace(/\/+$/, ""), key };
}

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "./main.js";

interface Target {
  url: string;
  key: string;
}

/** HH_API_URL / HH_API_KEY, else the credentials file the server wrote at first start. */
export function resolveTarget(env: NodeJS.ProcessEnv = process.env): Target {
  let creds: { api_key?: string; server_url?: string } = {};
  const file = join(resolve(env["HH_DATA_DIR"] ?? ".honeyhive"), "credentials.json");
  try {
    creds = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // no local credentials: the environment must supply them
  }
  const url = env["HH_API_URL"] ?? env["HONEYHIVE_API_URL"] ?? creds.server_url ?? "http://127.0.0.1:8790";
  const key = env["HH_API_KEY"] ?? env["HONEYHIVE_API_KEY"] ?? creds.api_key;
  if (!key) {
    throw Object.assign(
      new Error(
        `no API key: set HH_API_KEY, or run this where ${file} exists (written by the server at first start)`,
      ),
      {
        code: "HH_E_AUTH_MISSING",
      },
    );
  }
  return { url: url.replace(/\/+$/, ""), key };
}

async function call(t: Target, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${t.key}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const data = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string; hint: string };
  };
  if (!res.ok) {
    const e = data.error;
    throw Object.assign(new Error(e ? `${e.message}\n  hint: ${e.hint}` : `HTTP ${res.status}`), {
      code: e?.code,
    });
  }
  return data;
}

export async function projectsCommand(args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { description: { type: "string" } });
  const [sub, name] = positionals;
  const t = resolveTarget();
  if (sub === "list") {
    for (const p of (await call(t, "GET", "/v1/projects")) as { id: string; name: string }[]) {
      process.stdout.write(`${p.id}  ${p.name}\n`);
    }
    return 0;
  }
  if (sub === "create" && name) {
    const body = {
      name,
      ...(typeof values.description === "string" ? { description: values.description } : {}),
    };
    const p = (await call(t, "POST", "/v1/projects", body)) as { id: string; api_key: string };
    process.stdout.write(`project ${name} (${p.id})\napi key (shown once): ${p.api_key}\n`);
    return 0;
  }
  process.stderr.write(
    "usage: honeyhive projects list | honeyhive projects create <name> [--description d]\n",
  );
  return 2;
}

export async function keysCommand(args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { project: { type: "string" }, name: { type: "string" } });
  if (positionals[0] !== "create" || typeof values.project !== "string") {
    process.stderr.write("usage: honeyhive keys create --project <id|name> [--name label]\n");
    return 2;
  }
  const t = resolveTarget();
  const projects = (await call(t, "GET", "/v1/projects")) as { id: string; name: string }[];
  const project = projects.find((p) => p.id === values.project || p.name === values.project);
  if (!project) throw Object.assign(new Error(`no project '${values.project}'`), { code: "HH_E_NOT_FOUND" });
  const body = typeof values.name === "string" ? { name: values.name } : {};
  const k = (await call(t, "POST", `/v1/projects/${project.id}/api_keys`, body)) as { api_key: string };
  process.stdout.write(`api key for ${project.name} (shown once): ${k.api_key}\n`);
  return 0;
}

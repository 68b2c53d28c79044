import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, type ServerConfig, startServer } from "@honeyhive-ts/server";
import pg from "pg";

export const PG_URL = process.env["HH_TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

/** PostgreSQL must be there in CI; elsewhere its tests are skipped with the reason printed. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (err) {
    if (process.env["CI"])
      throw new Error(`PostgreSQL is required in CI but ${PG_URL} failed: ${(err as Error).message}`);
    console.warn(`skipping PostgreSQL tests: ${PG_URL} unreachable (${(err as Error).message})`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export type Backend = "sqlite" | "postgres";

export async function backends(): Promise<Backend[]> {
  return (await postgresAvailable()) ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestServer extends RunningServer {
  key: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A real server on a random port over a fresh SQLite file or a fresh PostgreSQL schema. */
export async function startTestServer(
  backend: Backend = "sqlite",
  options: Partial<ServerConfig> = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "hh-test-"));
  const schema = `hh_test_${randomBytes(6).toString("hex")}`;
  const databaseUrl = backend === "postgres" ? `${PG_URL}?schema=${schema}` : undefined;
  const server = await startServer({
    host: "127.0.0.1",
    port: 0,
    dataDir,
    logLevel: "silent",
    ...(databaseUrl ? { databaseUrl } : {}),
    ...options,
  });
  const key = server.createdApiKey ?? options.bootstrapApiKey;
  if (!key) throw new Error("the test server did not create a key");
  return {
    ...server,
    key,
    dataDir,
    async stop() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
      if (backend === "postgres") {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      }
    },
  };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny JSON client for the REST API. */
export function api(url: string, key: string | undefined) {
  const call = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  return {
    get: <T = any>(path: string) => call<T>("GET", path),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>("POST", path, body, headers),
    put: <T = any>(path: string, body?: unknown) => call<T>("PUT", path, body),
    del: <T = any>(path: string) => call<T>("DELETE", path),
  };
}

export type Http = ReturnType<typeof api>;

/** A client for a new project, created with an admin client: the other side of isolation tests. */
export async function otherProject(admin: Http, url: string, name: string): Promise<Http> {
  const res = await admin.post("/projects", { name });
  if (res.status !== 200) throw new Error(`could not create project ${name}: ${JSON.stringify(res.body)}`);
  return api(url, res.body.api_key as string);
}

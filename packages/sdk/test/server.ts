import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@honeyhive-ts/server";
import { afterAll, beforeAll } from "vitest";
import { HoneyHiveTracer } from "../src/index.js";

/** The real platform server on a random port over a fresh SQLite file. */
export interface SdkTestServer {
  url: string;
  key: string;
  port: number;
  dataDir: string;
  server: RunningServer;
  /** Stop listening (the data stays, so `restart` finds it). */
  close(): Promise<void>;
  /** Start again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Every event of a session (the session event included), or [] when the session does not exist (yet). */
  sessionEvents(sessionId: string): Promise<any[]>;
  /** Poll until `check(events)` holds (generous deadline; no timing assertions). */
  waitForSession(sessionId: string, check: (events: any[]) => boolean, timeoutMs?: number): Promise<any[]>;
  /** A REST call with the key. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function startSdkTestServer(): Promise<SdkTestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "hh-sdk-test-"));
  const options = { host: "127.0.0.1", dataDir, logLevel: "silent" } as const;
  let server = await startServer({ ...options, port: 0 });
  const key = server.createdApiKey;
  if (!key) throw new Error("the test server did not create a key");
  const port = Number(new URL(server.url).port);
  let open = true;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const sessionEvents = async (sessionId: string) => {
    const res = await call("GET", `/v1/events/${sessionId}`);
    return res.status === 200 ? (res.body.events as any[]) : [];
  };
  const t: SdkTestServer = {
    url: server.url,
    key,
    port,
    dataDir,
    get server() {
      return server;
    },
    async close() {
      if (open) await server.close();
      open = false;
    },
    async restart() {
      server = await startServer({ ...options, port });
      open = true;
    },
    async stop() {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    },
    sessionEvents,
    async waitForSession(sessionId, check, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const events = await sessionEvents(sessionId);
        if (check(events)) return events;
        if (Date.now() > deadline) {
          throw new Error(
            `session ${sessionId}: condition not met; events: ${JSON.stringify(events).slice(0, 2000)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    call,
  };
  return t;
}

export const byName = (events: any[], name: string) => events.find((e) => e.event_name === name);

/**
 * A real server and a tracer sending to it, shared by the tests of one file:
 * started before them, shut down after them.
 */
export function tracedServer(sessionName: string): { srv: SdkTestServer; tracer: HoneyHiveTracer } {
  const fx = {} as { srv: SdkTestServer; tracer: HoneyHiveTracer };
  beforeAll(async () => {
    fx.srv = await startSdkTestServer();
    fx.tracer = HoneyHiveTracer.init({
      apiKey: fx.srv.key,
      serverUrl: fx.srv.url,
      flushOnExit: false,
      sessionName,
    });
  });
  afterAll(async () => {
    await fx.tracer?.shutdown();
    await fx.srv?.stop();
  });
  return fx;
}

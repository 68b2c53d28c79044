import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect } from "vitest";
import type { SdkTestServer } from "./server.js";

/**
 * Runs a fixture app (test/fixtures) in a child process with the built SDK,
 * reporting to `srv`; `env` tells it where its fake provider is. Returns the
 * session id it printed.
 */
export async function runChildApp(
  srv: SdkTestServer,
  fixture: string,
  nodeArgs: string[],
  env: Record<string, string>,
): Promise<string> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, new URL(`./fixtures/${fixture}`, import.meta.url).pathname],
    {
      env: { ...process.env, HH_API_KEY: srv.key, HH_API_URL: srv.url, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const [code] = await once(child, "exit");
  expect(code).toBe(0);
  return (JSON.parse(out.trim()) as { sessionId: string }).sessionId;
}

/** The model events of a fixture's session: one plain and one streamed call, as the fixtures make. */
export async function childModelEvents(srv: SdkTestServer, sessionId: string): Promise<any[]> {
  const events = await srv.waitForSession(
    sessionId,
    (ev) => ev.filter((e) => e.event_type === "model").length === 2,
  );
  return events.filter((e) => e.event_type === "model");
}

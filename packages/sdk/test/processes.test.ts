import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, trace } from "../src/index.js";
import { byName, type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  srv = await startSdkTestServer();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await srv.stop();
});

/** Runs a fixture with the built SDK (npm test builds first) and returns its first stdout line as JSON. */
async function run(fixture: string): Promise<{ child: ChildProcess; first: any }> {
  const child = spawn(process.execPath, [new URL(`./fixtures/${fixture}`, import.meta.url).pathname], {
    env: { ...process.env, HH_API_KEY: srv.key, HH_API_URL: srv.url, HH_VERBOSE: "false" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, "line")) as [string];
  return { child, first: JSON.parse(line) };
}

describe("across processes", () => {
  it("W3C traceparent + baggage carry the trace and the session to another service", async () => {
    const { child, first } = await run("downstream.mjs");
    const t = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      sessionName: "upstream",
    });
    const callDownstream = trace(
      async (q: string) => {
        const headers = t.inject({} as Record<string, string>);
        expect(headers["traceparent"]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
        expect(headers["baggage"]).toContain(`session_id=${t.sessionId}`);
        const res = await fetch(`http://127.0.0.1:${first.port}/?q=${encodeURIComponent(q)}`, { headers });
        return (await res.json()) as { answer: string; session: string };
      },
      { tracer: t, name: "upstream-call" },
    );
    const out = await callDownstream("life");
    expect(out.answer).toBe("answer to life");
    expect(out.session).toBe(t.sessionId);
    await t.flush();
    const events = await srv.waitForSession(t.sessionId, (ev) => ev.length === 3);
    const up = byName(events, "upstream-call");
    const down = byName(events, "downstream-handler");
    expect(down.parent_id).toBe(up.event_id);
    expect(down.inputs).toEqual({ question: "life" });
    expect(down.metadata.trace_id).toBe(up.metadata.trace_id);
    child.kill("SIGTERM");
    await once(child, "exit");
    await t.shutdown();
  });

  it("spans still buffered when the process ends normally are flushed by the exit hook", async () => {
    const { child, first } = await run("exit-without-flush.mjs");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    const events = await srv.waitForSession(first.sessionId, (ev) => ev.length === 6);
    expect(events.filter((e) => e.event_name === "work")).toHaveLength(5);
  });
});

import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

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

/** A provider's pair of fixture apps (`<name>-esm.mjs`, `<name>-cjs.cjs`) and what their model events must show. */
export interface ChildAppPair<F extends { close(): Promise<void> }> {
  /** The fixtures' name prefix (`mistral` for mistral-esm.mjs and mistral-cjs.cjs). */
  name: string;
  /** The describe block's title. */
  title: string;
  /** What the CommonJS test is called (how that app loads its client). */
  cjsTitle: string;
  startFake(): Promise<F>;
  /** Where the apps find the fake provider. */
  env(fake: F): Record<string, string>;
  /** Checks of each model event beyond its output text. */
  check(event: any): void;
}

/**
 * The two tests every provider has: an ES module app run with the register
 * hook and a CommonJS app with no flag, each making one plain and one
 * streamed call that must reach the server as exactly those model events.
 */
export function describeChildAppPair<F extends { close(): Promise<void> }>(pair: ChildAppPair<F>): void {
  let srv: SdkTestServer;
  let fake: F;
  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await pair.startFake();
  });
  afterAll(async () => {
    await fake.close();
    await srv.stop();
  });

  async function expectCaptured(fixture: string, nodeArgs: string[], origin: string): Promise<void> {
    const sessionId = await runChildApp(srv, fixture, nodeArgs, pair.env(fake));
    const models = await childModelEvents(srv, sessionId);
    expect(models.map((e) => e.outputs.content).sort()).toEqual([
      `echo: from ${origin}`,
      `echo: streamed from ${origin}`,
    ]);
    for (const e of models) {
      expect(e.metadata.prompt_tokens).toBeGreaterThan(0);
      pair.check(e);
    }
  }

  describe(pair.title, () => {
    it("an ES module app run with --import @honeyhive-ts/sdk/register", async () => {
      await expectCaptured(`${pair.name}-esm.mjs`, ["--import", "@honeyhive-ts/sdk/register"], "esm");
    });

    it(pair.cjsTitle, async () => {
      await expectCaptured(`${pair.name}-cjs.cjs`, [], "cjs");
    });
  });
}

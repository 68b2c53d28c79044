import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChildApp } from "./child-app.js";
import { type FakeAnthropic, startFakeAnthropic } from "./fake-anthropic.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
let fake: FakeAnthropic;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
  await srv.stop();
});

/** Runs a fixture app with the built SDK (npm test builds first). */
const runApp = async (fixture: string, nodeArgs: string[]): Promise<{ sessionId: string }> => ({
  sessionId: await runChildApp(srv, fixture, nodeArgs, { FAKE_ANTHROPIC_URL: fake.baseURL }),
});

/** Both calls of the app (one plain, one streamed) are model events, each exactly once. */
async function expectModelEvents(sessionId: string, origin: string): Promise<void> {
  const events = await srv.waitForSession(
    sessionId,
    (ev) => ev.filter((e) => e.event_type === "model").length >= 2,
  );
  const models = events.filter((e) => e.event_type === "model");
  expect(models.map((e) => e.outputs.content).sort()).toEqual([
    `echo: from ${origin}`,
    `echo: streamed from ${origin}`,
  ]);
  for (const e of models) {
    expect(e.config).toMatchObject({ model: "claude-haiku-4-5", provider: "anthropic" });
    expect(e.metadata.prompt_tokens).toBeGreaterThan(0);
    expect(e.metadata.cost).toBeGreaterThan(0);
  }
}

describe("Anthropic applications instrumented without code changes", () => {
  it("an ES module app run with --import @honeyhive-ts/sdk/register (messages.create and messages.stream)", async () => {
    const { sessionId } = await runApp("anthropic-esm.mjs", ["--import", "@honeyhive-ts/sdk/register"]);
    await expectModelEvents(sessionId, "esm");
  });

  it("a CommonJS app, with no flag", async () => {
    const { sessionId } = await runApp("anthropic-cjs.cjs", []);
    await expectModelEvents(sessionId, "cjs");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChildApp } from "./child-app.js";
import { type FakeGoogle, startFakeGoogle } from "./fake-google.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
let fake: FakeGoogle;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeGoogle();
});
afterAll(async () => {
  await fake.close();
  await srv.stop();
});

/** Runs a fixture app with the built SDK (npm test builds first). */
const runApp = async (fixture: string, nodeArgs: string[]): Promise<{ sessionId: string }> => ({
  sessionId: await runChildApp(srv, fixture, nodeArgs, { FAKE_GOOGLE_URL: fake.baseUrl }),
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
    expect(e.config).toMatchObject({ model: "gemini-2.0-flash", provider: "gcp.gemini" });
    expect(e.metadata.prompt_tokens).toBeGreaterThan(0);
    expect(e.metadata.cost).toBeGreaterThan(0);
  }
}

describe("@google/genai applications instrumented without code changes", () => {
  it("an ES module app run with --import @honeyhive-ts/sdk/register", async () => {
    const { sessionId } = await runApp("google-esm.mjs", ["--import", "@honeyhive-ts/sdk/register"]);
    await expectModelEvents(sessionId, "esm");
  });

  it("a CommonJS app, with no flag", async () => {
    const { sessionId } = await runApp("google-cjs.cjs", []);
    await expectModelEvents(sessionId, "cjs");
  });
});

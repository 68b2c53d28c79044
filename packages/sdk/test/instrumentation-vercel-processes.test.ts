import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChildApp } from "./child-app.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
let fake: FakeOpenAI;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
  await srv.stop();
});

/** Runs a fixture app with the built SDK (npm test builds first). */
const runApp = async (fixture: string, nodeArgs: string[]): Promise<{ sessionId: string }> => ({
  sessionId: await runChildApp(srv, fixture, nodeArgs, { FAKE_OPENAI_URL: fake.baseURL }),
});

async function expectCalls(sessionId: string, origin: string): Promise<void> {
  const events = await srv.waitForSession(
    sessionId,
    (ev) =>
      ev.filter((e) => e.event_type === "model").length === 2 &&
      ev.filter((e) => e.event_type === "chain").length === 2,
  );
  const models = events.filter((e) => e.event_type === "model");
  expect(models.map((e) => e.outputs.content).sort()).toEqual([
    `echo: from ${origin}`,
    `echo: streamed from ${origin}`,
  ]);
  expect(
    events
      .filter((e) => e.event_type === "chain")
      .map((e) => e.event_name)
      .sort(),
  ).toEqual(["ai.generateText", "ai.streamText"]);
  for (const e of models) {
    expect(e.config).toMatchObject({ model: "gpt-4o-mini", provider: "openai" });
    expect(e.metadata.prompt_tokens).toBeGreaterThan(0);
    expect(e.metadata.cost).toBeGreaterThan(0);
  }
}

describe("Vercel AI SDK applications instrumented without code changes", () => {
  it("an ES module app run with --import @honeyhive-ts/sdk/register", async () => {
    const { sessionId } = await runApp("vercel-esm.mjs", ["--import", "@honeyhive-ts/sdk/register"]);
    await expectCalls(sessionId, "esm");
  });

  it("a CommonJS app, with no flag", async () => {
    const { sessionId } = await runApp("vercel-cjs.cjs", []);
    await expectCalls(sessionId, "cjs");
  });
});

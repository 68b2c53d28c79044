import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childModelEvents, runChildApp } from "./child-app.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
let fake: FakeOpenAI;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeOpenAI({ streamUsage: "last-chunk" });
});
afterAll(async () => {
  await fake.close();
  await srv.stop();
});

async function expectCaptured(fixture: string, nodeArgs: string[], origin: string): Promise<void> {
  const sessionId = await runChildApp(srv, fixture, nodeArgs, {
    FAKE_ORIGIN: fake.origin,
    FAKE_BASE_URL: fake.baseURL,
  });
  const models = await childModelEvents(srv, sessionId);
  expect(models.map((e) => e.outputs.content).sort()).toEqual([
    `echo: from ${origin}`,
    `echo: streamed from ${origin}`,
  ]);
  for (const e of models) {
    expect(e.config).toMatchObject({
      provider: "together",
      model: "mistralai/Mistral-Small-24B-Instruct-2501",
    });
    expect(e.metadata.prompt_tokens).toBeGreaterThan(0);
    // Together's own prices are not in the table (Mistral's list price would be wrong): no cost.
    expect(e.metadata.cost ?? null).toBeNull();
  }
}

describe("together applications instrumented without code changes", () => {
  it("an ES module app run with --import @honeyhive-ts/sdk/register", async () => {
    await expectCaptured("together-esm.mjs", ["--import", "@honeyhive-ts/sdk/register"], "esm");
  });

  it("a CommonJS app, with no flag", async () => {
    await expectCaptured("together-cjs.cjs", [], "cjs");
  });
});

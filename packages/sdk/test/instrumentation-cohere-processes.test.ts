import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childModelEvents, runChildApp } from "./child-app.js";
import { type FakeCohere, startFakeCohere } from "./fake-cohere.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
let fake: FakeCohere;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeCohere();
});
afterAll(async () => {
  await fake.close();
  await srv.stop();
});

async function expectCaptured(fixture: string, nodeArgs: string[], origin: string): Promise<void> {
  const sessionId = await runChildApp(srv, fixture, nodeArgs, { FAKE_COHERE_URL: fake.baseUrl });
  const models = await childModelEvents(srv, sessionId);
  expect(models.map((e) => e.outputs.content).sort()).toEqual([
    `echo: from ${origin}`,
    `echo: streamed from ${origin}`,
  ]);
  for (const e of models) {
    expect(e.config).toMatchObject({ provider: "cohere", model: "command-a-03-2025" });
    expect(e.metadata.prompt_tokens).toBeGreaterThan(0);
    expect(e.metadata.cost).toBeGreaterThan(0);
  }
}

describe("cohere applications instrumented without code changes", () => {
  it("an ES module app run with --import @honeyhive-ts/sdk/register", async () => {
    await expectCaptured("cohere-esm.mjs", ["--import", "@honeyhive-ts/sdk/register"], "esm");
  });

  it("a CommonJS app with no flag", async () => {
    await expectCaptured("cohere-cjs.cjs", [], "cjs");
  });
});

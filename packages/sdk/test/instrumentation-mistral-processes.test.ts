import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childModelEvents, runChildApp } from "./child-app.js";
import { type FakeMistral, startFakeMistral } from "./fake-mistral.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
let fake: FakeMistral;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeMistral();
});
afterAll(async () => {
  await fake.close();
  await srv.stop();
});

async function expectCaptured(fixture: string, nodeArgs: string[], origin: string): Promise<void> {
  const sessionId = await runChildApp(srv, fixture, nodeArgs, { FAKE_MISTRAL_URL: fake.serverURL });
  const models = await childModelEvents(srv, sessionId);
  expect(models.map((e) => e.outputs.content).sort()).toEqual([
    `echo: from ${origin}`,
    `echo: streamed from ${origin}`,
  ]);
  for (const e of models) {
    expect(e.config).toMatchObject({ provider: "mistral_ai", model: "mistral-small-latest" });
    expect(e.metadata.prompt_tokens).toBeGreaterThan(0);
    expect(e.metadata.cost).toBeGreaterThan(0);
  }
}

describe("mistral applications instrumented without code changes", () => {
  it("an ES module app run with --import @honeyhive-ts/sdk/register", async () => {
    await expectCaptured("mistral-esm.mjs", ["--import", "@honeyhive-ts/sdk/register"], "esm");
  });

  it("a CommonJS app requiring the ES-module-only client, with no flag", async () => {
    await expectCaptured("mistral-cjs.cjs", [], "cjs");
  });
});

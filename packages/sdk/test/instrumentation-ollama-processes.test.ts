import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childModelEvents, runChildApp } from "./child-app.js";
import { FAKE_DURATIONS, type FakeOllama, startFakeOllama } from "./fake-ollama.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
let fake: FakeOllama;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeOllama();
});
afterAll(async () => {
  await fake.close();
  await srv.stop();
});

async function expectCaptured(fixture: string, nodeArgs: string[], origin: string): Promise<void> {
  const sessionId = await runChildApp(srv, fixture, nodeArgs, { FAKE_OLLAMA_HOST: fake.host });
  const models = await childModelEvents(srv, sessionId);
  expect(models.map((e) => e.outputs.content).sort()).toEqual([
    `echo: from ${origin}`,
    `echo: streamed from ${origin}`,
  ]);
  for (const e of models) {
    expect(e.config).toMatchObject({ provider: "ollama", model: "llama3.2" });
    expect(e.metadata).toMatchObject({ total_duration: FAKE_DURATIONS.total_duration });
    expect(e.metadata.prompt_tokens).toBeGreaterThan(0);
  }
}

describe("ollama applications instrumented without code changes", () => {
  it("an ES module app run with --import @honeyhive-ts/sdk/register", async () => {
    await expectCaptured("ollama-esm.mjs", ["--import", "@honeyhive-ts/sdk/register"], "esm");
  });

  it("a CommonJS app using the default client, with no flag", async () => {
    await expectCaptured("ollama-cjs.cjs", [], "cjs");
  });
});

import { computeCost } from "@honeyhive-ts/semconv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childModelEvents, runChildApp } from "./child-app.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
let fake: FakeOpenAI;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeOpenAI({ streamUsage: "x_groq" });
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
    expect(e.config).toMatchObject({ provider: "groq", model: "llama-3.3-70b-versatile" });
    expect(e.metadata.prompt_tokens).toBeGreaterThan(0);
    // Priced by Groq's own entry in the table.
    expect(e.metadata.cost).toBeCloseTo(
      computeCost(
        "llama-3.3-70b-versatile",
        { promptTokens: e.metadata.prompt_tokens, completionTokens: e.metadata.completion_tokens },
        undefined,
        "groq",
      ) ?? Number.NaN,
      12,
    );
  }
}

describe("groq applications instrumented without code changes", () => {
  it("an ES module app run with --import @honeyhive-ts/sdk/register", async () => {
    await expectCaptured("groq-esm.mjs", ["--import", "@honeyhive-ts/sdk/register"], "esm");
  });

  it("a CommonJS app, with no flag", async () => {
    await expectCaptured("groq-cjs.cjs", [], "cjs");
  });
});

import { computeCost } from "@honeyhive-ts/semconv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChildApp } from "./child-app.js";
import { type FakeBedrock, startFakeBedrock } from "./fake-bedrock.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

const MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
const USAGE = { input: 13, output: 4 };

let srv: SdkTestServer;
let fake: FakeBedrock;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeBedrock({ usage: USAGE });
});
afterAll(async () => {
  await fake.close();
  await srv.stop();
});

/** Runs a fixture app with the built SDK (npm test builds first). */
const runApp = async (fixture: string, nodeArgs: string[]): Promise<{ sessionId: string }> => ({
  sessionId: await runChildApp(srv, fixture, nodeArgs, {
    FAKE_BEDROCK_URL: fake.endpoint,
    // Belt and braces: the app passes credentials and a region, so nothing should look further.
    AWS_EC2_METADATA_DISABLED: "true",
  }),
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
  const cost = computeCost(MODEL, { promptTokens: USAGE.input, completionTokens: USAGE.output });
  for (const e of models) {
    expect(e.config).toMatchObject({ model: MODEL, provider: "aws.bedrock" });
    expect(e.metadata).toMatchObject({ prompt_tokens: USAGE.input, completion_tokens: USAGE.output });
    expect(e.metadata.cost).toBeCloseTo(cost ?? Number.NaN, 12);
  }
}

describe("Bedrock applications instrumented without code changes", () => {
  it("an ES module app run with --import @honeyhive-ts/sdk/register", async () => {
    const { sessionId } = await runApp("bedrock-esm.mjs", ["--import", "@honeyhive-ts/sdk/register"]);
    await expectModelEvents(sessionId, "esm");
  });

  it("a CommonJS app, with no flag", async () => {
    const { sessionId } = await runApp("bedrock-cjs.cjs", []);
    await expectModelEvents(sessionId, "cjs");
  });
});

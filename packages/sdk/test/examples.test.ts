import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byName, type SdkTestServer, startSdkTestServer } from "./server.js";

const run = promisify(execFile);
const examples = resolve(import.meta.dirname, "../../../examples");
let srv: SdkTestServer;

beforeAll(async () => {
  srv = await startSdkTestServer();
});

afterAll(async () => {
  await srv.stop();
});

async function example(name: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [resolve(examples, name)], {
    env: { ...process.env, HH_API_KEY: srv.key, HH_API_URL: srv.url },
    timeout: 60_000,
  });
  return stdout.trim().split("\n");
}

describe("examples/ run against the real server", () => {
  it("tracing.mjs", async () => {
    const lines = await example("tracing.mjs");
    expect(lines[0]).toBe("You asked about: hello (hello is a greeting; hello has 5 letters)");
    const { sessionId } = JSON.parse(lines[1]!);
    const events = await srv.waitForSession(sessionId, (ev) => ev.length === 4);
    expect(byName(events, "answer").metadata.documents).toBe(2);
    expect(byName(events, "complete").event_type).toBe("model");
    expect(events.find((e) => e.event_type === "session").feedback).toEqual({ helpful: true });
  });

  it("propagation.mjs", async () => {
    const lines = await example("propagation.mjs");
    expect(lines[0]).toBe("echo ping");
    const { sessionId } = JSON.parse(lines[1]!);
    const events = await srv.waitForSession(sessionId, (ev) => ev.length === 3);
    expect(byName(events, "downstream-handler").parent_id).toBe(byName(events, "upstream-call").event_id);
  });

  it("api-client.mjs", async () => {
    const lines = await example("api-client.mjs");
    expect(lines[0]).toMatch(/^server ok, version \d+\.\d+\.\d+/);
    expect(lines[1]).toMatch(/^prod runs support-bot-\w+ v2 \(temperature 0\.2\); 2 versions kept$/);
    expect(lines[2]).toMatch(/^dataset faq-\w+: 2 datapoints$/);
    expect(lines[3]).toMatch(/^HH_E_NOT_FOUND: /);
    const { datasetId } = JSON.parse(lines[4]!);
    const res = await fetch(`${srv.url}/v1/datapoints?dataset_id=${datasetId}`, {
      headers: { authorization: `Bearer ${srv.key}` },
    });
    const { datapoints } = (await res.json()) as { datapoints: { inputs: unknown; ground_truth: unknown }[] };
    expect(datapoints.map((d) => [d.inputs, d.ground_truth])).toEqual([
      [{ question: "What is HoneyHive TS?" }, { answer: "LLM observability" }],
      [{ question: "Where does it store data?" }, { answer: "SQLite or PostgreSQL" }],
    ]);
  });
});

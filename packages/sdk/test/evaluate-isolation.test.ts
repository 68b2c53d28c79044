import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, startTestServer, type TestServer } from "../../server/test/helpers.js";
import { evaluate, HoneyHive, instrument, trace } from "../src/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";

let fake: FakeOpenAI;
let openai: OpenAI;

beforeAll(async () => {
  // a small, varying delay so that calls of different datapoints interleave
  fake = await startFakeOpenAI({
    chat: (body) => ({ content: `echo: ${body.messages.at(-1).content}`, delayMs: body.messages.length % 3 }),
  });
  // The client's calls are instrumented: each becomes a model span of its own, in the caller's session.
  openai = instrument(new OpenAI({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 }), {
    providerName: "openai",
  });
});

afterAll(async () => {
  await fake.close();
});

const ask = async (question: string) => {
  const res = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
  return res.choices[0]?.message.content ?? "";
};

const askStreamed = (question: string) =>
  openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
    stream: true,
  });

const pipeline = trace(
  async (question: string, streamed: boolean) => {
    const first = await ask(question);
    if (!streamed) return `${first} | ${await ask(`${question}?`)}`;
    let text = "";
    for await (const chunk of await askStreamed(`${question}?`))
      text += chunk.choices[0]?.delta.content ?? "";
    return `${first} | ${text}`;
  },
  { name: "pipeline", eventType: "chain" },
);

describe.each(await backends())("evaluate() isolation on %s", (backend) => {
  let srv: TestServer;
  let client: HoneyHive;

  beforeAll(async () => {
    srv = await startTestServer(backend);
    client = new HoneyHive({ apiKey: srv.key, serverUrl: srv.url });
  });

  afterAll(async () => {
    client.close();
    await srv.stop();
  });

  it("200 datapoints at concurrency 16: every span lands in its own datapoint's session", async () => {
    const dataset = Array.from({ length: 200 }, (_, i) => ({
      inputs: { question: `question-${i}`, streamed: i % 3 === 0 },
      ground_truth: { answer: `echo: question-${i}` },
    }));
    const result = await evaluate({
      apiKey: srv.key,
      serverUrl: srv.url,
      maxConcurrency: 16,
      print: false,
      dataset,
      function: (inputs) => pipeline(inputs["question"] as string, inputs["streamed"] as boolean),
      evaluators: [
        function startsRight({ output, expected }) {
          return String(output).startsWith((expected as { answer: string }).answer);
        },
      ],
    });
    expect(result.status).toBe("completed");
    expect(result.datapoints).toHaveLength(200);
    expect(result.metrics[0]).toMatchObject({ name: "startsRight", aggregate: 1, count: 200 });
    expect(new Set(result.datapoints.map((d) => d.sessionId)).size).toBe(200);

    for (const [i, dp] of result.datapoints.entries()) {
      const question = `question-${i}`;
      expect(dp.inputs["question"]).toBe(question);
      // evaluate() flushed its tracer before it resolved: everything is stored
      const { events } = (await client.events.listBySession(dp.sessionId)) as { events: any[] };
      expect(events).toHaveLength(5);
      const session = events.find((e) => e.event_type === "session");
      expect(session.metadata).toMatchObject({ run_id: result.runId, datapoint_id: dp.datapointId });
      expect(session.metrics).toMatchObject({ startsRight: true });
      const spans = events.filter((e) => e.event_type !== "session");
      // "function": the evaluated call itself, parent of the pipeline, parent of two instrumented model calls
      expect(
        spans
          .filter((e) => e.event_type !== "model")
          .map((e) => e.event_name)
          .sort(),
      ).toEqual(["function", "pipeline"]);
      const models = spans.filter((e) => e.event_type === "model");
      expect(models).toHaveLength(2);
      for (const m of models) expect(m.config).toMatchObject({ model: "gpt-4o-mini" });
      for (const e of spans) {
        // every span's inputs name this datapoint's question, never another's
        expect(JSON.stringify(e.inputs)).toMatch(new RegExp(`"${question}\\??"`));
        expect(e.metadata.datapoint_id).toBe(dp.datapointId);
      }
    }
    const run = (await client.runs.get(result.runId)).evaluation;
    expect(run.session_ids).toHaveLength(200);
  });
});

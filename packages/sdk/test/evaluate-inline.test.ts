import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluator, HoneyHiveTracer, trace, traceModel } from "../src/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.js";
import { byName, type SdkTestServer, startSdkTestServer } from "./server.js";

let srv: SdkTestServer;
let fake: FakeOpenAI;
let openai: OpenAI;
let tracer: HoneyHiveTracer;

beforeAll(async () => {
  srv = await startSdkTestServer();
  fake = await startFakeOpenAI();
  openai = new OpenAI({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 });
  tracer = HoneyHiveTracer.init({ apiKey: srv.key, serverUrl: srv.url, flushOnExit: false });
});

afterAll(async () => {
  await tracer.shutdown();
  await fake.close();
  await srv.stop();
});

const evaluationEvents = (event: any): any[] =>
  (event.metadata.events ?? []).filter((e: any) => e.name === "gen_ai.evaluation.result");

describe("inline evaluation: trace(fn, {evaluators})", () => {
  it("scores a live call after it returned: span events and metrics, the call never waits", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let judged = false;
    const judge = evaluator(
      async ({ input }) => {
        await gate;
        judged = true;
        return { score: 0.9, explanation: `checked ${String(input["question"])}` };
      },
      { name: "judge", threshold: { min: 0.5 } },
    );
    const answer = traceModel(
      async (question: string) => {
        const res = await openai.chat.completions.create({
          model: "gpt-4o-mini",
          messages: [{ role: "user", content: question }],
        });
        return res.choices[0]?.message.content ?? "";
      },
      {
        tracer,
        name: "answer",
        evaluators: [
          judge,
          function echoes({ output }) {
            return String(output).startsWith("echo:");
          },
          function broken() {
            throw new Error("judge offline");
          },
        ],
      },
    );
    let sessionId = "";
    const out = await tracer.withSession({ sessionName: "prod" }, () => {
      sessionId = tracer.currentSession().sessionId;
      return answer("hi");
    });
    expect(out).toBe("echo: hi");
    // the call returned while its evaluator still waits
    expect(judged).toBe(false);
    const releasedAt = Date.now();
    release();
    expect(await tracer.flush(20_000)).toBe(true);
    expect(judged).toBe(true);

    const events = await srv.waitForSession(sessionId, (evs) => byName(evs, "answer") !== undefined);
    const event = byName(events, "answer");
    expect(event.metrics).toMatchObject({ judge: 0.9, judge_explanation: "checked hi", echoes: true });
    expect(event.metrics.broken).toBeUndefined();
    // the span ended when the call settled, not when the evaluation did
    expect(event.end_time).toBeLessThanOrEqual(releasedAt + 1);
    const results = evaluationEvents(event);
    expect(results).toHaveLength(3);
    const flat = JSON.stringify(results);
    expect(flat).toContain('"judge"');
    expect(flat).toContain('"checked hi"');
    expect(flat).toContain('"pass"');
    expect(flat).toContain('"evaluator_error"');
    expect(flat).toContain('"judge offline"');
  });

  it("samples: evaluationSampling 0 never evaluates; a failing call is not evaluated and fails unchanged", async () => {
    let calls = 0;
    const counted = () => {
      calls++;
      return 1;
    };
    const never = trace((n: number) => n * 2, {
      tracer,
      name: "never_sampled",
      evaluators: [counted],
      evaluationSampling: 0,
    });
    for (let i = 0; i < 5; i++) expect(never(i)).toBe(i * 2);
    const failing = trace(
      async () => {
        throw new TypeError("bad call");
      },
      { tracer, name: "failing", evaluators: [counted] },
    );
    await expect(failing()).rejects.toThrow(TypeError);
    expect(await tracer.flush(20_000)).toBe(true);
    expect(calls).toBe(0);
    expect(() => trace(() => 1, { evaluators: [counted], evaluationSampling: 2 })).toThrow(
      /evaluationSampling/,
    );
  });

  it("evaluates sync values and streamed results", async () => {
    const sync = trace((a: number, b: number) => a + b, {
      tracer,
      name: "add",
      evaluators: [
        function big({ output, input }) {
          return { score: Number(output), explanation: `a=${String(input["a"])}` };
        },
      ],
    });
    const streamed = traceModel(
      (question: string) =>
        openai.chat.completions.create({
          model: "gpt-4o-mini",
          messages: [{ role: "user", content: question }],
          stream: true,
        }),
      {
        tracer,
        name: "stream",
        evaluators: [
          function seen({ output }) {
            return output !== undefined;
          },
        ],
      },
    );
    let sessionId = "";
    await tracer.withSession({ sessionName: "sync" }, async () => {
      sessionId = tracer.currentSession().sessionId;
      expect(sync(2, 3)).toBe(5);
      let text = "";
      for await (const chunk of await streamed("stream me")) text += chunk.choices[0]?.delta.content ?? "";
      expect(text).toBe("echo: stream me");
    });
    expect(await tracer.flush(20_000)).toBe(true);
    const events = await srv.waitForSession(
      sessionId,
      (evs) => byName(evs, "add") !== undefined && byName(evs, "stream") !== undefined,
    );
    expect(byName(events, "add").metrics).toMatchObject({ big: 5, big_explanation: "a=2" });
    expect(byName(events, "stream").metrics).toMatchObject({ seen: true });
  });
});

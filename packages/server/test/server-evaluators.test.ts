import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../../sdk/test/fake-openai.js";
import { sampled } from "../src/evaluation/sampling.js";
import {
  api,
  type Backend,
  backends,
  type Http,
  otherProject,
  startTestServer,
  type TestServer,
} from "./helpers.js";
import { otlpJsonBody } from "./otlp-fixtures.js";

/** Server-side evaluators over real HTTP, on every backend: code in the sandbox, LLM judges at a fake provider. */

const until = async <T>(read: () => Promise<T>, done: (v: T) => boolean, what: string): Promise<T> => {
  for (let i = 0; i < 600; i++) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
};

const metric = (http: Http, body: Record<string, unknown>) =>
  http.post("/v1/metrics", { return_type: "float", enabled_in_prod: true, ...body }).then((r) => {
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  });

const createEvent = async (http: Http, event: Record<string, unknown>): Promise<string> => {
  const r = await http.post("/events", { event: { event_type: "model", inputs: {}, ...event } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.event_id as string;
};

/** Waits until the project has no pending evaluation, then reads the event. */
const settled = async (http: Http, eventId: string) => {
  await until(
    () => http.get("/v1/evaluations/status"),
    (r) => r.body.pending === 0,
    "the queue to drain",
  );
  return (await http.get(`/events/${eventId}`)).body;
};

const HOSTILE: Record<string, string> = {
  endless: "while (true) {}",
  endless_async: "async function (event) { await new Promise(() => {}); }",
  memory_bomb: "const a = []; while (true) a.push(new Array(1e6).fill(Math.random())); ",
  exit: "process.exit(1); return 1;",
  require_fs: "return require('fs').readFileSync('/etc/passwd', 'utf8').length;",
  escape: "function (event) { return this.constructor.constructor('return process')().pid; }",
  escape_event: "return event.constructor.constructor('return process')().pid;",
};

for (const backend of await backends()) {
  describe(`server-side evaluators (${backend})`, () => {
    let server: TestServer;
    let http: Http;
    let fake: FakeOpenAI;
    let judgeReply = '{"score": 4, "explanation": "mostly right"}';

    beforeAll(async () => {
      fake = await startFakeOpenAI({ chat: () => judgeReply });
      server = await startTestServer(backend as Backend, {
        evalPollMs: 20,
        evalBackoffMs: 10,
        evalCodeTimeoutMs: 500,
        evalCodeMemoryMb: 32,
        evalProviderUrl: fake.baseURL,
        evalProviderApiKey: "sk-test",
        evalModel: "judge-default",
      });
      http = api(server.url, server.key);
    });
    afterAll(async () => {
      await server?.stop();
      await fake?.close();
    });

    it("runs code metrics on ingested events that match their filters, scores as event metrics", async () => {
      await metric(http, {
        name: "answer_length",
        type: "custom",
        criteria:
          "function (event) { return { score: event.outputs.content.length, explanation: 'chars' }; }",
        event_type: "model",
      });
      await metric(http, { name: "tool_only", type: "PYTHON", criteria: "return 1", event_type: "tool" });
      await metric(http, { name: "named", type: "custom", criteria: "return true", event_name: "special" });
      await metric(http, {
        name: "not_in_prod",
        type: "custom",
        criteria: "return 1",
        enabled_in_prod: false,
      });

      const id = await createEvent(http, { event_name: "special", outputs: { content: "hello" } });
      const event = await settled(http, id);
      expect(event.metrics).toEqual({ answer_length: 5, answer_length_explanation: "chars", named: true });
      // Each result is also stored as a gen_ai.evaluation.result event of the evaluated event.
      const results = (event.metadata.events as { name: string; attributes: any }[])
        .filter((e) => e.name === "gen_ai.evaluation.result")
        .map((e) => e.attributes.gen_ai.evaluation)
        .sort((a, b) => a.name.localeCompare(b.name));
      expect(results).toEqual([
        { name: "answer_length", evaluator: "server", score: { value: 5 }, explanation: "chars" },
        { name: "named", evaluator: "server", score: { value: 1, label: "true" } },
      ]);

      // Spans through OTLP are ingested events too.
      const { body } = otlpJsonBody([
        { name: "llm", attributes: { honeyhive_event_type: "model", "honeyhive_outputs.content": "four" } },
      ]);
      const res = await fetch(`${server.url}/v1/traces`, {
        method: "POST",
        headers: { authorization: `Bearer ${server.key}`, "content-type": "application/json" },
        body,
      });
      expect(res.status).toBe(200);
      const found = await until(
        () =>
          http.post("/v1/events/export", {
            filters: [{ field: "metrics.answer_length", operator: "exists" }],
          }),
        (r) => r.body.events.some((e: { event_name: string }) => e.event_name === "llm"),
        "the OTLP event to be evaluated",
      );
      const llm = found.body.events.find((e: { event_name: string }) => e.event_name === "llm");
      expect(llm.metrics.answer_length).toBe(4);
    });

    it("contains hostile code: each fails with a recorded error and the others still score", async () => {
      for (const [name, criteria] of Object.entries(HOSTILE)) {
        await metric(http, { name, type: "custom", criteria, event_name: "hostile", event_type: "chain" });
      }
      await metric(http, {
        name: "still_works",
        type: "custom",
        criteria: "return 0.5",
        event_name: "hostile",
      });
      // (Filtered on event_type too: the session POST /events starts is named after its first event.)
      const id = await createEvent(http, { event_name: "hostile", event_type: "chain", outputs: { x: 1 } });
      const event = await settled(http, id);
      expect(event.metrics.still_works).toBe(0.5);
      const errors = event.metadata.evaluation_errors as Record<string, string>;
      expect(Object.keys(errors).sort()).toEqual(Object.keys(HOSTILE).sort());
      expect(errors["endless"]).toMatch(/timed out/i);
      expect(errors["endless_async"]).toMatch(/timed out/i);
      expect(errors["memory_bomb"]).toMatch(/memory|timed out/i);
      expect(errors["exit"]).toMatch(/process is not defined/);
      expect(errors["require_fs"]).toMatch(/require is not defined/);
      expect(errors["escape"]).toMatch(/Code generation from strings disallowed|process is not defined/);
      expect(errors["escape_event"]).toMatch(
        /Code generation from strings disallowed|process is not defined/,
      );
      for (const name of Object.keys(HOSTILE)) expect(event.metrics[name]).toBeUndefined();

      const status = await http.get("/v1/evaluations/status");
      expect(status.body.failed).toBe(Object.keys(HOSTILE).length);
      expect(status.body.recent_failures.map((f: { metric_name: string }) => f.metric_name).sort()).toEqual(
        Object.keys(HOSTILE).sort(),
      );
      // The server kept serving throughout, and code still runs after the workers were replaced.
      const after = await createEvent(http, { event_name: "hostile", event_type: "chain" });
      expect((await settled(http, after)).metrics.still_works).toBe(0.5);
    });

    it("samples deterministically by event id", async () => {
      await metric(http, {
        name: "sampled",
        type: "custom",
        criteria: "return 1",
        event_name: "sample",
        sampling_percentage: 50,
      });
      const ids: string[] = [];
      for (let i = 0; i < 30; i++)
        ids.push(await createEvent(http, { event_name: "sample", event_type: "tool" }));
      await settled(http, ids[0] as string);
      const scored = new Set<string>();
      for (const id of ids) if ((await http.get(`/events/${id}`)).body.metrics.sampled === 1) scored.add(id);
      expect(scored).toEqual(new Set(ids.filter((id) => sampled(id, 50))));
      expect(scored.size).toBeGreaterThan(0);
      expect(scored.size).toBeLessThan(ids.length);
    });

    it("runs LLM judges through the configured provider with the rubric filled from the event", async () => {
      await metric(http, {
        name: "helpfulness",
        type: "LLM",
        criteria: "Rate 1-5 how well '{{outputs.content}}' answers {{inputs.question}}.",
        event_name: "judged",
        model_name: "judge-1",
      });
      judgeReply = '```json\n{"score": 4, "explanation": "mostly right"}\n```';
      const id = await createEvent(http, {
        event_name: "judged",
        inputs: { question: "what is 2+2?" },
        outputs: { content: "four" },
      });
      const event = await settled(http, id);
      expect(event.metrics.helpfulness).toBe(4);
      expect(event.metrics.helpfulness_explanation).toBe("mostly right");
      const judged = (event.metadata.events as { attributes: any }[]).map(
        (e) => e.attributes.gen_ai.evaluation,
      );
      expect(judged).toContainEqual({
        name: "helpfulness",
        evaluator: "server",
        score: { value: 4 },
        explanation: "mostly right",
      });
      const call = fake.requests.find((r) => JSON.stringify(r.body).includes("what is 2+2?"));
      expect(call?.body.model).toBe("judge-1");
      expect(call?.headers.authorization).toBe("Bearer sk-test");
      expect(call?.body.messages.at(-1).content).toBe("Rate 1-5 how well 'four' answers what is 2+2?.");
    });

    it("retries transient provider failures, then records the failure after the attempt limit", async () => {
      await metric(http, {
        name: "flaky",
        type: "model",
        criteria: "Is it polite? {{outputs}}",
        event_name: "flaky",
      });
      let failures = 1;
      fake.options.fail = (_path, body) =>
        JSON.stringify(body).includes("polite") && failures-- > 0 ? 503 : undefined;
      judgeReply = "3";
      const ok = await createEvent(http, { event_name: "flaky", outputs: { text: "thanks" } });
      expect((await settled(http, ok)).metrics.flaky).toBe(3);

      fake.options.fail = (_path, body) => (JSON.stringify(body).includes("polite") ? 500 : undefined);
      const bad = await createEvent(http, { event_name: "flaky", outputs: { text: "go away" } });
      const event = await settled(http, bad);
      fake.options.fail = undefined;
      expect(event.metrics.flaky).toBeUndefined();
      expect(event.metadata.evaluation_errors.flaky).toMatch(/answered 500/);
      const calls = fake.requests.filter((r) => JSON.stringify(r.body).includes("go away"));
      expect(calls).toHaveLength(3);
      const status = await http.get("/v1/evaluations/status");
      const failure = status.body.recent_failures.find((f: { event_id: string }) => f.event_id === bad);
      expect(failure).toMatchObject({ metric_name: "flaky", attempts: 3 });
    });

    it("keeps each project's metrics and queue to itself", async () => {
      const other = await otherProject(http, server.url, `evaluators-other-${backend}`);
      const id = await createEvent(other, { event_name: "special", outputs: { content: "abc" } });
      const event = await settled(other, id);
      expect(event.metrics).toEqual({});
      expect((await other.get("/v1/evaluations/status")).body).toMatchObject({ pending: 0, failed: 0 });
    });
  });

  describe(`server-side evaluation queue (${backend})`, () => {
    it("is durable: events ingested while no replica evaluates are scored after a restart", async () => {
      const first = await startTestServer(backend as Backend, { evalConcurrency: 0 });
      const reopen = first.config.databaseUrl
        ? { databaseUrl: first.config.databaseUrl }
        : { dataDir: first.dataDir, dbPath: first.config.dbPath };
      let second: TestServer | undefined;
      try {
        const http = api(first.url, first.key);
        await metric(http, {
          name: "len",
          type: "custom",
          criteria: "return event.outputs.text.length",
          event_type: "model",
        });
        const id = await createEvent(http, { event_name: "x", outputs: { text: "durable" } });
        expect((await http.get("/v1/evaluations/status")).body.pending).toBe(1);
        await first.close();
        second = await startTestServer(backend as Backend, {
          ...reopen,
          bootstrapApiKey: first.key,
          evalPollMs: 20,
        });
        const again = api(second.url, first.key);
        expect((await settled(again, id)).metrics.len).toBe(7);
      } finally {
        await second?.stop();
        await first.stop();
      }
    });

    it("fails LLM metrics clearly when no provider is configured, contacting nothing", async () => {
      const server = await startTestServer(backend as Backend, { evalPollMs: 20 });
      try {
        const http = api(server.url, server.key);
        await metric(http, { name: "judge", type: "LLM", criteria: "Rate it" });
        const id = await createEvent(http, { event_name: "x" });
        const event = await settled(http, id);
        expect(event.metadata.evaluation_errors.judge).toMatch(/HH_EVAL_PROVIDER_URL/);
      } finally {
        await server.stop();
      }
    });
  });
}

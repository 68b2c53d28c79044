/**
 * The contract every LLM client instrumentation passes, run against the real
 * platform server and a local fake provider through the provider's real
 * client package. A provider plugs in with a {@link ContractProvider}; the
 * suite checks what the events say (model, provider, messages, exact usage,
 * cost, errors, nesting) and that the client behaves exactly as untraced.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { computeCost } from "@honeyhive-ts/semconv";
import { context } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, trace } from "../src/index.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

/** Usage the fake provider reports for every call of the suite. */
export const CONTRACT_USAGE = { input: 11, output: 7 } as const;

export interface StreamRun {
  text: string;
  /** Every chunk exactly as the caller received it. */
  chunks: unknown[];
}

/** A fake provider and the real client pointed at it, instrumented the way the provider's suite chooses. */
export interface ContractFake {
  /**
   * The instrumented client. `fetch` (when given) must be used for its HTTP
   * calls: the suite checks that spans made inside it are children of the model span.
   */
  client(options?: { fetch?: typeof fetch }): unknown;
  /** One plain (non-streamed) call; the answer's text is "echo: " + prompt. */
  call(client: unknown, prompt: string): Promise<{ text: string; value: unknown }>;
  /** One streamed call read to the end. */
  stream(client: unknown, prompt: string): Promise<StreamRun>;
  /** A streamed call: the stream, not read yet. */
  openStream(client: unknown, prompt: string): Promise<AsyncIterable<unknown>>;
  /** The client's own ways of reading a response (e.g. openai's `.withResponse()` / `.asResponse()`), each returning comparable data. */
  responseHelpers(client: unknown, prompt: string): Promise<unknown[]>;
  /** Make the next calls fail with this HTTP status (undefined: answer again). */
  fail(status: number | undefined): void;
  /** A value that differs between two calls (ids, timestamps) replaced, for comparing calls. */
  normalize(value: unknown): unknown;
  close(): Promise<void>;
}

export interface ContractProvider {
  /** The suite's title. */
  name: string;
  /** `config.provider` of the events (a value or an asymmetric matcher). */
  providerName: unknown;
  model: string;
  /** The provider's error type in `metadata["error.type"]` for a 429. */
  rateLimitErrorType: string;
  /**
   * Frameworks (the Vercel AI SDK) record each call as a chain event with the
   * model event as its child; plain clients record the model event alone.
   */
  chainAroundModel?: boolean;
  /** `metadata.stream_abandoned` when the caller breaks out of a stream (default "return"). */
  abandonReason?: string;
  /**
   * The instrumentation never sees the stream it could observe (telemetry
   * settings only), so a dropped stream's span ends when it is collected:
   * the suite collects garbage after dropping it.
   */
  abandonedEndsWhenCollected?: boolean;
  /**
   * The client holds every open stream until it ends or the client's own
   * `abort()` is called (ollama), so a dropped stream is never collected:
   * the suite ends it that way and expects "cancel".
   */
  abortOpenStreams?: (client: unknown) => void;
  /**
   * Why a stream dropped before anything read it is out of the
   * instrumentation's reach (the framework's own telemetry ends that span),
   * when it is; the suite then leaves that case out.
   */
  unreadStreamOutOfReach?: string;
  /** False when the provider's error type and status cannot reach the span (only the error itself is checked). */
  errorDetails?: boolean;
  /** The HTTP status of the error the caller receives (default: its `status`). */
  errorStatus?: (error: unknown) => unknown;
  /**
   * The price table has no price for `model` (a local model, or a hosted one
   * the table lacks): the suite checks that the table indeed has none and
   * that no cost is recorded.
   */
  unpriced?: boolean;
  start(): Promise<ContractFake>;
}

const SECRET = "secret-4242";

/**
 * Runs `fn` in a new session of `tracer`, flushes, and returns the session's
 * events (without the session event) once `done` holds for them.
 */
export async function eventsOfSession(
  srv: SdkTestServer,
  tracer: HoneyHiveTracer,
  name: string,
  fn: () => Promise<unknown>,
  done: (events: any[]) => boolean,
): Promise<any[]> {
  let sessionId = "";
  await tracer.withSession({ sessionName: name }, async () => {
    sessionId = tracer.currentSession().sessionId;
    await fn();
  });
  await tracer.flush();
  const withoutSession = (ev: any[]) => ev.filter((e) => e.event_type !== "session");
  return withoutSession(await srv.waitForSession(sessionId, (ev) => done(withoutSession(ev))));
}

/** Runs full garbage collections (a bounded number of rounds, no timing involved). */
async function collectGarbage(): Promise<void> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  for (let round = 0; round < 10; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export function runInstrumentationContract(provider: ContractProvider): void {
  describe(`instrumentation contract: ${provider.name}`, () => {
    let srv: SdkTestServer;
    let fake: ContractFake;
    let tracer: HoneyHiveTracer;
    let client: unknown;

    beforeAll(async () => {
      srv = await startSdkTestServer();
      fake = await provider.start();
      tracer = HoneyHiveTracer.init({
        apiKey: srv.key,
        serverUrl: srv.url,
        flushOnExit: false,
        startSession: false,
        mask: (value) => (typeof value === "string" ? value.replaceAll(SECRET, "[MASKED]") : value),
      });
      client = fake.client();
    });
    afterAll(async () => {
      await tracer?.shutdown();
      await fake?.close();
      await srv?.stop();
    });

    const perCall = provider.chainAroundModel ? 2 : 1;
    const inSession = (name: string, count: number, fn: () => Promise<unknown>) =>
      eventsOfSession(srv, tracer, name, fn, (ev) => ev.length >= count);

    const modelEvents = (events: any[]) => events.filter((e) => e.event_type === "model");
    const expectedCost = () =>
      computeCost(
        provider.model,
        { promptTokens: CONTRACT_USAGE.input, completionTokens: CONTRACT_USAGE.output },
        undefined,
        typeof provider.providerName === "string" ? provider.providerName : undefined,
      );

    const expectCost = (ev: any) => {
      if (!provider.unpriced) return expect(ev.metadata.cost).toBeCloseTo(expectedCost() ?? Number.NaN, 12);
      expect(expectedCost()).toBeNull();
      expect(ev.metadata.cost ?? null).toBeNull();
    };

    it("a plain call becomes a model event with model, provider, messages, exact usage and cost", async () => {
      const events = await inSession("plain", perCall, () => fake.call(client, "hello"));
      const [ev] = modelEvents(events);
      expect(ev.config).toMatchObject({ model: provider.model, provider: provider.providerName });
      expect(JSON.stringify(ev.inputs.chat_history)).toContain("hello");
      expect(ev.outputs).toMatchObject({ role: "assistant", content: "echo: hello", finish_reason: "stop" });
      expect(ev.metadata).toMatchObject({
        prompt_tokens: CONTRACT_USAGE.input,
        completion_tokens: CONTRACT_USAGE.output,
        total_tokens: CONTRACT_USAGE.input + CONTRACT_USAGE.output,
      });
      expectCost(ev);
      expect(ev.error).toBeNull();
    });

    it("a stream is assembled, carries the provider's usage and a time to first token", async () => {
      let run: StreamRun | undefined;
      const events = await inSession("stream", perCall, async () => {
        run = await fake.stream(client, "streamed words");
      });
      expect(run?.text).toBe("echo: streamed words");
      const [ev] = modelEvents(events);
      expect(ev.outputs).toMatchObject({ content: "echo: streamed words" });
      expect(ev.metadata).toMatchObject({
        prompt_tokens: CONTRACT_USAGE.input,
        completion_tokens: CONTRACT_USAGE.output,
      });
      expectCost(ev);
      expect(ev.metrics.time_to_first_token_ms).toBeGreaterThanOrEqual(0);
    });

    it("return values and streams are what the untraced client gives", async () => {
      const untraced = <T>(fn: () => Promise<T>) => context.with(suppressTracing(context.active()), fn);
      const traced = await fake.call(client, "same");
      const plain = await untraced(() => fake.call(client, "same"));
      expect(fake.normalize(traced.value)).toEqual(fake.normalize(plain.value));
      const tracedStream = await fake.stream(client, "same stream");
      const plainStream = await untraced(() => fake.stream(client, "same stream"));
      expect(fake.normalize(tracedStream.chunks)).toEqual(fake.normalize(plainStream.chunks));
      const helpers = await fake.responseHelpers(client, "helpers");
      const plainHelpers = await untraced(() => fake.responseHelpers(client, "helpers"));
      expect(fake.normalize(helpers)).toEqual(fake.normalize(plainHelpers));
    });

    it("suppressed tracing records nothing", async () => {
      const events = await inSession("suppressed", 1, async () => {
        await context.with(suppressTracing(context.active()), () => fake.call(client, "quiet"));
        await trace(async () => "marker", { tracer, name: "marker" })();
      });
      expect(events.map((e) => e.event_name)).toEqual(["marker"]);
    });

    it("nests under the caller's span and is the parent of spans made inside the call", async () => {
      const inner = fake.client({
        fetch: (input, init) =>
          trace(async () => fetch(input, init), { tracer, name: "http-inside", eventType: "tool" })(),
      });
      const events = await inSession("nesting", 2 + perCall, () =>
        trace(async () => fake.call(inner, "nested"), { tracer, name: "outer", eventType: "chain" })(),
      );
      const outer = events.find((e) => e.event_name === "outer");
      const [model] = modelEvents(events);
      const http = events.find((e) => e.event_name === "http-inside");
      if (provider.chainAroundModel) {
        const chain = events.find((e) => e.event_type === "chain" && e.event_name !== "outer");
        expect(chain.parent_id).toBe(outer.event_id);
        expect(model.parent_id).toBe(chain.event_id);
      } else expect(model.parent_id).toBe(outer.event_id);
      expect(http.parent_id).toBe(model.event_id);
    });

    it("the tracer's mask applies to messages", async () => {
      const events = await inSession("masked", perCall, () => fake.call(client, `my key is ${SECRET}`));
      const [ev] = modelEvents(events);
      const text = JSON.stringify([ev.inputs, ev.outputs]);
      expect(text).not.toContain(SECRET);
      expect(text).toContain("[MASKED]");
    });

    it("a stream abandoned mid-way still ends the span with what arrived", async () => {
      const readAndBreak = async () => {
        const stream = await fake.openStream(client, "a long answer that streams in several pieces");
        for await (const _ of stream) break;
      };
      const events = await inSession("abandoned", perCall, async () => {
        await readAndBreak();
        if (provider.abandonedEndsWhenCollected) await collectGarbage();
      });
      const [ev] = modelEvents(events);
      expect(ev.metadata.stream_abandoned).toBe(provider.abandonReason ?? "return");
      expect(ev.end_time).toBeGreaterThanOrEqual(ev.start_time);
    });

    it("a stream read through its iterator alone, with collections mid-way, is not taken for abandoned", async () => {
      const readByIterator = async () => {
        // Only the iterator is kept: the stream object itself is unreachable from here on.
        const iterator = await fake
          .openStream(client, "kept alive by its iterator")
          .then((stream) => stream[Symbol.asyncIterator]());
        expect((await iterator.next()).done).toBe(false);
        await collectGarbage();
        while (!(await iterator.next()).done);
      };
      const events = await inSession("iterator-only", perCall, readByIterator);
      const [ev] = modelEvents(events);
      expect(ev.metadata.stream_abandoned).toBeUndefined();
      expect(ev.outputs).toMatchObject({ content: "echo: kept alive by its iterator" });
    });

    // Not registered at all where out of reach (its reason is in the provider's option), so nothing is skipped.
    if (provider.unreadStreamOutOfReach === undefined)
      it("a stream dropped before anything read it still ends its span", async () => {
        const openAndDrop = async () => {
          await fake.openStream(client, "an answer nobody reads");
        };
        const events = await inSession("never-read", perCall, async () => {
          await openAndDrop();
          if (provider.abortOpenStreams) provider.abortOpenStreams(client);
          else await collectGarbage();
        });
        const [ev] = modelEvents(events);
        expect(ev.metadata.stream_abandoned).toBe(provider.abortOpenStreams ? "cancel" : "garbage");
        expect(ev.end_time).toBeGreaterThanOrEqual(ev.start_time);
      });

    it("provider errors are recorded with their type and status, and reach the caller unchanged", async () => {
      fake.fail(429);
      let caught: unknown;
      const events = await inSession("rate-limited", perCall, async () => {
        caught = await fake.call(client, "too many").catch((e: unknown) => e);
      });
      fake.fail(undefined);
      const status =
        provider.errorStatus ?? ((e: unknown) => (e as { status?: unknown } | undefined)?.status);
      expect(status(caught)).toBe(429);
      const [ev] = modelEvents(events);
      expect(ev.error).toContain("429");
      if (provider.errorDetails === false) return;
      expect(ev.metadata["error"]).toMatchObject({ type: provider.rateLimitErrorType });
      expect(ev.metadata["http"]).toMatchObject({ response: { status_code: 429 } });
    });
  });
}

/**
 * The pipeline against the real HoneyHive TS server: what it sends is what
 * the server stores, and a server restart loses nothing that fit the buffer.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uuidFromTrace } from "@honeyhive-ts/semconv";
import { type RunningServer, startServer } from "@honeyhive-ts/server";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { type ExportOptions, ExportPipeline } from "../src/export/index.js";
import { FAST, type TestLogger, testLogger, tracerFor, waitUntil } from "./export-helpers.js";

let server: RunningServer | undefined;
let pipeline: ExportPipeline | undefined;
let dataDir: string;
let logger: TestLogger;

afterEach(async () => {
  await pipeline?.shutdown();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
  pipeline = undefined;
  server = undefined;
});

async function start(port = 0): Promise<RunningServer> {
  return startServer({ host: "127.0.0.1", port, dataDir, logLevel: "silent" });
}

async function setup(options: Partial<ExportOptions> = {}) {
  dataDir = await mkdtemp(join(tmpdir(), "hh-sdk-export-"));
  server = await start();
  const key = server.createdApiKey!;
  logger = testLogger();
  pipeline = new ExportPipeline(
    {
      endpoint: `${server.url}/opentelemetry/v1/traces`,
      headers: { Authorization: `Bearer ${key}` },
      logger,
      ...options,
    },
    { ...FAST, breakerCooldownMs: 50, breakerMaxCooldownMs: 200 },
  );
  return { tracer: tracerFor(pipeline, { "service.name": "sdk-test" }), pipeline, key };
}

/** A context whose spans all belong to one new trace (and so one session). */
function inNewTrace(): { ctx: ReturnType<typeof trace.setSpanContext>; traceId: string } {
  const traceId = randomBytes(16).toString("hex");
  const spanId = randomBytes(8).toString("hex");
  return {
    ctx: trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: 1, isRemote: true }),
    traceId,
  };
}

async function sessionEvents(traceId: string, key: string): Promise<any[]> {
  const res = await fetch(`${server!.url}/v1/events/${uuidFromTrace(traceId)}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { events: any[] };
  return body.events.filter((e) => e.event_type !== "session");
}

function endIn(
  tracer: Tracer,
  ctx: ReturnType<typeof trace.setSpanContext>,
  name: string,
  payload = "",
): void {
  tracer.startSpan(name, { attributes: payload ? { payload } : {} }, ctx).end();
}

describe("against the real server", () => {
  it("stores what it sends, gzipped, with content masked", async () => {
    const { tracer, pipeline, key } = await setup({
      compression: "gzip",
      mask: (value) => (typeof value === "string" ? value.replaceAll(/secret-\w+/g, "[REDACTED]") : value),
    });
    const { ctx, traceId } = inNewTrace();
    const agent = tracer.startSpan(
      "agent run",
      { attributes: { "honeyhive_inputs.query": "find secret-plan" } },
      ctx,
    );
    const inAgent = trace.setSpan(ctx, agent);
    tracer
      .startSpan(
        "chat gpt-4o",
        {
          kind: SpanKind.CLIENT,
          attributes: {
            "gen_ai.operation.name": "chat",
            "gen_ai.request.model": "gpt-4o",
            "gen_ai.usage.input_tokens": 12,
            "gen_ai.input.messages": JSON.stringify([{ role: "user", content: "what is secret-plan?" }]),
          },
        },
        inAgent,
      )
      .end();
    const tool = tracer.startSpan(
      "search",
      { attributes: { "gen_ai.operation.name": "execute_tool" } },
      inAgent,
    );
    tool.recordException(new Error("lookup of secret-key failed"));
    tool.setStatus({ code: SpanStatusCode.ERROR, message: "search failed" });
    tool.end();
    agent.end();
    expect(await pipeline.flush()).toBe(true);
    expect(pipeline.stats()).toMatchObject({ exported: 3, dropped: 0 });
    const events = await sessionEvents(traceId, key);
    expect(events.map((e) => e.event_name).sort()).toEqual(["agent run", "chat gpt-4o", "search"]);
    const stored = JSON.stringify(events);
    expect(stored).not.toMatch(/secret-/);
    expect(stored).toContain("[REDACTED]");
    const model = events.find((e) => e.event_name === "chat gpt-4o");
    expect(model).toMatchObject({ event_type: "model", config: { model: "gpt-4o" } });
  });

  it("drops and explains spans refused for a wrong API key", async () => {
    const { pipeline } = await setup();
    const wrong = new ExportPipeline(
      {
        endpoint: `${server!.url}/opentelemetry/v1/traces`,
        headers: { Authorization: "Bearer hh_wrong" },
        logger,
      },
      FAST,
    );
    const tracer = tracerFor(wrong);
    tracer.startSpan("refused").end();
    expect(await wrong.flush()).toBe(true);
    await wrong.shutdown();
    expect(wrong.stats()).toMatchObject({ exported: 0, dropped: 1, droppedByReason: { http_401: 1 } });
    expect(logger.warnings.join("\n")).toContain("Check the API key");
    expect(pipeline.stats().dropped).toBe(0);
  });

  it("loses nothing that fit the buffer across a server restart, and counts the rest", async () => {
    const { tracer, pipeline, key } = await setup({ maxBufferBytes: 48 * 1024, scheduleDelayMs: 20 });
    const { ctx, traceId } = inNewTrace();
    const expected: string[] = [];
    for (let i = 0; i < 10; i++) {
      endIn(tracer, ctx, `before-${i}`);
      expected.push(`before-${i}`);
    }
    expect(await pipeline.flush()).toBe(true);
    const port = server!.port;
    await server!.close();
    server = undefined;

    let dropped = 0;
    for (let i = 0; i < 200; i++) {
      const before = pipeline.stats().dropped;
      endIn(tracer, ctx, `during-${i}`, "z".repeat(500));
      if (pipeline.stats().dropped === before) expected.push(`during-${i}`);
      else dropped++;
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitUntil(() => pipeline.stats().breaker === "open", "the breaker to open");
    expect(dropped).toBeGreaterThan(0);
    expect(pipeline.stats().droppedByReason).toEqual({ buffer_full: dropped });

    server = await start(port);
    expect(await pipeline.flush()).toBe(true);
    const names = (await sessionEvents(traceId, key)).map((e) => e.event_name);
    expect(names.sort()).toEqual([...expected].sort());
    expect(pipeline.stats()).toMatchObject({
      exported: expected.length,
      dropped,
      breaker: "closed",
      bufferedSpans: 0,
    });
    expect(expected.length + dropped).toBe(210);
  });
});

/**
 * Test helpers for the export pipeline: a fake OTLP collector on 127.0.0.1:0
 * whose answers each test scripts, a logger that records warnings, a tracer
 * wired to a pipeline, and waiting on conditions (never on time).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { Attributes, Tracer } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { afterEach } from "vitest";
import { type ExportOptions, ExportPipeline, type ExportTuning } from "../src/export/index.js";
import type { Logger } from "../src/internal/logger.js";
import { type DecodedSpan, decodeSpans } from "./export-otlp-decoder.js";

export interface Received {
  headers: IncomingHttpHeaders;
  /** As sent (compressed if it was). */
  raw: Buffer;
  spans: DecodedSpan[];
}

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: Uint8Array | string }
  | "destroy"
  | "hang";

export type Responder = (request: Received, index: number) => Reply | Promise<Reply>;

export interface FakeCollector {
  url: string;
  port: number;
  received: Received[];
  /** Spans of every request answered 2xx (what a real server would have stored). */
  accepted: DecodedSpan[];
  active: number;
  maxActive: number;
  respond: Responder;
  close(): Promise<void>;
}

const OK: Reply = { status: 200, headers: { "content-type": "application/x-protobuf" } };

/** A collector that answers with `respond` (200 with an empty body by default). */
export async function startCollector(respond: Responder = () => OK): Promise<FakeCollector> {
  const hanging = new Set<ServerResponse>();
  const collector: FakeCollector = {
    url: "",
    port: 0,
    received: [],
    accepted: [],
    active: 0,
    maxActive: 0,
    respond,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      collector.active++;
      collector.maxActive = Math.max(collector.maxActive, collector.active);
      try {
        const raw = Buffer.concat(chunks);
        const body = req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
        const received: Received = { headers: req.headers, raw, spans: decodeSpans(body) };
        collector.received.push(received);
        const reply = await collector.respond(received, collector.received.length - 1);
        if (reply === "destroy") req.socket.destroy();
        else if (reply === "hang") hanging.add(res);
        else {
          if (reply.status >= 200 && reply.status < 300) collector.accepted.push(...received.spans);
          res.writeHead(reply.status, reply.headers ?? {});
          res.end(reply.body ?? "");
        }
      } catch (err) {
        res.writeHead(500);
        res.end(String(err));
      } finally {
        collector.active--;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  collector.port = (server.address() as AddressInfo).port;
  collector.url = `http://127.0.0.1:${collector.port}/v1/traces`;
  return collector;
}

export interface TestLogger extends Logger {
  warnings: string[];
  errors: string[];
}

export function testLogger(): TestLogger {
  const seen = new Set<string>();
  const logger: TestLogger = {
    warnings: [],
    errors: [],
    warnOnce(key, message) {
      if (seen.has(key)) return;
      seen.add(key);
      logger.warnings.push(message);
    },
    debug() {},
    error(message, err) {
      logger.errors.push(`${message} ${err instanceof Error ? err.message : String(err ?? "")}`);
    },
  };
  return logger;
}

export function tracerFor(
  pipeline: ExportPipeline,
  resource: Attributes = { "service.name": "test" },
): Tracer {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [pipeline],
  });
  return provider.getTracer("export-test", "1.0.0");
}

/** Ends `count` spans named prefix-0.. with optional attributes. */
export function endSpans(tracer: Tracer, count: number, prefix = "span", attributes: Attributes = {}): void {
  for (let i = 0; i < count; i++) tracer.startSpan(`${prefix}-${i}`, { attributes }).end();
}

/** Polls until `condition` holds; fails with `what` after a generous timeout. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A promise with its resolver, to hold responses until a test lets them go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Fast retries and breaker for tests. */
export const FAST = {
  backoffBaseMs: 5,
  backoffMaxMs: 20,
  breakerThreshold: 5,
  breakerCooldownMs: 20,
  breakerMaxCooldownMs: 80,
};

/** A pipeline over a fresh fake collector per test; both are shut down after each test of the file. */
export interface PipelineFixture {
  collector: FakeCollector | undefined;
  pipeline: ExportPipeline | undefined;
  logger: TestLogger;
  setup(
    respond: Responder,
    options?: Partial<ExportOptions>,
    tuning?: Partial<ExportTuning>,
  ): Promise<{ tracer: Tracer; pipeline: ExportPipeline; collector: FakeCollector }>;
}

export function pipelineFixture(base: {
  options?: Partial<ExportOptions>;
  tuning?: Partial<ExportTuning>;
}): PipelineFixture {
  const fx: PipelineFixture = {
    collector: undefined,
    pipeline: undefined,
    logger: testLogger(),
    async setup(respond, options = {}, tuning = {}) {
      const collector = await startCollector(respond);
      fx.collector = collector;
      fx.logger = testLogger();
      const pipeline = new ExportPipeline(
        {
          endpoint: collector.url,
          headers: {},
          logger: fx.logger,
          scheduleDelayMs: 10,
          ...base.options,
          ...options,
        },
        { ...FAST, ...base.tuning, ...tuning },
      );
      fx.pipeline = pipeline;
      return { tracer: tracerFor(pipeline), pipeline, collector };
    },
  };
  afterEach(async () => {
    await fx.pipeline?.shutdown();
    await fx.collector?.close();
    fx.pipeline = undefined;
    fx.collector = undefined;
  });
  return fx;
}

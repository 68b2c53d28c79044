import Anthropic from "@anthropic-ai/sdk";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HoneyHiveTracer, instrument } from "../src/index.js";
import { type FakeAnthropic, startFakeAnthropic } from "./fake-anthropic.js";
import { ANTHROPIC_CONTRACT_MODEL as MODEL } from "./instrumentation-anthropic-contract.js";
import { eventsOfSession } from "./instrumentation-contract.js";
import { type SdkTestServer, startSdkTestServer } from "./server.js";

/**
 * `@anthropic-ai/sdk` 1.x makes spans of its own through the global tracer
 * provider. With HoneyHive as that provider, each call must still be one
 * model event; an application's own provider must still get the client's spans.
 */
describe("anthropic with HoneyHive as the global tracer provider", () => {
  let srv: SdkTestServer;
  let fake: FakeAnthropic;
  let tracer: HoneyHiveTracer;

  beforeAll(async () => {
    srv = await startSdkTestServer();
    fake = await startFakeAnthropic();
    tracer = HoneyHiveTracer.init({
      apiKey: srv.key,
      serverUrl: srv.url,
      flushOnExit: false,
      startSession: false,
      setGlobalProvider: true,
    });
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await srv.stop();
  });

  const calls = async (client: Anthropic) => {
    const body = { model: MODEL, max_tokens: 10 };
    await client.messages.create({ ...body, messages: [{ role: "user", content: "plain" }] });
    const stream = await client.messages.create({
      ...body,
      messages: [{ role: "user", content: "streamed" }],
      stream: true,
    });
    for await (const _ of stream);
    await client.messages.stream({ ...body, messages: [{ role: "user", content: "helper" }] }).finalMessage();
  };
  const modelEvents = async (client: Anthropic) => {
    const events = await eventsOfSession(
      srv,
      tracer,
      "global",
      () => calls(client),
      (ev) => ev.filter((e) => e.event_type === "model").length >= 3,
    );
    return events.filter((e) => e.event_type === "model");
  };

  it("the client's own spans are not recorded twice: one model event per call", async () => {
    const client = instrument(new Anthropic({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 }));
    const models = await modelEvents(client);
    expect(models.map((e) => e.event_name)).toEqual([`chat ${MODEL}`, `chat ${MODEL}`, `chat ${MODEL}`]);
    expect(models.map((e) => e.outputs.content).sort()).toEqual([
      "echo: helper",
      "echo: plain",
      "echo: streamed",
    ]);
  });

  it("a client reporting to the application's own provider keeps its spans there", async () => {
    const exporter = new InMemorySpanExporter();
    const appProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const client = instrument(
      new Anthropic({
        apiKey: "test",
        baseURL: fake.baseURL,
        maxRetries: 0,
        openTelemetry: { tracerProvider: appProvider },
      }),
    );
    const models = await modelEvents(client);
    expect(models).toHaveLength(3);
    await appProvider.forceFlush();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual([
      "anthropic.messages.create",
      "anthropic.messages.create",
      "anthropic.messages.create",
    ]);
    await appProvider.shutdown();
  });
});

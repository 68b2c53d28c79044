import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { context, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter as HttpExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, backends, startTestServer, type TestServer } from "./helpers.js";
import { otlpJsonBody, otlpProtobufBody, uuidOfTrace } from "./otlp-fixtures.js";

async function sendWith(
  exporter: SpanExporter,
  record: (tracer: ReturnType<BasicTracerProvider["getTracer"]>) => void,
) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "otel-app" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  record(provider.getTracer("test-app"));
  await provider.forceFlush();
  await provider.shutdown();
}

for (const backend of await backends()) {
  describe(`OTLP ingest (${backend})`, () => {
    let server: TestServer;
    let http: ReturnType<typeof api>;
    const post = (
      path: string,
      body: Uint8Array | string,
      headers: Record<string, string>,
      key = server.key,
    ) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, ...headers },
        body,
      });

    beforeAll(async () => {
      server = await startTestServer(backend, { maxBodyBytes: 256 * 1024 });
      http = api(server.url, server.key);
    });
    afterAll(async () => server?.stop());

    it("reads back GenAI spans sent by @opentelemetry/exporter-trace-otlp-proto as events", async () => {
      let traceId = "";
      const exporter = new ProtoExporter({
        url: `${server.url}/v1/traces`,
        headers: { Authorization: `Bearer ${server.key}` },
      });
      await sendWith(exporter, (tracer) => {
        const root = tracer.startSpan("agent run", {
          attributes: { "gen_ai.operation.name": "invoke_agent" },
        });
        traceId = root.spanContext().traceId;
        const ctx = trace.setSpan(context.active(), root);
        const llm = tracer.startSpan(
          "chat gpt-4o",
          {
            attributes: {
              "gen_ai.operation.name": "chat",
              "gen_ai.provider.name": "openai",
              "gen_ai.request.model": "gpt-4o",
              "gen_ai.request.temperature": 0.2,
              "gen_ai.usage.input_tokens": 1200,
              "gen_ai.usage.output_tokens": 300,
              "gen_ai.input.messages": JSON.stringify([
                { role: "user", parts: [{ type: "text", content: "What is OTLP?" }] },
              ]),
              "gen_ai.output.messages": JSON.stringify([
                {
                  role: "assistant",
                  parts: [{ type: "text", content: "A protocol." }],
                  finish_reason: "stop",
                },
              ]),
            },
          },
          ctx,
        );
        llm.end();
        const tool = tracer.startSpan(
          "execute_tool search",
          { attributes: { "gen_ai.operation.name": "execute_tool" } },
          ctx,
        );
        tool.setStatus({ code: SpanStatusCode.ERROR, message: "search backend down" });
        tool.end();
        root.end();
      });
      const { body } = await http.get(`/v1/sessions/${uuidOfTrace(traceId)}`);
      expect(body.event_type).toBe("session");
      const agent = body.children[0];
      expect(agent).toMatchObject({ event_type: "chain", event_name: "agent run" });
      const byName = Object.fromEntries(agent.children.map((c: any) => [c.event_name, c]));
      const model = byName["chat gpt-4o"];
      expect(model.event_type).toBe("model");
      expect(model.config).toMatchObject({ model: "gpt-4o", provider: "openai", temperature: 0.2 });
      expect(model.metadata).toMatchObject({
        prompt_tokens: 1200,
        completion_tokens: 300,
        total_tokens: 1500,
      });
      expect(model.metadata.cost).toBeGreaterThan(0);
      expect(JSON.stringify(model.inputs)).toContain("What is OTLP?");
      expect(JSON.stringify(model.outputs)).toContain("A protocol.");
      expect(byName["execute_tool search"]).toMatchObject({
        event_type: "tool",
        error: "search backend down",
      });
      expect(body.metadata).toMatchObject({
        num_events: 3,
        num_model_events: 1,
        num_errors: 1,
        total_tokens: 1500,
      });
    });

    it("reads back HoneyHive-attributed spans sent by @opentelemetry/exporter-trace-otlp-http (JSON)", async () => {
      const sessionId = randomUUID();
      const exporter = new HttpExporter({
        url: `${server.url}/opentelemetry/v1/traces`,
        headers: { Authorization: `Bearer ${server.key}` },
      });
      await sendWith(exporter, (tracer) => {
        const span = tracer.startSpan("retrieve_docs", {
          attributes: {
            "honeyhive.session_id": sessionId,
            "honeyhive.session_name": "support-bot",
            honeyhive_event_type: "tool",
            "honeyhive_inputs._params_.query": "refund policy",
            "honeyhive_inputs._params_.k": 3,
            "honeyhive_outputs.result": "doc-1",
            "honeyhive_metadata.retriever.name": "bm25",
            "honeyhive_metrics.recall": 0.5,
          },
        });
        span.end();
      });
      const session = await http.get(`/session/${sessionId}`);
      expect(session.status).toBe(200);
      expect(session.body.event_name).toBe("support-bot");
      const events = (await http.get(`/v1/events/${sessionId}`)).body.events.filter(
        (e: any) => e.event_type !== "session",
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        event_type: "tool",
        event_name: "retrieve_docs",
        parent_id: sessionId,
        inputs: { query: "refund policy", k: 3 },
        outputs: { result: "doc-1" },
        metrics: { recall: 0.5 },
      });
      expect(events[0].metadata.retriever).toEqual({ name: "bm25" });
    });

    it("answers in the request's content type and accepts gzip bodies", async () => {
      const proto = otlpProtobufBody([{ name: "gz-proto" }]);
      const r1 = await post("/v1/traces", gzipSync(proto.body), {
        "content-type": "application/x-protobuf",
        "content-encoding": "gzip",
      });
      expect(r1.status).toBe(200);
      expect(r1.headers.get("content-type")).toContain("application/x-protobuf");
      expect(new Uint8Array(await r1.arrayBuffer()).length).toBe(0);
      const json = otlpJsonBody([{ name: "gz-json" }]);
      const r2 = await post("/opentelemetry/v1/traces", gzipSync(json.body), {
        "content-type": "application/json",
        "content-encoding": "gzip",
      });
      expect(r2.status).toBe(200);
      expect(r2.headers.get("content-type")).toContain("application/json");
      expect(await r2.json()).toEqual({});
      for (const [traceId, name] of [
        [proto.traceId, "gz-proto"],
        [json.traceId, "gz-json"],
      ] as const) {
        const events = (await http.get(`/v1/events/${uuidOfTrace(traceId)}`)).body.events;
        expect(events.map((e: any) => e.event_name)).toContain(name);
      }
    });

    it("rejects bad spans one by one with partialSuccess and keeps the valid ones", async () => {
      const good = JSON.parse(otlpJsonBody([{ name: "valid-span" }, { name: "valid-child" }]).body);
      const spans = good.resourceSpans[0].scopeSpans[0].spans;
      spans.push({ ...spans[0], traceId: "abc", name: "bad-trace-id" });
      spans.push({ ...spans[0], spanId: 12345, name: "bad-span-id" });
      const { traceId: _dropped, ...noTraceId } = spans[0];
      spans.push({ ...noTraceId, name: "missing-trace-id" });
      const res = await post("/v1/traces", JSON.stringify(good), { "content-type": "application/json" });
      expect(res.status).toBe(200);
      const out: any = await res.json();
      expect(Number(out.partialSuccess.rejectedSpans)).toBe(3);
      expect(out.partialSuccess.errorMessage).toMatch(/traceId/);
      expect(out.partialSuccess.errorMessage).toMatch(/spanId/);
      const events = (await http.get(`/v1/events/${uuidOfTrace(spans[0].traceId)}`)).body.events;
      expect(events.map((e: any) => e.event_name).sort()).toEqual(
        expect.arrayContaining(["valid-child", "valid-span"]),
      );
      expect(events.map((e: any) => e.event_name)).not.toContain("bad-trace-id");
      expect(events.map((e: any) => e.event_name)).not.toContain("missing-trace-id");
    });

    it("answers 400 with a precise message for undecodable bodies", async () => {
      const { body } = otlpProtobufBody([{ name: "a", attributes: { big: "x".repeat(500) } }]);
      const truncated = await post("/v1/traces", body.slice(0, body.length - 40), {
        "content-type": "application/x-protobuf",
      });
      expect(truncated.status).toBe(400);
      expect(truncated.headers.get("content-type")).toContain("application/x-protobuf");
      const status = Buffer.from(await truncated.arrayBuffer()).toString("utf8");
      expect(status).toContain("HH_E_OTLP_DECODE");
      expect(status).toMatch(/truncat|byte/i);
      const badJson = await post("/v1/traces", '{"resourceSpans": [', { "content-type": "application/json" });
      expect(badJson.status).toBe(400);
      const err: any = await badJson.json();
      expect(err.error.code).toBe("HH_E_OTLP_DECODE");
      expect(err.error.message).toMatch(/JSON/);
      const badGzip = await post("/v1/traces", Buffer.from("not gzip at all"), {
        "content-type": "application/json",
        "content-encoding": "gzip",
      });
      expect(badGzip.status).toBe(400);
      expect(((await badGzip.json()) as any).error.code).toBe("HH_E_BAD_ENCODING");
    });

    it("answers 413 over the size limit, also after decompression", async () => {
      const big = otlpJsonBody([{ name: "big", attributes: { blob: "y".repeat(300 * 1024) } }]).body;
      const raw = await post("/v1/traces", big, { "content-type": "application/json" });
      expect(raw.status).toBe(413);
      expect(((await raw.json()) as any).error.code).toBe("HH_E_BODY_TOO_LARGE");
      const bomb = await post("/v1/traces", gzipSync(big), {
        "content-type": "application/json",
        "content-encoding": "gzip",
      });
      expect(bomb.status).toBe(413);
    });

    it("answers 415 for other content types and encodings, 401 for missing or bad keys", async () => {
      const text = await post("/v1/traces", "hello", { "content-type": "text/plain" });
      expect(text.status).toBe(415);
      expect(((await text.json()) as any).error.code).toBe("HH_E_UNSUPPORTED_MEDIA_TYPE");
      const br = await post("/v1/traces", "{}", {
        "content-type": "application/json",
        "content-encoding": "br",
      });
      expect(br.status).toBe(415);
      const bad = await post(
        "/opentelemetry/v1/traces",
        "{}",
        { "content-type": "application/json" },
        "hh_not_a_key",
      );
      expect(bad.status).toBe(401);
      const none = await fetch(`${server.url}/v1/traces`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(none.status).toBe(401);
      expect(((await none.json()) as any).error.code).toBe("HH_E_AUTH_MISSING");
    });

    it("accepts the same batch twice without duplicating events (exporter retries)", async () => {
      const { body, traceId } = otlpProtobufBody([{ name: "retried" }, { name: "retried-child" }]);
      for (let i = 0; i < 2; i++) {
        expect((await post("/v1/traces", body, { "content-type": "application/x-protobuf" })).status).toBe(
          200,
        );
      }
      const events = (await http.get(`/v1/events/${uuidOfTrace(traceId)}`)).body.events;
      expect(events.filter((e: any) => e.event_name === "retried")).toHaveLength(1);
      expect(events.filter((e: any) => e.event_name === "retried-child")).toHaveLength(1);
    });
  });
}

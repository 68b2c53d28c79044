import { describe, expect, it } from "vitest";
import { SPAN_STATUS_ERROR, SPAN_STATUS_OK, type SpanRecord } from "../span.js";
import { makeSpan, START_MS, spanEvent } from "../testing/span-factory.js";
import { spanToEvent } from "./span-to-event.js";

const GEN_AI_CHAT = {
  "gen_ai.operation.name": "chat",
  "gen_ai.request.model": "gpt-4o",
  "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "hi" }] }]),
  "gen_ai.output.messages": JSON.stringify([
    { role: "assistant", parts: [{ type: "text", content: "hello" }] },
  ]),
  "gen_ai.usage.input_tokens": 1000,
  "gen_ai.usage.output_tokens": 100,
};

describe("explicit attributes win over derived ones", () => {
  const out = spanToEvent(
    makeSpan({
      attributes: {
        ...GEN_AI_CHAT,
        "honeyhive_inputs.chat_history.0.role": "user",
        "honeyhive_inputs.chat_history.0.content": "explicit prompt",
        "honeyhive_outputs.content": "explicit answer",
        "honeyhive_config.model": "gpt-4o-mini",
        "honeyhive_metadata.cost": 0.5,
        "honeyhive_metadata.prompt_tokens": 7,
      },
    }),
  ).event;

  it("inputs: explicit keys win, the losing carrier stays in metadata", () => {
    expect(out.inputs).toEqual({ chat_history: [{ role: "user", content: "explicit prompt" }] });
    expect((out.metadata.gen_ai as Record<string, unknown>).input).toEqual({
      messages: GEN_AI_CHAT["gen_ai.input.messages"],
    });
  });

  it("outputs: derived keys fill in around explicit ones", () => {
    expect(out.outputs).toEqual({ content: "explicit answer", role: "assistant" });
  });

  it("config.model: explicit wins; the request model is kept in metadata", () => {
    expect(out.config.model).toBe("gpt-4o-mini");
    expect(out.config.provider).toBe("openai");
    expect((out.metadata.gen_ai as Record<string, unknown>).request).toEqual({ model: "gpt-4o" });
  });

  it("metadata: explicit cost and tokens win; the total uses the explicit prompt tokens", () => {
    expect(out.metadata.cost).toBe(0.5);
    expect(out.metadata.prompt_tokens).toBe(7);
    expect(out.metadata.completion_tokens).toBe(100);
    expect(out.metadata.total_tokens).toBe(107);
    expect((out.metadata.gen_ai as Record<string, unknown>).usage).toEqual({ input_tokens: 1000 });
  });

  it("cost is computed from the explicit model when there is no explicit cost", () => {
    const event = spanToEvent(
      makeSpan({ attributes: { ...GEN_AI_CHAT, "honeyhive_config.model": "gpt-4o-mini" } }),
    ).event;
    expect(event.metadata.cost).toBeCloseTo((1000 * 0.15 + 100 * 0.6) / 1e6, 12);
  });
});

describe("HoneyHive model events without GenAI attributes", () => {
  it("prices explicit config and token metadata, coercing numeric strings", () => {
    const event = spanToEvent(
      makeSpan({
        attributes: {
          honeyhive_event_type: "model",
          "honeyhive_config.model": "claude-3-haiku-20240307",
          "honeyhive_metadata.prompt_tokens": "4000",
          "honeyhive_metadata.completion_tokens": 400,
        },
      }),
    ).event;
    expect(event.config).toEqual({ model: "claude-3-haiku-20240307", provider: "anthropic" });
    expect(event.metadata).toMatchObject({ prompt_tokens: 4000, completion_tokens: 400, total_tokens: 4400 });
    expect(event.metadata.cost).toBeCloseTo((4000 * 0.25 + 400 * 1.25) / 1e6, 12);
  });

  it("leaves text that only looks like JSON alone", () => {
    const event = spanToEvent(
      makeSpan({ attributes: { "honeyhive_inputs.note": "[draft] {x}", "honeyhive_inputs.n": "42" } }),
    ).event;
    expect(event.inputs).toEqual({ note: "[draft] {x}", n: "42" });
  });
});

describe("errors", () => {
  const failing = (init: Partial<SpanRecord>) =>
    spanToEvent(makeSpan({ status: { code: SPAN_STATUS_ERROR }, ...init }));
  const exception = spanEvent("exception", {
    "exception.type": "RateLimitError",
    "exception.message": "429 Too Many Requests",
    "exception.stacktrace": "Traceback...\n  File x",
    "exception.escaped": false,
  });

  it("uses the status message of an ERROR span, keeping the exception in metadata", () => {
    const out = failing({
      status: { code: SPAN_STATUS_ERROR, message: "upstream failed" },
      events: [exception],
    });
    expect(out.event.error).toBe("upstream failed");
    expect(out.event.metadata.exception).toEqual({
      type: "RateLimitError",
      message: "429 Too Many Requests",
      stacktrace: "Traceback...\n  File x",
      escaped: false,
    });
  });

  it("falls back to the exception message, then a generic text", () => {
    expect(failing({ events: [exception] }).event.error).toBe("429 Too Many Requests");
    expect(failing({}).event.error).toBe("error");
  });

  it("honeyhive_error wins, with honeyhive_error_type in metadata", () => {
    const out = failing({
      status: { code: SPAN_STATUS_ERROR, message: "status" },
      attributes: { honeyhive_error: "ValueError: bad input", honeyhive_error_type: "ValueError" },
    });
    expect(out.event.error).toBe("ValueError: bad input");
    expect(out.event.metadata.error_type).toBe("ValueError");
  });

  it("OK and UNSET spans have no error even with a recorded exception", () => {
    expect(spanToEvent(makeSpan({ events: [exception] })).event.error).toBeNull();
    const ok = spanToEvent(
      makeSpan({ status: { code: SPAN_STATUS_OK, message: "fine" }, events: [exception] }),
    );
    expect(ok.event.error).toBeNull();
    expect(ok.event.metadata.exception).toMatchObject({ type: "RateLimitError" });
  });

  it("keeps every exception when there are several", () => {
    const second = spanEvent("exception", { "exception.type": "TimeoutError", "exception.message": "late" });
    const out = failing({ events: [exception, second] });
    expect(out.event.error).toBe("late");
    expect(out.event.metadata.exceptions).toHaveLength(2);
    expect(out.event.metadata.exception).toEqual({ type: "TimeoutError", message: "late" });
  });
});

describe("nothing valid is lost", () => {
  const span = makeSpan({
    kind: 2,
    attributes: {
      "http.method": "POST",
      "http.route": "/chat",
      "http.status_code": "200",
      "db.system": "postgresql",
      "db.system.version": "16",
      "custom.bytes": new Uint8Array([1, 2, 3]),
      "custom.list": ["a", "b"],
      plain: 3,
    },
    events: [spanEvent("cache.miss", { "cache.key": "k1" }, START_MS + 5)],
    resource: { "service.name": "api", "service.version": "1.2.3", "telemetry.sdk.language": "nodejs" },
    scope: { name: "@opentelemetry/instrumentation-http", version: "0.52.0" },
  });
  const out = spanToEvent(span);

  it("rebuilds unmapped attributes nested in metadata, keeping collisions under literal keys", () => {
    expect(out.event.metadata).toMatchObject({
      http: { method: "POST", route: "/chat", status_code: "200" },
      db: { system: "postgresql", "system.version": "16" },
      custom: { bytes: "AQID", list: ["a", "b"] },
      plain: 3,
    });
  });

  it("keeps resource, scope, span kind, ids and other span events", () => {
    expect(out.event.metadata).toMatchObject({
      resource: { service: { name: "api", version: "1.2.3" }, telemetry: { sdk: { language: "nodejs" } } },
      scope: { name: "@opentelemetry/instrumentation-http", version: "0.52.0" },
      span_kind: "server",
      trace_id: span.traceId,
      span_id: span.spanId,
      parent_span_id: span.parentSpanId,
      events: [{ name: "cache.miss", time_ms: START_MS + 5, attributes: { cache: { key: "k1" } } }],
    });
  });

  it("every attribute value shows up somewhere in the event", () => {
    const json = JSON.stringify(out.event);
    for (const value of ["POST", "/chat", "postgresql", "16", "AQID"]) expect(json).toContain(value);
  });

  it("fills every event field", () => {
    const e = out.event;
    expect(Object.keys(e).sort()).toEqual(
      [
        "config",
        "duration",
        "end_time",
        "error",
        "event_id",
        "event_name",
        "event_type",
        "feedback",
        "inputs",
        "metadata",
        "metrics",
        "outputs",
        "parent_id",
        "session_id",
        "source",
        "start_time",
        "user_properties",
      ].sort(),
    );
    expect(e.event_type).toBe("tool");
    expect(e.inputs).toEqual({});
    expect(e.outputs).toEqual({});
  });
});

describe("times", () => {
  it("never gives a negative duration", () => {
    const out = spanToEvent(makeSpan({ startTimeMs: START_MS + 10, endTimeMs: START_MS }));
    expect(out.event.duration).toBe(0);
  });

  it("keeps fractional milliseconds", () => {
    const out = spanToEvent(makeSpan({ startTimeMs: START_MS + 0.25, endTimeMs: START_MS + 2.75 }));
    expect(out.event.duration).toBe(2.5);
  });
});

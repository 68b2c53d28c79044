import { describe, expect, it } from "vitest";
import { makeRootSpan, makeSpan, ROOT_SPAN_ID, START_MS, TRACE_ID } from "../testing/span-factory.js";
import { spanToEvent } from "./span-to-event.js";

const SESSION = "7F1C6C62-4B5A-4E4B-9C39-1A2B3C4D5E6F";

describe("HoneyHive Python 1.x spans", () => {
  const span = makeSpan({
    name: "retrieve_docs",
    attributes: {
      honeyhive_event_type: "tool",
      honeyhive_event_name: "retrieve_docs",
      honeyhive_session_id: SESSION,
      "honeyhive.session_id": SESSION,
      honeyhive_project: "support-bot",
      honeyhive_source: "evaluation",
      "honeyhive_inputs.query": "how do I reset my password?",
      "honeyhive_inputs.top_k": 3,
      "honeyhive_inputs.filters.lang": "en",
      "honeyhive_inputs.chat_history.0.role": "user",
      "honeyhive_inputs.chat_history.0.content": "hello",
      "honeyhive_outputs.result": '["doc-1","doc-2"]',
      "honeyhive_config.retriever": "bm25",
      "honeyhive_metadata.run_id": "run-1",
      "honeyhive_metadata.dataset_id": "ds-1",
      "honeyhive_metadata.datapoint_id": "dp-1",
      "honeyhive_metadata.a.b": 1,
      "honeyhive_metrics.relevance": 0.9,
      "honeyhive_feedback.liked": true,
      "honeyhive_user_properties.user_id": "u-42",
    },
  });
  const out = spanToEvent(span);

  it("maps every honeyhive_* field", () => {
    expect(out.event).toMatchObject({
      event_type: "tool",
      event_name: "retrieve_docs",
      session_id: SESSION.toLowerCase(),
      source: "evaluation",
      inputs: {
        query: "how do I reset my password?",
        top_k: 3,
        filters: { lang: "en" },
        chat_history: [{ role: "user", content: "hello" }],
      },
      outputs: { result: ["doc-1", "doc-2"] },
      config: { retriever: "bm25" },
      metrics: { relevance: 0.9 },
      feedback: { liked: true },
      user_properties: { user_id: "u-42" },
    });
    expect(out.event.metadata).toMatchObject({ run_id: "run-1", dataset_id: "ds-1", a: { b: 1 } });
    expect(out.project).toBe("support-bot");
    expect(out.sessionIdExplicit).toBe(true);
  });

  it("does not copy consumed attributes into metadata", () => {
    const keys = Object.keys(out.event.metadata);
    expect(keys.some((k) => k.startsWith("honeyhive"))).toBe(false);
  });

  it("describes the session with the evaluation context and user properties", () => {
    expect(out.session.metadata).toEqual({ run_id: "run-1", dataset_id: "ds-1", datapoint_id: "dp-1" });
    expect(out.session.userProperties).toEqual({ user_id: "u-42" });
    expect(out.session.source).toBe("evaluation");
  });

  it("uses ids from the span", () => {
    expect(out.event.event_id).toBe(out.spanRef);
    expect(out.parentRef).toBe(
      `${ROOT_SPAN_ID.slice(0, 8)}-${ROOT_SPAN_ID.slice(8, 12)}-${ROOT_SPAN_ID.slice(12)}-8448-eb211c80319c`,
    );
    expect(out.event.parent_id).toBeNull();
    expect(out.event.start_time).toBe(START_MS);
    expect(out.event.end_time).toBe(START_MS + 1500);
    expect(out.event.duration).toBe(1500);
    expect(out.event.metadata).toMatchObject({
      trace_id: TRACE_ID,
      span_id: span.spanId,
      span_kind: "internal",
    });
  });
});

describe("HoneyHive TypeScript 1.0 spans (_params_ form)", () => {
  const span = makeSpan({
    name: "answerQuestion",
    attributes: {
      honeyhive_event_type: "chain",
      "honeyhive_inputs._params_.question": "What is HoneyHive?",
      "honeyhive_inputs._params_.options.temperature": 0.2,
      "honeyhive_inputs._params_.history": '[{"role":"user","content":"hi"}]',
      "honeyhive_outputs.result": "An observability platform.",
      honeyhive_duration_ms: "1234",
      "traceloop.association.properties.session_id": SESSION,
      "traceloop.association.properties.project": "ts-project",
      "traceloop.association.properties.source": "prod",
      "traceloop.association.properties.user_tier": "gold",
    },
  });
  const out = spanToEvent(span);

  it("removes the _params_ level and parses JSON values", () => {
    expect(out.event.inputs).toEqual({
      question: "What is HoneyHive?",
      options: { temperature: 0.2 },
      history: [{ role: "user", content: "hi" }],
    });
    expect(out.event.outputs).toEqual({ result: "An observability platform." });
  });

  it("reads OpenLLMetry association properties and a string duration", () => {
    expect(out.event.session_id).toBe(SESSION.toLowerCase());
    expect(out.project).toBe("ts-project");
    expect(out.event.source).toBe("prod");
    expect(out.event.duration).toBe(1234);
    expect(out.event.metadata.user_tier).toBe("gold");
    expect(out.session.metadata).toEqual({ user_tier: "gold" });
  });

  it("the direct form wins over _params_ for the same input", () => {
    const both = spanToEvent(
      makeSpan({
        attributes: {
          "honeyhive_inputs.x": 1,
          "honeyhive_inputs._params_.x": 2,
          "honeyhive_inputs._params_.y": 3,
        },
      }),
    );
    expect(both.event.inputs).toEqual({ x: 1, y: 3 });
  });
});

describe("HoneyHive scalar attributes", () => {
  it("uses an explicit UUID event id (lower-cased) and keeps a non-UUID one in metadata", () => {
    const explicit = spanToEvent(makeSpan({ attributes: { honeyhive_event_id: SESSION } }));
    expect(explicit.event.event_id).toBe(SESSION.toLowerCase());
    expect(explicit.spanRef).not.toBe(explicit.event.event_id);
    const bad = spanToEvent(makeSpan({ attributes: { honeyhive_event_id: "not-a-uuid" } }));
    expect(bad.event.event_id).toBe(bad.spanRef);
    expect(bad.event.metadata.honeyhive_event_id).toBe("not-a-uuid");
  });

  it("falls back to the trace for the session id", () => {
    const out = spanToEvent(makeSpan());
    expect(out.event.session_id).toBe("0af76519-16cd-43dd-8448-eb211c80319c");
    expect(out.sessionIdExplicit).toBe(false);
    expect(out.project).toBeNull();
  });

  it("keeps a non-UUID session id as given", () => {
    const out = spanToEvent(makeSpan({ attributes: { "honeyhive.session_id": "My-Session" } }));
    expect(out.event.session_id).toBe("My-Session");
    expect(out.sessionIdExplicit).toBe(true);
  });

  it("reads explicit parents: honeyhive_parent_id always, association parents on root spans only", () => {
    const parent = "11111111-2222-4333-8444-555555555555";
    expect(spanToEvent(makeSpan({ attributes: { honeyhive_parent_id: parent } })).event.parent_id).toBe(
      parent,
    );
    const root = spanToEvent(makeRootSpan({ attributes: { "honeyhive.parent_id": parent.toUpperCase() } }));
    expect(root.event.parent_id).toBe(parent);
    expect(root.parentRef).toBeNull();
    const child = spanToEvent(
      makeSpan({ attributes: { "traceloop.association.properties.parent_id": parent } }),
    );
    expect(child.event.parent_id).toBeNull();
    expect(child.event.metadata.parent_id).toBe(parent);
  });

  it("reads source and project from the resource, then the environment, then the default", () => {
    const resource = { "honeyhive.project": "res-project", "deployment.environment.name": "staging" };
    const out = spanToEvent(makeSpan({ resource }));
    expect(out.project).toBe("res-project");
    expect(out.event.source).toBe("staging");
    expect(spanToEvent(makeSpan({ resource: { "deployment.environment": "qa" } })).event.source).toBe("qa");
    expect(spanToEvent(makeSpan()).event.source).toBe("dev");
    expect(spanToEvent(makeSpan(), { defaultSource: "ci" }).event.source).toBe("ci");
    const withAttr = spanToEvent(makeSpan({ resource, attributes: { "honeyhive.source": "attr" } }));
    expect(withAttr.event.source).toBe("attr");
  });

  it("names the session from attributes, then service.name, then the span", () => {
    const named = makeSpan({ name: "s", attributes: { "honeyhive.session_name": "checkout-flow" } });
    expect(spanToEvent(named).session.name).toBe("checkout-flow");
    const service = makeSpan({ name: "s", resource: { "service.name": "billing-api" } });
    expect(spanToEvent(service).session.name).toBe("billing-api");
    expect(spanToEvent(makeSpan({ name: "handler" })).session.name).toBe("handler");
  });

  it("keeps a whole-field JSON attribute and user properties in dot form", () => {
    const out = spanToEvent(
      makeSpan({
        attributes: {
          honeyhive_metadata: '{"team":"search","a":{"x":1}}',
          "honeyhive_metadata.a.y": 2,
          "honeyhive.user_properties.plan": "pro",
          "user.id": "u-1",
        },
      }),
    );
    expect(out.event.metadata).toMatchObject({ team: "search", a: { x: 1, y: 2 } });
    expect(out.event.user_properties).toEqual({ plan: "pro", user_id: "u-1" });
  });
});

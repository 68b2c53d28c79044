/**
 * Realistic LLM trace batches for the ingest benchmark, recorded by the real
 * OpenTelemetry SDK and encoded by the real OTLP protobuf serializer.
 *
 * A trace is one agent request: a root chain span (OpenLLMetry workflow) and
 * three model calls carrying OTel GenAI attributes, with ~2 KB of prompt and
 * completion text each. Two traces share a session (honeyhive.session_id).
 *
 * Every batch is built once as a template; `stamp(template, seq)` copies it and
 * patches the ids in the encoded bytes, so each send carries spans no earlier
 * send had, at the cost of one memcpy:
 *   - trace id bytes 8..11 <- seq (u32 BE). The event id of a span is its span
 *     id + the last 16 hex of its trace id, so every event id changes; bytes
 *     12..15 stay random per trace and keep traces of a batch apart.
 *   - the first 8 hex characters of each honeyhive.session_id <- seq in hex.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { context, SpanKind, trace } from "@opentelemetry/api";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

export const SPANS_PER_TRACE = 4;
export const TRACES_PER_SESSION = 2;

const WORDS = (
  "the a to of and in is for that on with as your this be are it by can from or order account refund shipping " +
  "delivery customer policy return item package tracking number days business warehouse support agent request " +
  "please thank you we will our team have has been update status payment card invoice billing subscription plan " +
  "upgrade downgrade cancel renewal date address change product warranty replacement damaged missing label carrier " +
  "estimate arrive week month available stock inventory discount coupon code applied total tax receipt email phone " +
  "verify identity security password reset login issue error message screen browser app version device settings " +
  "notification preference language region currency exchange rate fee charge credit balance pending processed " +
  "approved declined review escalate ticket case priority response time apologize inconvenience understand happy " +
  "help further question anything else today information details according records shows last placed confirmed"
).split(" ");

/** Small seeded PRNG (mulberry32): the text is the same from run to run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function text(rand, chars) {
  let out = "";
  while (out.length < chars) {
    const n = 8 + Math.floor(rand() * 14);
    const words = [];
    for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rand() * WORDS.length)]);
    const s = words.join(" ");
    out += `${s[0].toUpperCase()}${s.slice(1)}. `;
  }
  return out.slice(0, chars).trimEnd();
}

const hex = (rand, n) => {
  let s = "";
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
};

const MODELS = [
  { model: "gpt-4o-mini", response: "gpt-4o-mini-2024-07-18", provider: "openai" },
  { model: "gpt-4o", response: "gpt-4o-2024-08-06", provider: "openai" },
  { model: "claude-3-5-haiku-20241022", response: "claude-3-5-haiku-20241022", provider: "anthropic" },
];

const SYSTEM_PROMPT =
  "You are a customer support assistant for an online store. Answer briefly and politely, cite the order " +
  "number, never invent tracking numbers, and escalate refunds above 200 USD to a human agent.";

/**
 * One encoded ExportTraceServiceRequest of `spans` spans (a multiple of 8),
 * with the byte offsets `stamp` patches.
 */
export function buildTemplate(seed, spans = 512) {
  if (spans % (SPANS_PER_TRACE * TRACES_PER_SESSION) !== 0) {
    throw new Error(`spans per batch must be a multiple of ${SPANS_PER_TRACE * TRACES_PER_SESSION}`);
  }
  const rand = prng(seed);
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": "support-bot",
      "service.version": "1.14.2",
      "deployment.environment.name": "production",
      "telemetry.sdk.language": "nodejs",
      "telemetry.sdk.name": "opentelemetry",
      "telemetry.sdk.version": "2.2.0",
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("honeyhive-bench", "1.0.0");
  const traces = spans / SPANS_PER_TRACE;
  const sessionIds = [];
  const t0 = Date.now() - 60_000;
  for (let t = 0; t < traces; t++) {
    if (t % TRACES_PER_SESSION === 0) {
      sessionIds.push(`${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`);
    }
    const sessionId = sessionIds[sessionIds.length - 1];
    const start = t0 + t * 40;
    const question = text(rand, 220 + Math.floor(rand() * 120));
    const root = tracer.startSpan(
      "support_agent.workflow",
      {
        kind: SpanKind.INTERNAL,
        startTime: start,
        attributes: {
          "traceloop.span.kind": "workflow",
          "traceloop.entity.name": "support_agent",
          "traceloop.entity.input": JSON.stringify({ args: [], kwargs: { question, channel: "chat" } }),
          "traceloop.entity.output": JSON.stringify({ answer: text(rand, 240) }),
          "honeyhive.session_id": sessionId,
          "traceloop.association.properties.user_id": `user_${Math.floor(rand() * 5000)}`,
        },
      },
      context.active(),
    );
    const ctx = trace.setSpan(context.active(), root);
    let at = start + 5;
    for (let m = 0; m < SPANS_PER_TRACE - 1; m++) {
      const model = MODELS[(t + m) % MODELS.length];
      const history = text(rand, 700 + Math.floor(rand() * 300));
      const prompt = text(rand, 250 + Math.floor(rand() * 150));
      const completion = text(rand, 500 + Math.floor(rand() * 250));
      const inputTokens = Math.round((SYSTEM_PROMPT.length + history.length + prompt.length) / 4);
      const outputTokens = Math.round(completion.length / 4);
      const duration = 300 + Math.floor(rand() * 1500);
      const span = tracer.startSpan(
        `chat ${model.model}`,
        {
          kind: SpanKind.CLIENT,
          startTime: at,
          attributes: {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": model.provider,
            "gen_ai.request.model": model.model,
            "gen_ai.request.temperature": 0.2,
            "gen_ai.request.max_tokens": 1024,
            "gen_ai.response.model": model.response,
            "gen_ai.response.id": `chatcmpl-${hex(rand, 24)}`,
            "gen_ai.response.finish_reasons": ["stop"],
            "gen_ai.usage.input_tokens": inputTokens,
            "gen_ai.usage.output_tokens": outputTokens,
            "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: SYSTEM_PROMPT }]),
            "gen_ai.input.messages": JSON.stringify([
              { role: "user", parts: [{ type: "text", content: question }] },
              { role: "assistant", parts: [{ type: "text", content: history }] },
              { role: "user", parts: [{ type: "text", content: prompt }] },
            ]),
            "gen_ai.output.messages": JSON.stringify([
              { role: "assistant", parts: [{ type: "text", content: completion }], finish_reason: "stop" },
            ]),
            "server.address": model.provider === "openai" ? "api.openai.com" : "api.anthropic.com",
            "honeyhive.session_id": sessionId,
          },
        },
        ctx,
      );
      span.end(at + duration);
      at += duration + 10;
    }
    root.end(at);
  }
  const recorded = exporter.getFinishedSpans();
  const body = ProtobufTraceSerializer.serializeRequest(recorded);
  if (!body) throw new Error("the OTLP serializer returned nothing");
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);

  const traceOffsets = [];
  const tails = new Set();
  for (const traceId of new Set(recorded.map((s) => s.spanContext().traceId))) {
    const tail = traceId.slice(24);
    if (tails.has(tail)) throw new Error("two traces share their last 4 id bytes; pick another seed");
    tails.add(tail);
    const needle = Buffer.from(traceId, "hex");
    let found = 0;
    for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 16)) {
      traceOffsets.push(i + 8);
      found++;
    }
    if (found !== SPANS_PER_TRACE)
      throw new Error(`trace ${traceId} found ${found} times in the encoded batch`);
  }
  const sessionOffsets = [];
  for (const id of sessionIds) {
    const needle = Buffer.from(id, "latin1");
    let found = 0;
    for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + id.length)) {
      sessionOffsets.push(i);
      found++;
    }
    if (found !== SPANS_PER_TRACE * TRACES_PER_SESSION) throw new Error(`session ${id} found ${found} times`);
  }
  return {
    body: buf,
    spans: recorded.length,
    traces,
    sessions: sessionIds.length,
    traceOffsets: Uint32Array.from(traceOffsets),
    sessionOffsets: Uint32Array.from(sessionOffsets),
  };
}

const HEX = "0123456789abcdef";

/**
 * A copy of the template whose trace and session ids are unique to `seq` (a u32),
 * written into `scratch` when it is large enough (reusing one buffer per
 * in-flight request avoids a fresh 1.3 MB allocation per send).
 */
export function stamp(template, seq, scratch) {
  const n = template.body.length;
  const out = scratch && scratch.length >= n ? scratch.subarray(0, n) : Buffer.allocUnsafe(n);
  template.body.copy(out);
  for (const off of template.traceOffsets) out.writeUInt32BE(seq >>> 0, off);
  for (const off of template.sessionOffsets) {
    for (let k = 0; k < 8; k++) out[off + k] = HEX.charCodeAt((seq >>> (28 - 4 * k)) & 0xf);
  }
  return out;
}

/** `count` templates built from consecutive seeds. */
export function buildPool(count, spans, seed = 1) {
  const pool = [];
  for (let i = 0; i < count; i++) pool.push(buildTemplate(seed + i * 7919, spans));
  return pool;
}

/** Saves a pool as one file (a JSON header line, then the bodies), so every bench process loads the same batches. */
export function writePool(pool, path) {
  const header = pool.map((t) => ({
    bytes: t.body.length,
    spans: t.spans,
    traces: t.traces,
    sessions: t.sessions,
    traceOffsets: [...t.traceOffsets],
    sessionOffsets: [...t.sessionOffsets],
  }));
  writeFileSync(
    path,
    Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...pool.map((t) => t.body)]),
  );
}

export function readPool(path) {
  const file = readFileSync(path);
  const nl = file.indexOf(0x0a);
  let at = nl + 1;
  return JSON.parse(file.subarray(0, nl).toString("utf8")).map((h) => {
    const body = Buffer.from(file.subarray(at, at + h.bytes));
    at += h.bytes;
    return {
      body,
      spans: h.spans,
      traces: h.traces,
      sessions: h.sessions,
      traceOffsets: Uint32Array.from(h.traceOffsets),
      sessionOffsets: Uint32Array.from(h.sessionOffsets),
    };
  });
}

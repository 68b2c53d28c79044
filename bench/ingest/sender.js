/**
 * The load generator, run as its own process (forked by run.js, which passes
 * the settings as one JSON argument and talks over IPC):
 *   -> {type: "ready", buildMs, batchBytes}     after building the batch pool
 *   <- {type: "start", url, apiKey}            (the server is started meanwhile)
 *   -> {type: "result", ...}                    after warm-up + measured window + drain
 *
 * `concurrency` loops each keep one OTLP/HTTP protobuf request in flight over a
 * keep-alive connection. Every send is a pool template stamped with a fresh
 * sequence number (unique trace, span and session ids). A 503 is counted,
 * waited on for `retryMs` (the server's Retry-After is 1 s; capped here so the
 * benchmark keeps the server busy) and the same bytes are retried; it never
 * counts as throughput.
 */

import http from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { buildPool, readPool, stamp } from "./spans.js";

const cfg = JSON.parse(process.argv[2] ?? "{}");
const {
  concurrency = 6,
  warmupSeconds = 3,
  seconds = 15,
  retryMs = 100,
  poolSize = 20,
  spansPerBatch = 512,
  seqBase = 0,
  seed = 1,
  poolFile,
} = cfg;

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
let target;
let headers;

/** One POST; resolves with the status, Retry-After and body (never rejects). */
function post(body) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        method: "POST",
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        headers: { ...headers, "content-length": body.length },
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers["retry-after"],
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", (err) => resolve({ status: 0, error: err.message }));
      },
    );
    req.on("error", (err) => resolve({ status: 0, error: err.message }));
    req.end(body);
  });
}

function varint(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos.i++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return value;
    shift += 7;
  }
}

/** rejected_spans from an ExportTraceServiceResponse {partial_success = 1 {rejected_spans = 1}}. */
function rejectedSpans(buf) {
  const pos = { i: 0 };
  while (pos.i < buf.length) {
    const tag = varint(buf, pos);
    if (tag !== 0x0a) return 0;
    const end = varint(buf, pos) + pos.i;
    while (pos.i < end) {
      const inner = varint(buf, pos);
      if (inner === 0x08) return varint(buf, pos);
      if ((inner & 7) === 2) pos.i += varint(buf, pos);
      else if ((inner & 7) === 0) varint(buf, pos);
      else return 0;
    }
  }
  return 0;
}

const percentile = (sorted, p) =>
  sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function run(pool, url, apiKey) {
  target = new URL("/opentelemetry/v1/traces", url);
  if (target.hostname !== "127.0.0.1")
    throw new Error(`the sender only talks to 127.0.0.1, not ${target.hostname}`);
  headers = { "content-type": "application/x-protobuf", authorization: `Bearer ${apiKey}` };
  const maxLen = Math.max(...pool.map((t) => t.body.length));
  const t0 = performance.now();
  const warmEnd = t0 + warmupSeconds * 1000;
  const measureEnd = warmEnd + seconds * 1000;
  const cpu0 = process.cpuUsage();
  let nextSeq = 0;
  let stopping = false;
  const totals = { batches: 0, spans: 0, sessions: 0, rejected: 0, r503: 0, errors: 0, attempts: 0 };
  const window = { batches: 0, spans: 0, r503: 0, errors: 0 };
  const latencies = [];
  const latencies503 = [];
  const perSecond = new Array(Math.ceil(seconds)).fill(0);
  const errorSamples = new Set();

  async function loop() {
    const scratch = Buffer.allocUnsafe(maxLen);
    while (!stopping && performance.now() < measureEnd) {
      const n = nextSeq++;
      const template = pool[n % pool.length];
      const seq = (seqBase + n) >>> 0;
      const body = stamp(template, seq, scratch);
      for (;;) {
        const start = performance.now();
        const res = await post(body);
        const end = performance.now();
        totals.attempts++;
        const inWindow = end >= warmEnd && end < measureEnd;
        if (res.status === 200) {
          const rejected = res.body.length > 0 ? rejectedSpans(res.body) : 0;
          totals.batches++;
          totals.spans += template.spans - rejected;
          totals.sessions += template.sessions;
          totals.rejected += rejected;
          if (inWindow) {
            window.batches++;
            window.spans += template.spans - rejected;
            latencies.push(end - start);
            const second = Math.floor((end - warmEnd) / 1000);
            if (second < perSecond.length) perSecond[second] += template.spans - rejected;
          }
          break;
        }
        if (res.status === 503) {
          totals.r503++;
          if (inWindow) {
            window.r503++;
            latencies503.push(end - start);
          }
          // After the window a batch still refused is abandoned: it was never acknowledged.
          if (stopping || end >= measureEnd) break;
          const after = Number(res.retryAfter) * 1000;
          await sleep(Math.min(Number.isFinite(after) && after > 0 ? after : retryMs, retryMs));
          continue;
        }
        totals.errors++;
        if (inWindow) window.errors++;
        if (errorSamples.size < 5)
          errorSamples.add(res.error ?? `HTTP ${res.status}: ${res.body?.toString("latin1").slice(0, 200)}`);
        break;
      }
    }
  }

  const timer = setTimeout(() => {
    stopping = true;
  }, measureEnd - t0);
  await Promise.all(Array.from({ length: concurrency }, () => loop()));
  clearTimeout(timer);
  const drainedAt = performance.now();
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  latencies503.sort((a, b) => a - b);
  return {
    type: "result",
    concurrency,
    warmupSeconds,
    seconds,
    spansPerBatch,
    window: {
      ...window,
      spansPerSecond: window.spans / seconds,
      requestsPerSecond: window.batches / seconds,
      latencyMs: {
        p50: percentile(latencies, 50),
        p90: percentile(latencies, 90),
        p99: percentile(latencies, 99),
        max: latencies.at(-1) ?? null,
      },
      latency503Ms: { p50: percentile(latencies503, 50), p99: percentile(latencies503, 99) },
      perSecond: perSecond.slice(0, Math.floor(seconds)),
    },
    totals,
    drainMs: drainedAt - measureEnd,
    senderCpuSeconds: (cpu.user + cpu.system) / 1e6,
    errorSamples: [...errorSamples],
  };
}

const buildStart = performance.now();
const pool = poolFile ? readPool(poolFile) : buildPool(poolSize, spansPerBatch, seed);
process.send({ type: "ready", buildMs: performance.now() - buildStart, batchBytes: pool[0].body.length });
process.on("message", (msg) => {
  if (msg?.type !== "start") return;
  run(pool, msg.url, msg.apiKey).then(
    (result) => process.send(result, () => process.disconnect()),
    (err) => process.send({ type: "error", message: String(err?.stack ?? err) }, () => process.disconnect()),
  );
});

/**
 * The local sink for the SDK benchmark, run as its own process:
 *   node bench/sdk/sink.js [--port N]      prints {"port": N} as its first stdout line
 *
 * It stands in for the HoneyHive server and answers as fast as it can:
 *   POST /v1/traces, /opentelemetry/v1/traces   OTLP protobuf (gzip or deflate too): the spans are
 *                                               counted, in total and by span name, by walking the
 *                                               protobuf just enough; 200 + empty
 *                                               ExportTraceServiceResponse (application/x-protobuf)
 *   POST /session/start, /v1/session/start      {"session_id": <the one sent, or a random uuid>}
 *   PUT|POST /events, /v1/events                {"success": true}
 *   GET /stats                                  {requests: {"POST /v1/traces": n, ...}, spans, spansByName,
 *                                                bytes, errors}
 *   POST /reset                                 zeroes the counts
 *   anything else                               200 {}  (and counted under its method + path)
 *
 * A body that is not valid protobuf is answered 400 and counted under `errors`.
 */

import { randomUUID } from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";
import { gunzipSync, inflateSync } from "node:zlib";

// ---------------------------------------------------------------- protobuf walking

/** Reads a varint at pos.i (advancing it); numbers up to 2^53 are exact enough for lengths. */
function varint(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (pos.i >= buf.length) throw new Error("truncated varint");
    const b = buf[pos.i++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return value;
    shift += 7;
    if (shift > 63) throw new Error("varint too long");
  }
}

/**
 * Calls `onField(field, start, end)` for each length-delimited field of the message in
 * buf[start, end); skips the other wire types.
 */
function eachLengthDelimited(buf, start, end, onField) {
  const pos = { i: start };
  while (pos.i < end) {
    const key = varint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) varint(buf, pos);
    else if (wire === 1) pos.i += 8;
    else if (wire === 5) pos.i += 4;
    else if (wire === 2) {
      const len = varint(buf, pos);
      const s = pos.i;
      pos.i += len;
      if (pos.i > end) throw new Error("field runs past its message");
      onField(field, s, pos.i);
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  if (pos.i !== end) throw new Error("message runs past its end");
}

/**
 * Counts the spans of an ExportTraceServiceRequest:
 * field 1 ResourceSpans -> field 2 ScopeSpans -> field 2 Span (its name is field 5).
 */
function countSpans(buf, byName) {
  let n = 0;
  eachLengthDelimited(buf, 0, buf.length, (f1, s1, e1) => {
    if (f1 !== 1) return;
    eachLengthDelimited(buf, s1, e1, (f2, s2, e2) => {
      if (f2 !== 2) return;
      eachLengthDelimited(buf, s2, e2, (f3, s3, e3) => {
        if (f3 !== 2) return;
        n++;
        let name = "";
        eachLengthDelimited(buf, s3, e3, (f4, s4, e4) => {
          if (f4 === 5) name = buf.toString("utf8", s4, e4);
        });
        byName.set(name, (byName.get(name) ?? 0) + 1);
      });
    });
  });
  return n;
}

// ---------------------------------------------------------------- server

const counts = { requests: new Map(), spans: 0, spansByName: new Map(), bytes: 0, errors: 0 };

function reset() {
  counts.requests.clear();
  counts.spansByName.clear();
  counts.spans = 0;
  counts.bytes = 0;
  counts.errors = 0;
}

function stats() {
  return {
    requests: Object.fromEntries(counts.requests),
    spans: counts.spans,
    spansByName: Object.fromEntries(counts.spansByName),
    bytes: counts.bytes,
    errors: counts.errors,
  };
}

const EMPTY = Buffer.alloc(0);

function send(res, status, body, type) {
  res.writeHead(status, { "content-type": type, "content-length": body.length });
  res.end(body);
}
const json = (res, status, value) =>
  send(res, status, Buffer.from(JSON.stringify(value)), "application/json");

function handle(req, res, body) {
  const path = (req.url ?? "/").split("?")[0];
  const key = `${req.method} ${path}`;
  if (key === "GET /stats") return json(res, 200, stats());
  if (key === "POST /reset") {
    reset();
    return json(res, 200, {});
  }
  counts.requests.set(key, (counts.requests.get(key) ?? 0) + 1);
  counts.bytes += body.length;

  if (req.method === "POST" && (path === "/v1/traces" || path === "/opentelemetry/v1/traces")) {
    try {
      const encoding = String(req.headers["content-encoding"] ?? "").toLowerCase();
      const raw = encoding === "gzip" ? gunzipSync(body) : encoding === "deflate" ? inflateSync(body) : body;
      const type = String(req.headers["content-type"] ?? "");
      if (type.includes("json")) {
        // Not what either exporter sends in this benchmark; counted the slow way.
        const doc = JSON.parse(raw.toString("utf8"));
        for (const rs of doc.resourceSpans ?? [])
          for (const ss of rs.scopeSpans ?? [])
            for (const span of ss.spans ?? []) {
              counts.spans++;
              counts.spansByName.set(span.name, (counts.spansByName.get(span.name) ?? 0) + 1);
            }
        return json(res, 200, {});
      }
      counts.spans += countSpans(raw, counts.spansByName);
      return send(res, 200, EMPTY, "application/x-protobuf");
    } catch (err) {
      counts.errors++;
      return send(res, 400, Buffer.from(String(err?.message ?? err)), "text/plain");
    }
  }
  if (path.endsWith("/session/start")) {
    let sessionId;
    try {
      const doc = JSON.parse(body.toString("utf8") || "{}");
      sessionId = doc.session?.session_id ?? doc.session_id;
    } catch {
      // fall through to a random id
    }
    return json(res, 200, { session_id: sessionId ?? randomUUID() });
  }
  if (path === "/events" || path === "/v1/events") return json(res, 200, { success: true });
  return json(res, 200, {});
}

const { values } = parseArgs({ options: { port: { type: "string", default: "0" } } });

const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => handle(req, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  req.on("error", () => res.destroy());
});
server.listen(Number(values.port), "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
// The sink never outlives the runner: it ends when its stdin (a pipe from the runner) closes.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();

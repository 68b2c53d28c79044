/**
 * The fake OpenAI-compatible provider of the instrumentation benchmark, run as
 * its own process so its work never shares the measured event loop:
 *   node bench/instrumentation/fake-provider.js     prints {"port": N} as its first stdout line
 *
 * POST /v1/chat/completions answers at once with a fixed completion (JSON), or
 * with `STREAM_CHUNKS` SSE chunks plus a usage chunk when the body asks for a
 * stream (usage is sent whether or not `stream_options.include_usage` was set,
 * so the plain and the instrumented client read the same bytes).
 *
 * `answer()` is the same answer without a socket, for the in-process transport
 * of the benchmark (variant.js `transport: "in-process"`).
 */

import http from "node:http";
import { fileURLToPath } from "node:url";

const STREAM_CHUNKS = 24;
const ANSWER_WORDS = Array.from({ length: STREAM_CHUNKS }, (_, i) => `word${i} `);
const USAGE = { prompt_tokens: 312, completion_tokens: 96, total_tokens: 408 };

const completion = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-4o-mini-2024-07-18",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: ANSWER_WORDS.join(""), refusal: null },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: USAGE,
  system_fingerprint: "fp_bench",
});

const chunk = (delta, finish, usage) =>
  `data: ${JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model: "gpt-4o-mini-2024-07-18",
    system_fingerprint: "fp_bench",
    choices: usage ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  })}\n\n`;

const stream = [
  chunk({ role: "assistant", content: "" }, null),
  ...ANSWER_WORDS.map((w) => chunk({ content: w }, null)),
  chunk({}, "stop"),
  chunk(null, null, USAGE),
  "data: [DONE]\n\n",
].join("");

/** The answer to a request body: status, content type and body text. */
export function answer(path, body) {
  if (!path.endsWith("/chat/completions"))
    return { status: 404, type: "application/json", body: '{"error":{"message":"not found"}}' };
  return body.includes('"stream":true')
    ? { status: 200, type: "text/event-stream", body: stream }
    : { status: 200, type: "application/json", body: completion };
}

function serve() {
  const server = http.createServer((req, res) => {
    const parts = [];
    req.on("data", (d) => parts.push(d));
    req.on("end", () => {
      const a = answer(req.method === "POST" ? (req.url ?? "") : "", Buffer.concat(parts).toString("utf8"));
      res.writeHead(a.status, { "content-type": a.type }).end(a.body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    console.log(JSON.stringify({ port: server.address().port }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve();

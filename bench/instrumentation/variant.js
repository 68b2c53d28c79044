/**
 * One measured variant of the instrumentation benchmark, run as its own process
 * (forked by run.js; settings as one JSON argument; the result sent back over
 * IPC as {type: "result", ...} or {type: "error", message}):
 *
 *   variant  "plain"     the `openai` client alone: no OpenTelemetry in the process
 *            "plain-ctx" the same client, with OpenTelemetry's AsyncLocalStorage
 *                        context manager registered and every call made inside a
 *                        context (what any tracer costs before it records anything)
 *            "ours"      the client traced by @honeyhive-ts/sdk (`instrument(client)`
 *                        after HoneyHiveTracer.init), exporting to the sink
 *   mode     "json" (a plain call) or "stream" (a streamed call read to the end)
 *   transport "loopback" (HTTP to the fake provider process) or "in-process"
 *            (the client's `fetch` answers from memory: no socket, so the
 *            difference between variants is not lost in network noise)
 *
 * Each call is timed alone, from `create()` to the last chunk read; the
 * process's CPU time (user + system, all threads) over the timed calls is
 * reported per call too: less disturbed by other work on the machine than
 * wall-clock latency.
 */

import { setImmediate as yieldToLoop } from "node:timers/promises";

const cfg = JSON.parse(process.argv[2] ?? "{}");
const now = process.hrtime.bigint;

const SYSTEM = "You are a support assistant for an online bookshop. ".repeat(8);
const USER = "My order #4711 has not arrived after two weeks; what can I do? ".repeat(6);

async function client() {
  const { default: OpenAI } = await import("openai");
  const openai = new OpenAI({
    apiKey: "bench",
    baseURL: `${cfg.providerUrl}/v1`,
    maxRetries: 0,
    ...(cfg.transport === "in-process" ? { fetch: await inProcessFetch() } : {}),
  });
  if (cfg.variant === "plain") return { openai, run: (fn) => fn(), done: async () => {} };
  const api = await import("@opentelemetry/api");
  if (cfg.variant === "plain-ctx") {
    const { AsyncLocalStorageContextManager } = await import("@opentelemetry/context-async-hooks");
    api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const key = api.createContextKey("bench");
    const ctx = api.ROOT_CONTEXT.setValue(key, 1);
    return { openai, run: (fn) => api.context.with(ctx, fn), done: async () => {} };
  }
  const { HoneyHiveTracer, instrument } = await import("@honeyhive-ts/sdk");
  const tracer = await HoneyHiveTracer.init({
    apiKey: "bench",
    project: "bench",
    serverUrl: cfg.sinkUrl,
    sessionName: "bench",
    instrumentations: [],
  });
  instrument(openai, { tracer });
  return {
    openai,
    run: (fn) => fn(),
    done: async () => {
      await tracer.flush();
      await tracer.shutdown();
    },
  };
}

/** A `fetch` that answers like the fake provider, from memory. */
async function inProcessFetch() {
  const { answer } = await import("./fake-provider.js");
  return async (url, init) => {
    const a = answer(new URL(url).pathname, String(init?.body ?? ""));
    return new Response(a.body, { status: a.status, headers: { "content-type": a.type } });
  };
}

function request(stream) {
  return {
    model: "gpt-4o-mini",
    temperature: 0.2,
    max_tokens: 256,
    messages: [
      { role: "system", content: SYSTEM },
      { role: "user", content: USER },
    ],
    ...(stream ? { stream: true } : {}),
  };
}

async function main() {
  const { openai, run, done } = await client();
  const stream = cfg.mode === "stream";
  const call = stream
    ? () =>
        run(async () => {
          let text = "";
          for await (const c of await openai.chat.completions.create(request(true)))
            text += c.choices[0]?.delta?.content ?? "";
          return text;
        })
    : () =>
        run(async () => (await openai.chat.completions.create(request(false))).choices[0].message.content);

  for (let i = 0; i < cfg.warmup; i++) await call();
  const times = new Float64Array(cfg.calls);
  let answer = "";
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < cfg.calls; i++) {
    const t0 = now();
    answer = await call();
    times[i] = Number(now() - t0) / 1000;
    if (i % 64 === 63) await yieldToLoop();
  }
  const cpu = process.cpuUsage(cpu0);
  await done();
  times.sort();
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return {
    p50: at(0.5),
    p99: at(0.99),
    cpu: (cpu.user + cpu.system) / cfg.calls,
    answer,
  };
}

main().then(
  (result) => process.send({ type: "result", ...result }, () => process.exit(0)),
  (err) => process.send({ type: "error", message: err?.stack ?? String(err) }, () => process.exit(1)),
);

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
 *            "paired"    "ours" and, in the same process, a second client left
 *                        untraced (its calls made inside a context, as plain-ctx),
 *                        called in turn: the added cost as the median of the
 *                        per-turn differences, free of process-to-process drift
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
  const openai = await newClient();
  if (cfg.variant === "plain") return { openai, run: (fn) => fn(), done: async () => {} };
  if (cfg.variant === "plain-ctx") {
    const api = await import("@opentelemetry/api");
    const { AsyncLocalStorageContextManager } = await import("@opentelemetry/context-async-hooks");
    api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    return { openai, run: await inContext(), done: async () => {} };
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
    untraced: cfg.variant === "paired" ? { openai: await newClient(), run: await inContext() } : undefined,
    done: async () => {
      await tracer.flush();
      await tracer.shutdown();
    },
  };
}

/** A new `openai` client pointed at the fake provider. */
async function newClient() {
  const { default: OpenAI } = await import("openai");
  return new OpenAI({
    apiKey: "bench",
    baseURL: `${cfg.providerUrl}/v1`,
    maxRetries: 0,
    ...(cfg.transport === "in-process" ? { fetch: await inProcessFetch() } : {}),
  });
}

/** Runs a function inside an OpenTelemetry context (what the registered context manager tracks). */
async function inContext() {
  const api = await import("@opentelemetry/api");
  const ctx = api.ROOT_CONTEXT.setValue(api.createContextKey("bench"), 1);
  return (fn) => api.context.with(ctx, fn);
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

/** One call of `mode` through `openai`, inside `run`; resolves the answer's text. */
function caller(openai, run, stream) {
  return stream
    ? () =>
        run(async () => {
          let text = "";
          for await (const c of await openai.chat.completions.create(request(true)))
            text += c.choices[0]?.delta?.content ?? "";
          return text;
        })
    : () =>
        run(async () => (await openai.chat.completions.create(request(false))).choices[0].message.content);
}

/** `n` calls timed one by one: their latencies (µs) and the process's CPU time per call (µs). */
async function timed(call, n) {
  const times = new Float64Array(n);
  let answer = "";
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t0 = now();
    answer = await call();
    times[i] = Number(now() - t0) / 1000;
    if (i % 64 === 63) await yieldToLoop();
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort();
  return { times, cpu: (cpu.user + cpu.system) / n, answer };
}

const at = (times, q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];

/**
 * `a` and `b` called in turn, `n` times each, which goes first alternating
 * (ABBA), each call timed alone: the differences a - b of each turn's latency
 * (µs, sorted) and the mean difference of the process's CPU time per call.
 * Turn by turn, both see the same moments of the machine: on a shared one its
 * slow spells last longer than a call, so a difference taken across blocks of
 * calls can straddle one.
 */
async function interleaved(a, b, n) {
  const diffs = new Float64Array(n);
  let cpuA = 0;
  let cpuB = 0;
  let answer = "";
  const one = async (call) => {
    const cpu0 = process.cpuUsage();
    const t0 = now();
    answer = await call();
    const t = Number(now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return { t, cpu: cpu.user + cpu.system };
  };
  for (let i = 0; i < n; i++) {
    const first = await one(i % 2 ? b : a);
    const second = await one(i % 2 ? a : b);
    const [x, y] = i % 2 ? [second, first] : [first, second];
    diffs[i] = x.t - y.t;
    cpuA += x.cpu;
    cpuB += y.cpu;
    if (i % 32 === 31) await yieldToLoop();
  }
  diffs.sort();
  return { diffs, cpu: (cpuA - cpuB) / n, answer };
}

/**
 * What the traced call adds over the untraced one, the two called in turn:
 * the median of the per-turn differences in latency, and the mean difference
 * in CPU time (which counts garbage collection wherever it falls). As many
 * calls in all as the other variants make.
 */
async function paired(traced, untraced) {
  const { diffs, cpu, answer } = await interleaved(
    traced,
    untraced,
    Math.max(500, Math.round(cfg.calls / 2)),
  );
  return { addedP50: at(diffs, 0.5), addedCpu: cpu, answer };
}

/**
 * The least that seeing each chunk before the caller costs here: one `then`
 * per chunk (what any observer of a stream adds), on an async generator of
 * as many chunks as the fake stream sends (26 and the end), inside a context
 * as the traced calls run. The same generator read with and without it, in
 * turn: the median difference per stream (µs).
 */
async function chunkFloor(run, chunks = 27) {
  async function* source() {
    for (let i = 0; i < chunks; i++) yield i;
  }
  const pass = (r) => r;
  const read = async (iterable) => {
    let sum = 0;
    for await (const x of iterable) sum += x;
    return String(sum);
  };
  const bare = () => run(() => read(source()));
  const observed = () =>
    run(() => {
      const it = source();
      return read({ [Symbol.asyncIterator]: () => ({ next: () => it.next().then(pass) }) });
    });
  for (let i = 0; i < 2000; i++) {
    await bare();
    await observed();
  }
  return at((await interleaved(observed, bare, 10_000)).diffs, 0.5);
}

async function main() {
  const { openai, run, done, untraced } = await client();
  const stream = cfg.mode === "stream";
  const call = caller(openai, run, stream);
  const other = untraced && caller(untraced.openai, untraced.run, stream);

  for (let i = 0; i < cfg.warmup; i++) {
    await call();
    if (other) await other();
  }
  if (other) {
    const result = await paired(call, other);
    await done();
    return stream ? { ...result, chunkFloor: await chunkFloor(untraced.run) } : result;
  }
  const { times, cpu, answer } = await timed(call, cfg.calls);
  await done();
  return { p50: at(times, 0.5), p99: at(times, 0.99), cpu, answer };
}

main().then(
  (result) => process.send({ type: "result", ...result }, () => process.exit(0)),
  (err) => process.send({ type: "error", message: err?.stack ?? String(err) }, () => process.exit(1)),
);

/**
 * One measured variant of the SDK benchmark, run as its own process (forked by
 * run.js with `--expose-gc`, settings as one JSON argument, the result sent back
 * over IPC as {type: "result", ...} or {type: "error", message}):
 *
 *   impl      "none" (no tracer at all), "raw" (OpenTelemetry, set up by hand) or "ours"
 *             (@honeyhive-ts/sdk). Each implementation is imported only in its own process,
 *             so context managers, async hooks and globals never meet.
 *   scenario  "latency" | "cpu" | "burst" | "down" | "tax" (see run.js)
 *   url       the sink (or, for "down", a port where nothing listens)
 */

import { setImmediate as yieldToLoop } from "node:timers/promises";
import { getHeapSpaceStatistics } from "node:v8";

const cfg = JSON.parse(process.argv[2] ?? "{}");
const gc = globalThis.gc ?? (() => {});
const now = process.hrtime.bigint;

// ---------------------------------------------------------------- the implementations

/**
 * Raw OpenTelemetry the way its documentation sets it up for Node: a
 * BasicTracerProvider with a BatchSpanProcessor (default settings) over the OTLP
 * protobuf exporter, and an AsyncLocalStorageContextManager registered globally
 * (what NodeTracerProvider.register() does). Spans are made the idiomatic way,
 * `tracer.startActiveSpan(name, span => { try { ... } finally { span.end() } })`.
 */
async function setupRaw(url) {
  const api = await import("@opentelemetry/api");
  const { AsyncLocalStorageContextManager } = await import("@opentelemetry/context-async-hooks");
  const { BasicTracerProvider, BatchSpanProcessor } = await import("@opentelemetry/sdk-trace-base");
  const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-proto");
  const { resourceFromAttributes } = await import("@opentelemetry/resources");

  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${url}/v1/traces` }));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "bench" }),
    spanProcessors: [processor],
  });
  api.trace.setGlobalTracerProvider(provider);
  const tracer = provider.getTracer("bench");
  return {
    wrapSync: (name, fn) => () =>
      tracer.startActiveSpan(name, (span) => {
        try {
          return fn();
        } finally {
          span.end();
        }
      }),
    wrapAsync: (name, fn) => () =>
      tracer.startActiveSpan(name, async (span) => {
        try {
          return await fn();
        } finally {
          span.end();
        }
      }),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
    // BatchSpanProcessor keeps no count a caller can read (it only logs drops).
    stats: () => null,
  };
}

/** Ours: HoneyHiveTracer.init + trace(fn, {tracer, name}). */
async function setupOurs(url, extra) {
  const sdk = await import("@honeyhive-ts/sdk");
  const { HoneyHiveTracer, trace } = sdk;
  if (typeof HoneyHiveTracer?.init !== "function" || typeof trace !== "function") {
    throw new Error(
      `@honeyhive-ts/sdk does not export HoneyHiveTracer.init and trace (exports: ${Object.keys(sdk).join(", ")})`,
    );
  }
  const tracer = await HoneyHiveTracer.init({
    apiKey: "bench",
    project: "bench",
    serverUrl: url,
    sessionName: "bench",
    ...extra,
  });
  const call = (name) => {
    if (typeof tracer[name] !== "function") throw new Error(`the tracer has no ${name}()`);
    return tracer[name]();
  };
  return {
    wrapSync: (name, fn) => trace(fn, { tracer, name }),
    wrapAsync: (name, fn) => trace(fn, { tracer, name }),
    flush: () => call("flush"),
    shutdown: () => call("shutdown"),
    stats: () => (typeof tracer.stats === "function" ? tracer.stats() : null),
  };
}

/** No tracer: the wrappers return the function itself. */
function setupNone() {
  return {
    wrapSync: (_name, fn) => fn,
    wrapAsync: (_name, fn) => fn,
    flush: async () => {},
    shutdown: async () => {},
    stats: () => null,
  };
}

async function setup(impl, url, extra = {}) {
  if (impl === "raw") return setupRaw(url);
  if (impl === "ours") return setupOurs(url, extra);
  if (impl === "none") return setupNone();
  throw new Error(`unknown impl ${impl}`);
}

/**
 * The three traced shapes and their untraced twins. Span names tell the sink
 * which shape a span came from.
 */
function shapes(t) {
  const child = t.wrapSync("child", () => 1);
  const bareChild = () => 1;
  return {
    sync: { traced: t.wrapSync("noop", () => 1), bare: () => 1, async: false, spans: { noop: 1 } },
    async: {
      traced: t.wrapAsync("anoop", async () => 1),
      bare: async () => 1,
      async: true,
      spans: { anoop: 1 },
    },
    parent: {
      traced: t.wrapSync("parent", () => {
        child();
        child();
        child();
        return 1;
      }),
      bare: () => {
        bareChild();
        bareChild();
        bareChild();
        return 1;
      },
      async: false,
      spans: { parent: 1, child: 3 },
    },
  };
}

// ---------------------------------------------------------------- helpers

/** Awaits `p` for at most `ms`; resolves {ok, ms, error?, timedOut?} (never rejects). */
async function bounded(p, ms) {
  const t0 = performance.now();
  let timer;
  const timeout = new Promise((res) => {
    timer = setTimeout(() => res({ timedOut: true }), ms);
  });
  try {
    // Ours resolves false when the flush ran out of time; raw OpenTelemetry rejects instead.
    const r = await Promise.race([Promise.resolve(p).then((v) => ({ ok: v !== false })), timeout]);
    return { ok: !!r.ok, timedOut: !!r.timedOut, ms: performance.now() - t0 };
  } catch (err) {
    return { ok: false, error: String(err?.message ?? err), ms: performance.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

/** `n` calls, `every` calls between yields to the event loop (0: a tight loop). */
async function run(fn, isAsync, n, every) {
  if (isAsync) {
    for (let i = 1; i <= n; i++) {
      await fn();
      if (every > 0 && i % every === 0) await yieldToLoop();
    }
  } else {
    for (let i = 1; i <= n; i++) {
      fn();
      if (every > 0 && i % every === 0) await yieldToLoop();
    }
  }
}

/** Times each call into `out[from..from+n)` (ns); yields to the event loop every `every` calls. */
async function timeEach(fn, isAsync, out, from, n, every) {
  if (isAsync) {
    for (let i = 0; i < n; i++) {
      const t0 = now();
      await fn();
      out[from + i] = Number(now() - t0);
      if ((i + 1) % every === 0) await yieldToLoop();
    }
  } else {
    for (let i = 0; i < n; i++) {
      const t0 = now();
      fn();
      out[from + i] = Number(now() - t0);
      if ((i + 1) % every === 0) await yieldToLoop();
    }
  }
}

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const rss = () => process.memoryUsage.rss();

// ---------------------------------------------------------------- scenarios

/**
 * Per-call latency: each call timed on its own with process.hrtime.bigint(), in
 * blocks that alternate the bare function and the traced one (so drift and noise
 * hit both), yielding to the event loop every `yieldEvery` calls so exporters
 * get to run as in an application. Samples are sent back whole (ns, integers).
 */
async function latency(t) {
  const { calls, warmup, block = 1000, yieldEvery = 100 } = cfg;
  const out = {};
  for (const [name, s] of Object.entries(shapes(t))) {
    await run(s.bare, s.async, warmup, yieldEvery);
    await run(s.traced, s.async, warmup, yieldEvery);
    await t.flush();
    gc();
    const bare = new Float64Array(calls);
    const traced = new Float64Array(calls);
    for (let from = 0; from < calls; from += block) {
      const n = Math.min(block, calls - from);
      await timeEach(s.bare, s.async, bare, from, n, yieldEvery);
      await timeEach(s.traced, s.async, traced, from, n, yieldEvery);
    }
    const flushed = await bounded(t.flush(), 30_000);
    out[name] = {
      bare: Array.from(bare, Math.round),
      traced: Array.from(traced, Math.round),
      flushMs: flushed.ms,
      flushOk: flushed.ok,
    };
  }
  return { shapes: out, stats: t.stats() };
}

/**
 * CPU per call including export: process.cpuUsage() (user + system, every
 * thread of the process) across `calls` calls and the flush that sends them,
 * yielding every `yieldEvery` calls. The same loop over the bare function is
 * measured first and subtracted.
 */
async function cpu(t) {
  const { calls, warmup, yieldEvery = 100 } = cfg;
  const out = {};
  for (const [name, s] of Object.entries(shapes(t))) {
    await run(s.bare, s.async, warmup, yieldEvery);
    await run(s.traced, s.async, warmup, yieldEvery);
    await t.flush();
    gc();
    let c0 = cpuMicros();
    let w0 = performance.now();
    await run(s.bare, s.async, calls, yieldEvery);
    const bareCpu = cpuMicros() - c0;
    const bareWall = performance.now() - w0;
    gc();
    c0 = cpuMicros();
    w0 = performance.now();
    await run(s.traced, s.async, calls, yieldEvery);
    const loopCpu = cpuMicros() - c0;
    const loopWall = performance.now() - w0;
    const flushed = await bounded(t.flush(), 30_000);
    const totalCpu = cpuMicros() - c0;
    out[name] = {
      calls,
      bareCpuUs: bareCpu,
      bareWallMs: bareWall,
      loopCpuUs: loopCpu,
      loopWallMs: loopWall,
      totalCpuUs: totalCpu,
      flushMs: flushed.ms,
      flushOk: flushed.ok,
    };
  }
  return { shapes: out, stats: t.stats() };
}

/**
 * Burst: `calls` sync no-op calls in a tight loop (no yield), then flush and
 * shut down. The runner asks the sink how many "noop" spans arrived.
 */
async function burst(t) {
  const { calls } = cfg;
  const s = shapes(t).sync;
  const w0 = performance.now();
  const c0 = cpuMicros();
  for (let i = 0; i < calls; i++) s.traced();
  const loopMs = performance.now() - w0;
  const flushed = await bounded(t.flush(), 30_000);
  const statsBefore = t.stats();
  const shut = await bounded(t.shutdown(), 30_000);
  return {
    calls,
    loopMs,
    flush: flushed,
    shutdown: shut,
    cpuUs: cpuMicros() - c0,
    totalMs: performance.now() - w0,
    stats: statsBefore,
    statsAfterShutdown: t.stats(),
  };
}

/** Bytes V8 has reserved for the young generation (new space) right now. */
const youngGeneration = () =>
  getHeapSpaceStatistics().find((x) => x.space_name === "new_space")?.space_size ?? 0;

/**
 * Grows the young generation to its limit with short-lived garbage (a window of
 * survivors makes V8 grow it), as any long-running application has: otherwise the
 * first few MB/s of allocation grow RSS by up to 32 MiB whatever the tracer keeps.
 */
async function primeYoungGeneration() {
  // V8 grows the young generation in steps, sometimes after a few quiet rounds: go on until
  // it has not changed for 4 rounds (at least 8 rounds, about 40 ms each).
  let last = -1;
  let same = 0;
  for (let round = 0; round < 24 && (round < 8 || same < 4); round++) {
    let window = [];
    for (let i = 0; i < 2_000_000; i++) {
      window.push({ i, list: [i, i] });
      if (window.length > 2048) window = [];
    }
    await yieldToLoop();
    const now = youngGeneration();
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

/**
 * Sink down: `calls` sync no-op calls against a port where nothing listens, in
 * blocks of `yieldEvery` with a yield between (so export attempts and retries
 * happen), RSS and heap sampled after each block. RSS before / after are taken
 * after a full GC, with the young generation grown to its limit beforehand.
 * Shutdown is then given `shutdownMs` at most.
 */
async function down(t) {
  const { calls, yieldEvery = 1000, shutdownMs = 15_000 } = cfg;
  const s = shapes(t).sync;
  await primeYoungGeneration();
  gc();
  await yieldToLoop();
  gc();
  const before = { ...process.memoryUsage(), young: youngGeneration() };
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const w0 = performance.now();
  for (let i = 0; i < calls; i += yieldEvery) {
    for (let j = 0; j < yieldEvery; j++) s.traced();
    await yieldToLoop();
    const r = rss();
    if (r > peakRss) peakRss = r;
    const h = process.memoryUsage().heapUsed;
    if (h > peakHeap) peakHeap = h;
  }
  const loopMs = performance.now() - w0;
  gc();
  await yieldToLoop();
  gc();
  const after = { ...process.memoryUsage(), young: youngGeneration() };
  const stats = t.stats();
  const shut = await bounded(t.shutdown(), shutdownMs);
  const pick = (m) => ({
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    young: m.young,
  });
  return {
    calls,
    loopMs,
    before: pick(before),
    after: pick(after),
    peakRss,
    peakHeap,
    stats,
    shutdown: shut,
    statsAfterShutdown: t.stats(),
  };
}

const taxLeaf = async (x) => {
  await null;
  return x + 1;
};
const taxMid = async (x) => (await taxLeaf(x)) + (await taxLeaf(x));
/** ns per iteration of the untraced async loop. */
async function taxLoop(iterations) {
  let acc = 0;
  const t0 = now();
  for (let i = 0; i < iterations; i++) acc = ((await taxMid(i)) + acc) & 0xffff;
  const ns = Number(now() - t0) / iterations;
  return acc >= 0 ? ns : -1;
}

async function tax(t) {
  const { iterations, reps } = cfg;
  const measure = async () => {
    const runs = [];
    for (let r = 0; r < reps; r++) {
      gc();
      runs.push(await taxLoop(iterations));
    }
    return runs;
  };
  const s = shapes(t);
  const afterInit = await measure();
  s.sync.traced();
  await s.async.traced();
  const afterTraced = await measure();
  return { iterations, afterInit, afterTraced };
}

// ---------------------------------------------------------------- main

const SCENARIOS = { latency, cpu, burst, down, tax };

async function main() {
  const scenario = SCENARIOS[cfg.scenario];
  if (!scenario) throw new Error(`unknown scenario ${cfg.scenario}`);
  // The tax loop is warmed up before any tracer exists, so its code is optimised the same way everywhere.
  if (cfg.scenario === "tax") await taxLoop(cfg.warmup ?? 20_000);
  const rss0 = rss();
  const t0 = performance.now();
  const t = await setup(cfg.impl, cfg.url, cfg.ours ?? {});
  const setupMs = performance.now() - t0;
  const result = await scenario(t);
  return { impl: cfg.impl, scenario: cfg.scenario, setupMs, rssAtStart: rss0, ...result };
}

main().then(
  (result) => process.send({ type: "result", ...result }, () => process.exit(0)),
  (err) => process.send({ type: "error", message: err?.stack ?? String(err) }, () => process.exit(1)),
);

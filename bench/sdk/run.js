#!/usr/bin/env node
/**
 * npm run bench:sdk [-- --quick | --rounds 5 --calls 20000 ...]
 *
 * The SDK against raw OpenTelemetry (BasicTracerProvider + BatchSpanProcessor +
 * OTLP protobuf exporter + AsyncLocalStorageContextManager), both exporting to
 * a local sink process (sink.js) that counts the spans it receives. Every
 * measured variant runs in its own process (variant.js), and the rounds are
 * interleaved (raw, ours, ours, raw, ...) so drift on the machine hits both:
 *
 * 1. latency  p50 / p99 / mean per-call overhead of a traced no-op (sync, async,
 *             parent with 3 children): each call timed alone, minus the same
 *             bare function timed in alternating blocks in the same process.
 * 2. cpu      process CPU (user + system, all threads) per call, including the
 *             flush that exports the spans.
 * 3. burst    spans the sink received after 10,000 calls in a tight loop + flush.
 * 4. down     RSS growth over 100,000 calls with nothing listening, and the
 *             tracer's drop counts.
 * 5. tax      untraced async code (small async functions) with no tracer, with
 *             raw OpenTelemetry initialised, with ours initialised.
 *
 * Nothing but 127.0.0.1 is contacted. Output: tables on stdout and a JSON file
 * in bench/results/.
 */

import { fork, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { summarize } from "./profile.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const RESULTS = join(ROOT, "bench/results");
const SDK_DIST = join(ROOT, "packages/sdk/dist/index.js");
const TARGET_OVERHEAD_RATIO = 1.2;
const MiB = 1024 * 1024;
const stamp = new Date().toISOString().replace(/[:.]/g, "-");

/** Cleanups still owed (the sink, running children), run on Ctrl-C too. */
const pending = new Set();
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    for (const fn of pending) fn();
    process.exit(130);
  });
}

// ---------------------------------------------------------------- settings

/** [default, --quick] */
const OPTIONS = {
  quick: { type: "boolean", env: "HH_BENCH_QUICK", default: false, doc: "smoke run, about 30 s" },
  impls: {
    type: "string",
    env: "HH_BENCH_IMPLS",
    default: "raw,ours",
    doc: "raw,ours (ours may be left out)",
  },
  scenarios: {
    type: "string",
    env: "HH_BENCH_SCENARIOS",
    default: "latency,cpu,burst,down,tax",
    doc: "which scenarios run",
  },
  rounds: {
    type: "string",
    env: "HH_BENCH_ROUNDS",
    default: [6, 2],
    doc: "latency rounds per implementation",
  },
  calls: {
    type: "string",
    env: "HH_BENCH_CALLS",
    default: [20_000, 5_000],
    doc: "timed calls per shape and round",
  },
  warmup: {
    type: "string",
    env: "HH_BENCH_WARMUP",
    default: [5_000, 5_000],
    doc: "untimed calls per shape first",
  },
  "cpu-rounds": { type: "string", env: "HH_BENCH_CPU_ROUNDS", default: [3, 1], doc: "CPU rounds" },
  "cpu-calls": {
    type: "string",
    env: "HH_BENCH_CPU_CALLS",
    default: [20_000, 5_000],
    doc: "calls per shape",
  },
  burst: { type: "string", env: "HH_BENCH_BURST", default: [10_000, 10_000], doc: "calls in the burst" },
  "burst-rounds": { type: "string", env: "HH_BENCH_BURST_ROUNDS", default: [2, 1], doc: "burst rounds" },
  "down-calls": {
    type: "string",
    env: "HH_BENCH_DOWN_CALLS",
    default: [100_000, 100_000],
    doc: "calls with the sink down",
  },
  "buffer-mib": {
    type: "string",
    env: "HH_BENCH_BUFFER_MIB",
    default: [8, 8],
    doc: "ours: maxBufferBytes in the sink-down run",
  },
  "down-shutdown": {
    type: "string",
    env: "HH_BENCH_DOWN_SHUTDOWN",
    default: [15, 5],
    doc: "seconds shutdown() may take with the sink down",
  },
  "tax-rounds": { type: "string", env: "HH_BENCH_TAX_ROUNDS", default: [8, 3], doc: "tax rounds" },
  "tax-iterations": {
    type: "string",
    env: "HH_BENCH_TAX_ITERATIONS",
    default: [100_000, 30_000],
    doc: "async loop iterations per repetition",
  },
  "tax-reps": { type: "string", env: "HH_BENCH_TAX_REPS", default: [5, 3], doc: "repetitions per process" },
  "child-timeout": {
    type: "string",
    env: "HH_BENCH_CHILD_TIMEOUT",
    default: [180, 90],
    doc: "seconds before a variant process is killed",
  },
  "ours-options": {
    type: "string",
    env: "HH_BENCH_OURS_OPTIONS",
    default: "{}",
    doc: "extra HoneyHiveTracer.init options as JSON, e.g. '{\"captureInputs\":false}'",
  },
  "cpu-prof": {
    type: "boolean",
    env: "HH_BENCH_CPU_PROF",
    default: false,
    doc: "profile the cpu scenario's processes (node --cpu-prof into bench/results/profiles) and summarize",
  },
  strict: {
    type: "boolean",
    env: "HH_BENCH_STRICT",
    default: false,
    doc: "exit 1 when a target is not met (not only on errors)",
  },
  out: {
    type: "string",
    env: "HH_BENCH_OUT",
    default: "",
    doc: "JSON result file (default bench/results/...)",
  },
  help: { type: "boolean", default: false, doc: "this text" },
};

function parseJson(name, text) {
  try {
    const v = JSON.parse(text);
    if (v && typeof v === "object" && !Array.isArray(v)) return v;
  } catch {
    // reported below
  }
  throw new Error(`--${name} must be a JSON object (got ${text})`);
}

function settings() {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.entries(OPTIONS).map(([k, o]) => [k, { type: o.type }])),
    allowPositionals: false,
  });
  const show = (d) => (Array.isArray(d) ? `${d[0]}, quick ${d[1]}` : d);
  if (values.help) {
    console.log(
      "node bench/sdk/run.js [options]   (flags override HH_BENCH_* env, which override defaults)\n",
    );
    for (const [k, o] of Object.entries(OPTIONS)) {
      console.log(`  --${k.padEnd(16)} ${(o.env ?? "").padEnd(26)} ${o.doc} [${show(o.default)}]`);
    }
    process.exit(0);
  }
  const flag = (k) => {
    const v = values[k] ?? process.env[OPTIONS[k].env];
    return v === true || v === "1" || v === "true";
  };
  const quick = flag("quick");
  const get = (k) => {
    const d = OPTIONS[k].default;
    return values[k] ?? process.env[OPTIONS[k].env] ?? (Array.isArray(d) ? d[quick ? 1 : 0] : d);
  };
  const num = (k) => {
    const n = Number(get(k));
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k} ${get(k)} is not a number >= 0`);
    return Math.round(n);
  };
  const list = (k) =>
    String(get(k))
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
  const impls = list("impls");
  for (const i of impls) if (i !== "raw" && i !== "ours") throw new Error(`unknown impl '${i}' (raw, ours)`);
  const scenarios = list("scenarios");
  for (const x of scenarios) {
    if (!["latency", "cpu", "burst", "down", "tax"].includes(x)) throw new Error(`unknown scenario '${x}'`);
  }
  return {
    quick,
    impls,
    scenarios,
    rounds: Math.max(1, num("rounds")),
    calls: Math.max(100, num("calls")),
    warmup: num("warmup"),
    cpuRounds: Math.max(1, num("cpu-rounds")),
    cpuCalls: Math.max(100, num("cpu-calls")),
    burst: Math.max(1, num("burst")),
    burstRounds: Math.max(1, num("burst-rounds")),
    downCalls: Math.max(1000, num("down-calls")),
    bufferBytes: Math.max(1, Number(get("buffer-mib"))) * MiB,
    downShutdownMs: num("down-shutdown") * 1000,
    taxRounds: Math.max(1, num("tax-rounds")),
    taxIterations: Math.max(1000, num("tax-iterations")),
    taxReps: Math.max(1, num("tax-reps")),
    childTimeoutMs: Math.max(10, num("child-timeout")) * 1000,
    oursOptions: parseJson("ours-options", get("ours-options")),
    cpuProf: flag("cpu-prof"),
    strict: flag("strict"),
    out: get("out"),
  };
}

// ---------------------------------------------------------------- processes

/** Starts the sink; resolves once it listens. */
async function startSink() {
  const child = spawn(process.execPath, [join(HERE, "sink.js")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const kill = () => child.kill("SIGKILL");
  pending.add(kill);
  const port = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error("the sink did not start within 10 s")), 10_000);
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      res(JSON.parse(line).port);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      rej(new Error(`the sink exited (${signal ?? code})`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pid: child.pid,
    async stats() {
      const res = await fetch(`${url}/stats`);
      return res.json();
    },
    stop() {
      pending.delete(kill);
      child.stdin.end();
      child.kill("SIGTERM");
      setTimeout(kill, 2000).unref();
    },
  };
}

/** A port that was free a moment ago and where nothing listens now. */
function deadPort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/**
 * Runs variant.js with `cfg` in its own process (--expose-gc); resolves its
 * result or {error}. Killed after `timeoutMs`. stderr is kept (last lines) and
 * counted, not printed, so an SDK that logs on every failed export does not
 * drown the report.
 */
function runVariant(cfg, timeoutMs, profileDir) {
  return new Promise((res) => {
    const child = fork(join(HERE, "variant.js"), [JSON.stringify(cfg)], {
      cwd: ROOT,
      execArgv: ["--expose-gc", ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const kill = () => child.kill("SIGKILL");
    pending.add(kill);
    const tail = [];
    let lines = 0;
    const keep = (chunk) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line) continue;
        lines++;
        tail.push(line.length > 300 ? `${line.slice(0, 300)}...` : line);
        if (tail.length > 12) tail.shift();
      }
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let message = null;
    child.on("message", (m) => {
      message = m;
    });
    const timer = setTimeout(() => {
      message ??= { type: "error", message: `timed out after ${timeoutMs / 1000} s` };
      kill();
    }, timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      pending.delete(kill);
      const log = { lines, tail };
      if (message?.type === "result") res({ ...message, log });
      else
        res({
          error: message?.message ?? `exited (${signal ?? code}) without a result`,
          log,
        });
    });
  });
}

/** Runs one variant and returns its result with the spans the sink received meanwhile, by name. */
async function measured(sink, cfg, s, profileDir) {
  const before = sink ? await sink.stats() : null;
  const r = await runVariant(cfg, s.childTimeoutMs, profileDir);
  if (profileDir && existsSync(profileDir)) {
    const file = readdirSync(profileDir).find((x) => x.endsWith(".cpuprofile"));
    if (file) r.profile = join(profileDir, file);
  }
  if (sink) {
    // Let requests already on the wire land (a variant exits right after its flush resolves).
    await new Promise((x) => setTimeout(x, 50));
    const after = await sink.stats();
    r.received = {};
    for (const [name, n] of Object.entries(after.spansByName)) {
      const d = n - (before.spansByName[name] ?? 0);
      if (d > 0) r.received[name] = d;
    }
    r.requests = {};
    for (const [path, n] of Object.entries(after.requests)) {
      const d = n - (before.requests[path] ?? 0);
      if (d > 0) r.requests[path] = d;
    }
    r.sinkErrors = after.errors - before.errors;
  }
  if (r.error) console.log(`\n  ${cfg.impl} ${cfg.scenario} FAILED: ${r.error.split("\n")[0]}`);
  return r;
}

/** Interleaved order for round `i`: raw, ours in even rounds, ours, raw in odd ones (ABBA). */
const order = (impls, i) => (i % 2 === 0 ? impls : [...impls].reverse());

// ---------------------------------------------------------------- statistics

function percentiles(values) {
  const a = Float64Array.from(values).sort();
  if (a.length === 0) return { p50: Number.NaN, p99: Number.NaN, mean: Number.NaN, n: 0 };
  const at = (q) => a[Math.min(a.length - 1, Math.floor(q * a.length))];
  let sum = 0;
  for (const v of a) sum += v;
  return { p50: at(0.5), p99: at(0.99), p999: at(0.999), mean: sum / a.length, n: a.length };
}
const median = (xs) => {
  const a = [...xs].filter(Number.isFinite).sort((x, y) => x - y);
  if (a.length === 0) return Number.NaN;
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};

/** Machine load: PSI `some avg10` (%) and the 1-minute load average. */
function machine() {
  let psi = null;
  try {
    psi = Number(/^some avg10=([\d.]+)/m.exec(readFileSync("/proc/pressure/cpu", "utf8"))?.[1]);
  } catch {
    // not Linux, or no PSI
  }
  return { cpuPressureAvg10: psi, load1: loadavg()[0] };
}

// ---------------------------------------------------------------- scenarios

const SHAPES = {
  sync: { label: "sync no-op", spans: { noop: 1 } },
  async: { label: "async no-op", spans: { anoop: 1 } },
  parent: { label: "parent + 3 children", spans: { parent: 1, child: 3 } },
};

function delivered(received, spans, calls) {
  let want = 0;
  let got = 0;
  for (const [name, per] of Object.entries(spans)) {
    want += per * calls;
    got += received?.[name] ?? 0;
  }
  return { want, got, share: want > 0 ? got / want : Number.NaN };
}

async function latencyScenario(s, sink, ours) {
  const runs = [];
  for (let i = 0; i < s.rounds; i++) {
    for (const impl of order(s.impls, i)) {
      process.stdout.write(`  latency round ${i + 1}/${s.rounds} ${impl} ... `);
      const r = await measured(
        sink,
        { impl, scenario: "latency", url: sink.url, calls: s.calls, warmup: s.warmup, ours },
        s,
      );
      runs.push({ round: i, impl, r });
      if (!r.error) console.log("ok");
    }
  }
  const out = {};
  for (const impl of s.impls) {
    const mine = runs.filter((x) => x.impl === impl && !x.r.error);
    out[impl] = {
      rounds: mine.length,
      errors: runs.filter((x) => x.impl === impl && x.r.error).map((x) => x.r.error),
    };
    if (mine.length === 0) continue;
    for (const shape of Object.keys(SHAPES)) {
      const bare = mine.flatMap((x) => x.r.shapes[shape].bare);
      const traced = mine.flatMap((x) => x.r.shapes[shape].traced);
      const b = percentiles(bare);
      const t = percentiles(traced);
      const perRound = mine.map((x) => {
        const pb = percentiles(x.r.shapes[shape].bare);
        const pt = percentiles(x.r.shapes[shape].traced);
        return pt.p50 - pb.p50;
      });
      let got = 0;
      let want = 0;
      for (const x of mine) {
        const d = delivered(x.r.received, SHAPES[shape].spans, s.calls + s.warmup);
        got += d.got;
        want += d.want;
      }
      out[impl][shape] = {
        bareNs: b,
        tracedNs: t,
        overheadNs: { p50: t.p50 - b.p50, p99: t.p99 - b.p99, mean: t.mean - b.mean },
        overheadP50PerRound: perRound,
        delivered: { got, want, share: got / want },
      };
    }
  }
  return out;
}

async function cpuScenario(s, sink, ours) {
  const runs = [];
  for (let i = 0; i < s.cpuRounds; i++) {
    for (const impl of order(s.impls, i)) {
      process.stdout.write(`  cpu round ${i + 1}/${s.cpuRounds} ${impl} ... `);
      const profileDir = s.cpuProf
        ? join(RESULTS, "profiles", `sdk-${stamp}`, `cpu-${impl}-${i + 1}`)
        : undefined;
      const r = await measured(
        sink,
        { impl, scenario: "cpu", url: sink.url, calls: s.cpuCalls, warmup: s.warmup, ours },
        s,
        profileDir,
      );
      runs.push({ impl, r });
      if (!r.error) console.log("ok");
    }
  }
  const out = {};
  for (const impl of s.impls) {
    const mine = runs.filter((x) => x.impl === impl && !x.r.error);
    out[impl] = {
      rounds: mine.length,
      errors: runs.filter((x) => x.impl === impl && x.r.error).map((x) => x.r.error),
    };
    if (mine.length === 0) continue;
    for (const shape of Object.keys(SHAPES)) {
      let cpuUs = 0;
      let loopUs = 0;
      let calls = 0;
      let wallMs = 0;
      let got = 0;
      let want = 0;
      let flushFailed = 0;
      for (const x of mine) {
        const m = x.r.shapes[shape];
        cpuUs += m.totalCpuUs - m.bareCpuUs;
        loopUs += m.loopCpuUs - m.bareCpuUs;
        wallMs += m.loopWallMs + m.flushMs - m.bareWallMs;
        calls += m.calls;
        if (!m.flushOk) flushFailed++;
        // The sink saw warm-up spans too; count only the measured calls' share.
        const d = delivered(x.r.received, SHAPES[shape].spans, m.calls + s.warmup);
        got += d.got * (m.calls / (m.calls + s.warmup));
        want += d.want * (m.calls / (m.calls + s.warmup));
      }
      const spansPerCall = Object.values(SHAPES[shape].spans).reduce((a, b) => a + b, 0);
      out[impl][shape] = {
        cpuUsPerCall: cpuUs / calls,
        loopCpuUsPerCall: loopUs / calls,
        wallUsPerCall: (wallMs * 1000) / calls,
        delivered: { share: got / want },
        cpuUsPerDeliveredSpan: got > 0 ? cpuUs / got : Number.NaN,
        spansPerCall,
        flushFailed,
      };
    }
    out[impl].profiles = mine.map((x) => x.r.profile).filter(Boolean);
  }
  return out;
}

async function burstScenario(s, sink, ours) {
  const out = Object.fromEntries(s.impls.map((i) => [i, []]));
  for (let i = 0; i < s.burstRounds; i++) {
    for (const impl of order(s.impls, i)) {
      process.stdout.write(`  burst round ${i + 1}/${s.burstRounds} ${impl} ... `);
      const r = await measured(sink, { impl, scenario: "burst", url: sink.url, calls: s.burst, ours }, s);
      if (r.error) {
        out[impl].push({ error: r.error });
        continue;
      }
      const got = r.received?.noop ?? 0;
      console.log(`${got} of ${s.burst} spans delivered`);
      out[impl].push({
        calls: s.burst,
        delivered: got,
        share: got / s.burst,
        loopMs: r.loopMs,
        flushMs: r.flush.ms,
        flushOk: r.flush.ok,
        shutdownMs: r.shutdown.ms,
        shutdownOk: r.shutdown.ok,
        cpuUs: r.cpuUs,
        stats: r.stats,
        requests: r.requests,
      });
    }
  }
  return out;
}

async function downScenario(s, ours) {
  const out = {};
  for (const impl of s.impls) {
    const url = `http://127.0.0.1:${await deadPort()}`;
    process.stdout.write(`  sink down ${impl} ... `);
    const extra = impl === "ours" ? { ...ours, maxBufferBytes: s.bufferBytes } : undefined;
    const r = await measured(
      null,
      {
        impl,
        scenario: "down",
        url,
        calls: s.downCalls,
        shutdownMs: s.downShutdownMs,
        ours: extra,
      },
      s,
    );
    if (r.error) {
      out[impl] = { error: r.error };
      continue;
    }
    out[impl] = {
      calls: r.calls,
      loopMs: r.loopMs,
      rssBefore: r.before.rss,
      rssAfter: r.after.rss,
      rssGrowth: r.after.rss - r.before.rss,
      rssPeakGrowth: r.peakRss - r.before.rss,
      youngGrowth: r.after.young - r.before.young,
      heapGrowth: r.after.heapUsed - r.before.heapUsed,
      heapPeakGrowth: r.peakHeap - r.before.heapUsed,
      externalGrowth: r.after.external - r.before.external,
      before: r.before,
      after: r.after,
      bufferBytes: impl === "ours" ? s.bufferBytes : null,
      stats: r.stats,
      statsAfterShutdown: r.statsAfterShutdown,
      shutdown: r.shutdown,
      stderrLines: r.log.lines,
      stderrTail: r.log.tail.slice(-3),
    };
    console.log(`RSS +${mib(out[impl].rssGrowth)}, peak +${mib(out[impl].rssPeakGrowth)}`);
  }
  return out;
}

async function taxScenario(s, sink, ours) {
  const impls = ["none", ...s.impls];
  const runs = [];
  for (let i = 0; i < s.taxRounds; i++) {
    // Rotate the order each round: none, raw, ours / raw, ours, none / ...
    const k = i % impls.length;
    for (const impl of [...impls.slice(k), ...impls.slice(0, k)]) {
      process.stdout.write(`  tax round ${i + 1}/${s.taxRounds} ${impl} ... `);
      const r = await measured(
        sink,
        {
          impl,
          scenario: "tax",
          url: sink.url,
          iterations: s.taxIterations,
          reps: s.taxReps,
          warmup: Math.max(50_000, 2 * s.taxIterations),
          ours,
        },
        s,
      );
      runs.push({ round: i, impl, r });
      if (!r.error) console.log(`${Math.min(...r.afterTraced).toFixed(0)} ns/iteration`);
    }
  }
  // The machine's speed drifts over seconds (shared VM), more than the tax on a quiet
  // second: each round's three processes run back to back, so each impl is divided
  // by the no-tracer run of its own round, and the median over rounds is reported.
  const ok = (impl, i) => runs.find((x) => x.impl === impl && x.round === i && !x.r.error)?.r;
  const out = {};
  for (const impl of impls) {
    const mine = runs.filter((x) => x.impl === impl && !x.r.error);
    if (mine.length === 0) {
      out[impl] = { error: runs.find((x) => x.impl === impl)?.r.error ?? "no run" };
      continue;
    }
    const initRatios = [];
    const tracedRatios = [];
    for (let i = 0; i < s.taxRounds; i++) {
      const a = ok(impl, i);
      const b = ok("none", i);
      if (!a || !b) continue;
      initRatios.push(Math.min(...a.afterInit) / Math.min(...b.afterInit));
      tracedRatios.push(Math.min(...a.afterTraced) / Math.min(...b.afterTraced));
    }
    out[impl] = {
      rounds: mine.length,
      afterInitNs: median(mine.map((x) => Math.min(...x.r.afterInit))),
      afterTracedNs: median(mine.map((x) => Math.min(...x.r.afterTraced))),
      afterInitRatio: median(initRatios),
      afterTracedRatio: median(tracedRatios),
      afterInitRatios: initRatios,
      afterTracedRatios: tracedRatios,
      perRound: mine.map((x) => ({ round: x.round, afterInit: x.r.afterInit, afterTraced: x.r.afterTraced })),
    };
  }
  return out;
}

// ---------------------------------------------------------------- report

const mib = (b) => (Number.isFinite(b) ? `${(b / MiB).toFixed(1)} MiB` : "-");
const f = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "-");
const us = (ns) => (Number.isFinite(ns) ? (ns / 1000).toFixed(2) : "-");
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(x < 0.995 || x > 1 ? 1 : 0)}%` : "-");
const ratioOf = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN);

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r, ri) =>
      r
        .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
        .join("  ")
        .concat(ri === 0 ? `\n${widths.map((w) => "-".repeat(w)).join("  ")}` : ""),
    )
    .join("\n");
}

function report(s, res) {
  const out = [];
  const targets = [];

  if (res.latency) {
    const L = res.latency;
    out.push(
      "",
      `1. Per-call latency (µs). Each call timed alone (process.hrtime.bigint), ${s.rounds} rounds x ${s.calls.toLocaleString("en-US")} calls ` +
        `per shape, after ${s.warmup.toLocaleString("en-US")} warm-up calls; yield to the event loop every 100 calls.`,
      "   overhead = traced - bare (the same function untraced, timed in alternating blocks in the same process).",
    );
    const rows = [
      ["shape", "impl", "bare p50", "traced p50", "p99", "mean", "overhead p50", "p99", "mean", "delivered"],
    ];
    for (const shape of Object.keys(SHAPES)) {
      for (const impl of s.impls) {
        const m = L[impl]?.[shape];
        if (!m) {
          rows.push([
            SHAPES[shape].label,
            impl,
            "-",
            "-",
            "-",
            "-",
            "-",
            "-",
            "-",
            L[impl]?.errors?.length ? "FAILED" : "-",
          ]);
          continue;
        }
        rows.push([
          SHAPES[shape].label,
          impl,
          us(m.bareNs.p50),
          us(m.tracedNs.p50),
          us(m.tracedNs.p99),
          us(m.tracedNs.mean),
          us(m.overheadNs.p50),
          us(m.overheadNs.p99),
          us(m.overheadNs.mean),
          pct(m.delivered.share),
        ]);
      }
      if (L.raw?.[shape] && L.ours?.[shape]) {
        const o = L.ours[shape].overheadNs;
        const r = L.raw[shape].overheadNs;
        rows.push([
          "",
          "ours/raw",
          "",
          "",
          "",
          "",
          f(ratioOf(o.p50, r.p50)),
          f(ratioOf(o.p99, r.p99)),
          f(ratioOf(o.mean, r.mean)),
          "",
        ]);
      }
    }
    out.push(table(rows));
    if (L.raw?.sync && L.ours?.sync) {
      const worst = Math.max(
        ...Object.keys(SHAPES).map((k) => ratioOf(L.ours[k]?.overheadNs.p50, L.raw[k]?.overheadNs.p50)),
      );
      const perShape = Object.keys(SHAPES)
        .map((k) => `${k} ${f(ratioOf(L.ours[k]?.overheadNs.p50, L.raw[k]?.overheadNs.p50))}`)
        .join(", ");
      targets.push({
        name: "overhead",
        met: worst <= TARGET_OVERHEAD_RATIO,
        text: `overhead ours/raw, p50 per call: ${perShape}; worst ${f(worst)} (target ≤ ${TARGET_OVERHEAD_RATIO})`,
      });
      const perShape99 = Object.keys(SHAPES)
        .map((k) => `${k} ${f(ratioOf(L.ours[k]?.overheadNs.p99, L.raw[k]?.overheadNs.p99))}`)
        .join(", ");
      targets.push({
        name: "overhead p99",
        met: null,
        text: `overhead ours/raw, p99 per call: ${perShape99}`,
      });
    }
  }

  if (res.cpu) {
    const C = res.cpu;
    out.push(
      "",
      `2. CPU per call including export (µs of process CPU, user + system, all threads; ${s.cpuRounds} rounds x ${s.cpuCalls.toLocaleString("en-US")} calls per shape,`,
      "   yielding every 100 calls, plus the flush; the bare loop's CPU subtracted). Spans the exporter dropped cost nothing,",
      "   so compare per delivered span too.",
    );
    const rows = [["shape", "impl", "CPU/call", "in calls", "wall/call", "delivered", "CPU/delivered span"]];
    for (const shape of Object.keys(SHAPES)) {
      for (const impl of s.impls) {
        const m = C[impl]?.[shape];
        if (!m) {
          rows.push([
            SHAPES[shape].label,
            impl,
            "-",
            "-",
            "-",
            C[impl]?.errors?.length ? "FAILED" : "-",
            "-",
          ]);
          continue;
        }
        rows.push([
          SHAPES[shape].label,
          impl,
          f(m.cpuUsPerCall),
          f(m.loopCpuUsPerCall),
          f(m.wallUsPerCall),
          pct(m.delivered.share),
          f(m.cpuUsPerDeliveredSpan),
        ]);
      }
      if (C.raw?.[shape] && C.ours?.[shape]) {
        rows.push([
          "",
          "ours/raw",
          f(ratioOf(C.ours[shape].cpuUsPerCall, C.raw[shape].cpuUsPerCall)),
          f(ratioOf(C.ours[shape].loopCpuUsPerCall, C.raw[shape].loopCpuUsPerCall)),
          f(ratioOf(C.ours[shape].wallUsPerCall, C.raw[shape].wallUsPerCall)),
          "",
          f(ratioOf(C.ours[shape].cpuUsPerDeliveredSpan, C.raw[shape].cpuUsPerDeliveredSpan)),
        ]);
      }
    }
    out.push(table(rows));
    if (C.raw?.sync && C.ours?.sync) {
      const per = Object.keys(SHAPES)
        .map((k) => `${k} ${f(ratioOf(C.ours[k]?.cpuUsPerCall, C.raw[k]?.cpuUsPerCall))}`)
        .join(", ");
      const perSpan = Object.keys(SHAPES)
        .map((k) => `${k} ${f(ratioOf(C.ours[k]?.cpuUsPerDeliveredSpan, C.raw[k]?.cpuUsPerDeliveredSpan))}`)
        .join(", ");
      targets.push({
        name: "cpu",
        met: null,
        text: `CPU per call ours/raw: ${per}; per delivered span: ${perSpan}`,
      });
    }
  }

  if (res.burst) {
    const B = res.burst;
    out.push(
      "",
      `3. Burst: ${s.burst.toLocaleString("en-US")} sync no-op calls in a tight loop with the sink up, then flush ` +
        "(raw: provider.forceFlush(), default BatchSpanProcessor settings) and shutdown.",
    );
    const rows = [
      [
        "impl",
        "round",
        "delivered",
        "share",
        "loop ms",
        "flush ms",
        "shutdown ms",
        "requests",
        "tracer stats",
      ],
    ];
    for (const impl of s.impls) {
      (B[impl] ?? []).forEach((r, i) => {
        if (r.error) {
          rows.push([impl, i + 1, "FAILED", "-", "-", "-", "-", "-", "-"]);
          return;
        }
        rows.push([
          impl,
          i + 1,
          r.delivered.toLocaleString("en-US"),
          pct(r.share),
          f(r.loopMs, 0),
          `${f(r.flushMs, 0)}${r.flushOk ? "" : " (failed)"}`,
          `${f(r.shutdownMs, 0)}${r.shutdownOk ? "" : " (failed)"}`,
          Object.values(r.requests ?? {}).reduce((a, b) => a + b, 0),
          r.stats ? shortStats(r.stats) : "-",
        ]);
      });
    }
    out.push(table(rows));
    const share = (impl) => {
      const ok = (B[impl] ?? []).filter((r) => !r.error);
      return ok.length ? Math.min(...ok.map((r) => r.share)) : Number.NaN;
    };
    if (B.ours || B.raw) {
      targets.push({
        name: "burst",
        met: s.impls.includes("ours") ? share("ours") >= 1 : null,
        text: `burst delivered (worst round): ours ${pct(share("ours"))} / raw ${pct(share("raw"))} (target: ours 100%)`,
      });
    }
  }

  if (res.down) {
    const D = res.down;
    out.push(
      "",
      `4. Sink down: ${s.downCalls.toLocaleString("en-US")} sync no-op calls with nothing listening, a yield every 1,000 calls; ` +
        `Ours with maxBufferBytes ${mib(s.bufferBytes)}.`,
    );
    const rows = [
      [
        "impl",
        "RSS before",
        "RSS growth",
        "peak",
        "young gen",
        "heap used",
        "heap peak",
        "external",
        "loop ms",
        "shutdown",
        "tracer stats",
      ],
    ];
    for (const impl of s.impls) {
      const r = D[impl];
      if (!r || r.error) {
        rows.push([impl, "FAILED", "-", "-", "-", "-", "-", "-", "-", "-", "-"]);
        continue;
      }
      rows.push([
        impl,
        mib(r.rssBefore),
        mib(r.rssGrowth),
        mib(r.rssPeakGrowth),
        mib(r.youngGrowth),
        mib(r.heapGrowth),
        mib(r.heapPeakGrowth),
        mib(r.externalGrowth),
        f(r.loopMs, 0),
        `${f(r.shutdown.ms / 1000, 1)} s${r.shutdown.timedOut ? " (timed out)" : r.shutdown.ok ? "" : " (failed)"}`,
        r.stats ? shortStats(r.stats) : "-",
      ]);
    }
    out.push(table(rows));
    out.push(
      "   Growth columns: after the calls minus before, both after a full GC; 'peak' is the highest RSS sampled;",
      "   'young gen' is V8's new-space reservation (grown to its limit beforehand, so it should stay near 0);",
      "   'heap used' and 'external' (Buffers) are what is still referenced.",
    );
    if (D.ours && !D.ours.error) {
      // RSS keeps pages the GC freed (V8 old space, the allocator), so growth has a floor that has
      // nothing to do with the buffer. Raw OpenTelemetry keeps at most 2,048 spans (well under 1 MiB):
      // its growth in the same run is that floor. Without a raw run, 16 MiB stands in for it.
      // That floor moves by 10 MiB from run to run, so what the tracer still holds after a full GC
      // (heap used + external) is checked against the buffer too, with 2 MiB of slack.
      const floor = D.raw && !D.raw.error ? Math.max(0, D.raw.rssGrowth) : 16 * MiB;
      const limit = s.bufferBytes + floor + 4 * MiB;
      const held = D.ours.heapGrowth + D.ours.externalGrowth;
      const heldLimit = s.bufferBytes + 2 * MiB;
      targets.push({
        name: "rss",
        met: D.ours.rssGrowth <= limit && held <= heldLimit,
        text:
          `RSS growth with sink down: ours ${mib(D.ours.rssGrowth)} (peak ${mib(D.ours.rssPeakGrowth)}; buffer ${mib(s.bufferBytes)})` +
          (D.raw && !D.raw.error
            ? `, raw ${mib(D.raw.rssGrowth)} (peak ${mib(D.raw.rssPeakGrowth)}); bound buffer + raw's growth + 4 MiB = ${mib(limit)}`
            : `; bound buffer + 20 MiB = ${mib(limit)}`) +
          `. Held after GC (heap + external): ours ${mib(held)}, bound buffer + 2 MiB = ${mib(heldLimit)}`,
      });
    }
  }

  if (res.tax) {
    const T = res.tax;
    out.push(
      "",
      `5. Untraced async tax: ${s.taxIterations.toLocaleString("en-US")} iterations of an async loop (2 awaited async calls, each awaiting once) ` +
        `that never touches the tracer; ${s.taxReps} repetitions per process, ${s.taxRounds} rounds.`,
      "   'after init': tracer initialised, nothing traced yet; 'after a traced call': one traced sync + async call made first.",
      "   A process's figure is its fastest repetition (the machine's interference only adds time); ns/iter is the median",
      "   over rounds; x no tracer is the median over rounds of (this / no tracer in the same round), with the range.",
    );
    const range = (xs) => (xs?.length ? `${f(Math.min(...xs))}-${f(Math.max(...xs))}` : "-");
    const rows = [
      [
        "impl",
        "after init ns/iter",
        "x no tracer",
        "range",
        "after a traced call ns/iter",
        "x no tracer",
        "range",
      ],
    ];
    for (const impl of ["none", ...s.impls]) {
      const r = T[impl];
      if (!r || r.error) {
        rows.push([impl, "FAILED", "-", "-", "-", "-", "-"]);
        continue;
      }
      rows.push([
        impl,
        f(r.afterInitNs, 0),
        f(r.afterInitRatio),
        range(r.afterInitRatios),
        f(r.afterTracedNs, 0),
        f(r.afterTracedRatio),
        range(r.afterTracedRatios),
      ]);
    }
    out.push(table(rows));
    if (T.ours?.afterTracedRatio && T.raw?.afterTracedRatio) {
      const o = T.ours.afterTracedRatio;
      const r = T.raw.afterTracedRatio;
      targets.push({
        name: "tax",
        met: o <= r * 1.05,
        text:
          `untraced async tax (after a traced call): ours ${f(o)}x vs raw ${f(r)}x of no tracer ` +
          `(after init only: ours ${f(T.ours.afterInitRatio)}x, raw ${f(T.raw.afterInitRatio)}x); ` +
          `target ours ≤ raw${o <= r ? "" : o <= r * 1.05 ? " (within the 5% noise margin)" : ""}`,
      });
    }
  }

  out.push("", "Summary");
  for (const t of targets) {
    out.push(`  ${t.text}${t.met === null ? "" : t.met ? "  MET" : "  NOT MET"}`);
  }
  const m0 = res.machine.start;
  const m1 = res.machine.end;
  out.push(
    `Machine: ${cpus().length} cores, node ${process.version}; CPU pressure (PSI some avg10) ${m0.cpuPressureAvg10 ?? "-"}% at start, ` +
      `${m1.cpuPressureAvg10 ?? "-"}% at end; 1-min load ${f(m0.load1, 1)} -> ${f(m1.load1, 1)}. ` +
      "Load above the core count or pressure above ~10% means other work shared the CPUs: compare ratios, not absolutes.",
  );
  return { text: out.join("\n"), targets };
}

function shortStats(st) {
  const parts = [];
  for (const k of ["exported", "dropped", "retried", "bufferedSpans", "breaker"]) {
    if (st[k] !== undefined) parts.push(`${k} ${st[k]}`);
  }
  if (st.droppedByReason && Object.keys(st.droppedByReason).length > 0) {
    parts.push(
      `(${Object.entries(st.droppedByReason)
        .filter(([, n]) => n)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ")})`,
    );
  }
  return parts.join(", ") || JSON.stringify(st).slice(0, 80);
}

// ---------------------------------------------------------------- main

async function main() {
  const s = settings();
  const started = new Date();
  if (s.impls.includes("ours") && !existsSync(SDK_DIST)) {
    console.log(`note: ${SDK_DIST} does not exist (run npm run build); measuring raw OpenTelemetry only.`);
    s.impls = s.impls.filter((i) => i !== "ours");
  }
  if (s.impls.length === 0) throw new Error("nothing to measure");
  console.log(
    `bench:sdk${s.quick ? " --quick" : ""}  ${s.impls.join(" vs ")}  scenarios ${s.scenarios.join(",")}  ` +
      `latency ${s.rounds} x ${s.calls}  cpu ${s.cpuRounds} x ${s.cpuCalls}  burst ${s.burst}  down ${s.downCalls}  ` +
      `tax ${s.taxRounds} x ${s.taxReps} x ${s.taxIterations}` +
      (Object.keys(s.oursOptions).length > 0 ? `  ours options ${JSON.stringify(s.oursOptions)}` : ""),
  );
  const sink = await startSink();
  const res = { machine: { start: machine() } };
  const ours = s.oursOptions;
  try {
    for (const scenario of s.scenarios) {
      console.log(`${scenario}:`);
      if (scenario === "latency") res.latency = await latencyScenario(s, sink, ours);
      if (scenario === "cpu") res.cpu = await cpuScenario(s, sink, ours);
      if (scenario === "burst") res.burst = await burstScenario(s, sink, ours);
      if (scenario === "down") res.down = await downScenario(s, ours);
      if (scenario === "tax") res.tax = await taxScenario(s, sink, ours);
    }
    res.sink = await sink.stats();
  } finally {
    sink.stop();
  }
  res.machine.end = machine();

  const { text, targets } = report(s, res);
  console.log(text);
  for (const impl of s.impls) {
    const file = res.cpu?.[impl]?.profiles?.[0];
    if (file) console.log(`\nCPU profile, cpu scenario, ${impl} (${file}):\n${summarize(file, 15)}`);
  }

  const errors = collectErrors(res);
  const result = {
    startedAt: started.toISOString(),
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    settings: s,
    targets,
    errors,
    ...res,
  };
  const file = s.out || join(RESULTS, `sdk-${stamp}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nJSON: ${file}`);
  if (errors.length > 0) {
    console.error(`\nFAILED:\n  ${errors.join("\n  ")}`);
    process.exitCode = 1;
  } else if (s.strict && targets.some((t) => t.met === false)) {
    process.exitCode = 1;
  }
}

function collectErrors(res) {
  const errors = [];
  for (const [scenario, byImpl] of Object.entries(res)) {
    if (!byImpl || typeof byImpl !== "object" || scenario === "machine" || scenario === "sink") continue;
    for (const [impl, v] of Object.entries(byImpl)) {
      const list = Array.isArray(v) ? v : [v];
      for (const x of list) {
        if (x?.error) errors.push(`${scenario} ${impl}: ${x.error.split("\n")[0]}`);
        for (const e of x?.errors ?? []) errors.push(`${scenario} ${impl}: ${e.split("\n")[0]}`);
      }
    }
  }
  return errors;
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  for (const fn of pending) fn();
  process.exitCode = 1;
});

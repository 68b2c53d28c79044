#!/usr/bin/env node
/**
 * npm run bench:ingest [-- --seconds 15 --flood 60 --backends sqlite,postgres ...]
 *
 * 1. Baseline (ceiling.js, own process): the same batches decoded, converted and
 *    written straight into SQLite, stage by stage: the storage ceiling
 *    (storage.writeBatch) and the raw ceiling (bare prepared INSERTs).
 * 2. Per backend: the server (CLI `serve`, own process) and a sender
 *    (sender.js, own process) posting OTLP protobuf batches over loopback for a
 *    fixed time after a warm-up. Reports spans/s, latency percentiles, 503s,
 *    peak server RSS and CPU, then checks that the stored span rows equal the
 *    spans the server acknowledged.
 * 3. Flood: many more connections than the server can absorb; server RSS is
 *    sampled every 500 ms and must stay bounded (the ingest queue answers 503).
 *
 * Nothing but 127.0.0.1 is contacted. Output: a table on stdout and a JSON file
 * in bench/results/.
 */

import { fork, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { summarize } from "./profile.js";
import { buildPool, writePool } from "./spans.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const CLI = join(ROOT, "packages/cli/dist/bin.js");
const RESULTS = join(ROOT, "bench/results");
const TARGET_SPANS_PER_SECOND = 25_000;
const TARGET_RATIO = 0.5;
const stamp = new Date().toISOString().replace(/[:.]/g, "-");

/** Cleanups still owed (servers to stop, schemas to drop, folders to remove), run on Ctrl-C too. */
const pending = new Set();
async function cleanup(fn) {
  pending.delete(fn);
  await fn();
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void Promise.allSettled([...pending].map((fn) => cleanup(fn))).then(() => process.exit(130));
  });
}

const OPTIONS = {
  seconds: { type: "string", env: "HH_BENCH_SECONDS", default: "15", doc: "measured seconds per backend" },
  warmup: { type: "string", env: "HH_BENCH_WARMUP", default: "3", doc: "warm-up seconds before measuring" },
  flood: { type: "string", env: "HH_BENCH_FLOOD", default: "20", doc: "flood seconds (0 skips the flood)" },
  backends: { type: "string", env: "HH_BENCH_BACKENDS", default: "sqlite,postgres", doc: "sqlite,postgres" },
  "flood-backend": {
    type: "string",
    env: "HH_BENCH_FLOOD_BACKEND",
    default: "sqlite",
    doc: "backend flooded",
  },
  concurrency: { type: "string", env: "HH_BENCH_CONCURRENCY", default: "6", doc: "requests in flight" },
  "flood-concurrency": {
    type: "string",
    env: "HH_BENCH_FLOOD_CONCURRENCY",
    default: "128",
    doc: "flood requests in flight",
  },
  "ceiling-seconds": {
    type: "string",
    env: "HH_BENCH_CEILING_SECONDS",
    default: "8",
    doc: "baseline seconds (0 skips)",
  },
  prefill: {
    type: "string",
    env: "HH_BENCH_PREFILL",
    default: "0",
    doc: "SQLite: events stored before the measured run (a store in use, not a fresh file)",
  },
  batch: { type: "string", env: "HH_BENCH_BATCH", default: "512", doc: "spans per request" },
  pool: { type: "string", env: "HH_BENCH_POOL", default: "20", doc: "distinct batch templates" },
  "retry-ms": {
    type: "string",
    env: "HH_BENCH_RETRY_MS",
    default: "100",
    doc: "wait after a 503 (capped Retry-After)",
  },
  "pg-url": {
    type: "string",
    env: "HH_BENCH_PG_URL",
    default: "postgres://postgres@127.0.0.1:5432/test",
    doc: "PostgreSQL (a fresh schema is created and dropped)",
  },
  "data-dir": {
    type: "string",
    env: "HH_BENCH_DATA_DIR",
    default: tmpdir(),
    doc: "where the SQLite files go",
  },
  "server-node-options": {
    type: "string",
    env: "HH_BENCH_SERVER_NODE_OPTIONS",
    default: "",
    doc: "extra node flags for the server, e.g. --server-node-options=--max-semi-space-size=64",
  },
  "cpu-prof": {
    type: "boolean",
    env: "HH_BENCH_CPU_PROF",
    default: false,
    doc: "profile each server run (node --cpu-prof into bench/results/profiles) and summarize",
  },
  out: {
    type: "string",
    env: "HH_BENCH_OUT",
    default: "",
    doc: "JSON result file (default bench/results/...)",
  },
  help: { type: "boolean", default: false, doc: "this text" },
};

function settings() {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.entries(OPTIONS).map(([k, o]) => [k, { type: o.type }])),
    allowPositionals: false,
  });
  if (values.help) {
    console.log(
      "node bench/ingest/run.js [options]   (flags override HH_BENCH_* env, which override defaults)\n",
    );
    for (const [k, o] of Object.entries(OPTIONS)) {
      console.log(
        `  --${k.padEnd(20)} ${o.env ? `${o.env.padEnd(28)}` : "".padEnd(28)} ${o.doc} [${o.default}]`,
      );
    }
    process.exit(0);
  }
  const get = (k) =>
    values[k] ?? (OPTIONS[k].env ? process.env[OPTIONS[k].env] : undefined) ?? OPTIONS[k].default;
  const cpuProf = get("cpu-prof") === true || get("cpu-prof") === "1" || get("cpu-prof") === "true";
  const num = (k) => {
    const n = Number(get(k));
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k} ${get(k)} is not a number >= 0`);
    return n;
  };
  const backends = get("backends")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const b of [...backends, get("flood-backend")]) {
    if (b !== "sqlite" && b !== "postgres") throw new Error(`unknown backend '${b}' (sqlite, postgres)`);
  }
  const pgUrl = get("pg-url");
  if (backends.includes("postgres") || (num("flood") > 0 && get("flood-backend") === "postgres")) {
    const host = new URL(pgUrl).hostname;
    if (host !== "127.0.0.1" && host !== "localhost")
      throw new Error(`--pg-url must point at 127.0.0.1 (got ${host})`);
  }
  return {
    seconds: num("seconds"),
    warmup: num("warmup"),
    flood: num("flood"),
    backends,
    floodBackend: get("flood-backend"),
    concurrency: Math.max(1, Math.round(num("concurrency"))),
    floodConcurrency: Math.max(1, Math.round(num("flood-concurrency"))),
    ceilingSeconds: num("ceiling-seconds"),
    prefill: Math.round(num("prefill")),
    batch: Math.round(num("batch")),
    pool: Math.max(1, Math.round(num("pool"))),
    retryMs: num("retry-ms"),
    pgUrl,
    dataDir: resolve(get("data-dir")),
    serverNodeOptions: get("server-node-options").split(" ").filter(Boolean),
    cpuProf,
    out: get("out"),
  };
}

// ---------------------------------------------------------------- processes

/** Forks a bench script with its settings; resolves its messages through `on`. */
function forkScript(script, cfg) {
  const child = fork(join(HERE, script), [JSON.stringify(cfg)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiters = [];
  const queue = [];
  let exited;
  child.on("message", (m) => {
    const w = waiters.shift();
    if (w) w.resolve(m);
    else queue.push(m);
  });
  child.on("exit", (code, signal) => {
    exited = new Error(`${script} exited (${signal ?? code}) without answering`);
    for (const w of waiters.splice(0)) w.reject(exited);
  });
  const next = () =>
    new Promise((res, rej) => {
      if (queue.length > 0) res(queue.shift());
      else if (exited) rej(exited);
      else waiters.push({ resolve: res, reject: rej });
    });
  return {
    child,
    async expect(type) {
      const m = await next();
      if (m?.type === "error") throw new Error(`${script}: ${m.message}`);
      if (m?.type !== type)
        throw new Error(`${script}: expected ${type}, got ${JSON.stringify(m).slice(0, 200)}`);
      return m;
    },
    send: (m) => child.send(m),
  };
}

function procStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) * 1024;
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** utime + stime of a process, in seconds. */
function procCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of every process named "postgres" (the database's backends; other clients' too). */
function postgresCpuSeconds() {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Samples VmRSS every `everyMs` until stopped; keeps the series. */
function rssSampler(pid, everyMs) {
  const t0 = Date.now();
  const samples = [];
  const take = () => {
    const s = procStatus(pid);
    if (s) samples.push({ t: (Date.now() - t0) / 1000, rss: s.rss });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
      const hwm = procStatus(pid)?.hwm ?? 0;
      const peak = Math.max(hwm, ...samples.map((s) => s.rss));
      return { peak, last: samples.at(-1)?.rss ?? 0, hwm, samples };
    },
  };
}

/**
 * Share of the last 10 s some task waited for a CPU (Linux PSI), in %: how much
 * other work on the machine competed with the benchmark. null where unsupported.
 */
function cpuPressure() {
  try {
    return Number(
      /^some avg10=([\d.]+)/m.exec(readFileSync("/proc/pressure/cpu", "utf8"))?.[1] ?? Number.NaN,
    );
  } catch {
    return null;
  }
}

function serverEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("HH_")) env[k] = v;
  return { ...env, ...extra };
}

/** Starts `honeyhive serve --port 0` as its own process and waits for its banner. */
async function startServerProcess({ dataDir, databaseUrl, apiKey, nodeOptions }) {
  const env = serverEnv({
    HH_DATA_DIR: dataDir,
    HH_BOOTSTRAP_API_KEY: apiKey,
    HH_LOG_LEVEL: "info",
    ...(databaseUrl ? { HH_DATABASE_URL: databaseUrl } : {}),
  });
  const child = spawn(
    process.execPath,
    [...nodeOptions, CLI, "serve", "--port", "0", "--host", "127.0.0.1"],
    {
      env,
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const tail = [];
  const logCounts = { lines: 0, errors: 0 };
  let buffered = "";
  const onLine = (line) => {
    logCounts.lines++;
    if (/"level":50/.test(line)) logCounts.errors++;
    tail.push(line.length > 400 ? `${line.slice(0, 400)}...` : line);
    if (tail.length > 30) tail.shift();
  };
  const url = await new Promise((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error(`server did not start within 60 s:\n${tail.join("\n")}`)),
      60_000,
    );
    const feed = (chunk) => {
      buffered += chunk.toString("utf8");
      let nl = buffered.indexOf("\n");
      while (nl !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        onLine(line);
        const m = /HoneyHive TS server (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          res(m[1]);
        }
        nl = buffered.indexOf("\n");
      }
    };
    child.stdout.on("data", feed);
    child.stderr.on("data", feed);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      rej(new Error(`server exited (${signal ?? code}) before listening:\n${tail.join("\n")}`));
    });
  });
  const exited = new Promise((res) => child.once("exit", (code, signal) => res({ code, signal })));
  return {
    child,
    pid: child.pid,
    url,
    tail,
    logCounts,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      const r = await exited;
      clearTimeout(timer);
      return r;
    },
  };
}

async function queueStats(url) {
  try {
    const res = await fetch(`${url}/readyz`);
    return (await res.json()).queue ?? null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- storage helpers

const pgSchemaUrl = (base, schema) => {
  const u = new URL(base);
  u.searchParams.set("schema", schema);
  // Also put the schema first on the search_path, so the tables land in it even
  // if a server build ignored ?schema (never in the shared default schema).
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
};

async function withPg(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function countStored(backend, where) {
  const sql =
    "SELECT COUNT(*) FILTER (WHERE event_type <> 'session') AS spans, COUNT(*) FILTER (WHERE event_type = 'session') AS sessions FROM";
  if (backend === "sqlite") {
    const db = new Database(where.dbPath, { readonly: true });
    try {
      const row = db.prepare(`${sql} events`).get();
      return { spans: Number(row.spans), sessions: Number(row.sessions) };
    } finally {
      db.close();
    }
  }
  return withPg(where.pgUrl, async (c) => {
    const { rows } = await c.query(`${sql} "${where.schema}".events`);
    return { spans: Number(rows[0].spans), sessions: Number(rows[0].sessions) };
  });
}

// ---------------------------------------------------------------- one run

async function runIngest(s, backend, mode) {
  const flood = mode === "flood";
  const dir = await mkdtemp(join(s.dataDir, `hh-bench-${backend}-`));
  const schema = `bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  const apiKey = `hh_bench_${randomBytes(24).toString("base64url")}`;
  let server;
  let sender;
  const release = async () => {
    if (sender && sender.child.exitCode === null && sender.child.signalCode === null)
      sender.child.kill("SIGKILL");
    if (server && server.child.exitCode === null && server.child.signalCode === null) await server.stop();
    rmSync(dir, { recursive: true, force: true });
    if (backend === "postgres") {
      await withPg(s.pgUrl, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).catch((err) =>
        console.error(`could not drop schema ${schema}: ${err.message}`),
      );
    }
  };
  pending.add(release);
  try {
    if (backend === "postgres") await withPg(s.pgUrl, (c) => c.query(`CREATE SCHEMA "${schema}"`));
    const databaseUrl = backend === "postgres" ? pgSchemaUrl(s.pgUrl, schema) : undefined;

    // Build the sender's batches before the server starts, so the server idles meanwhile.
    const seconds = flood ? s.flood : s.seconds;
    const warmup = flood ? 0 : s.warmup;
    sender = forkScript("sender.js", {
      concurrency: flood ? s.floodConcurrency : s.concurrency,
      warmupSeconds: warmup,
      seconds,
      retryMs: s.retryMs,
      poolFile: s.poolFile,
    });
    const ready = await sender.expect("ready");

    const dbPath = join(dir, "honeyhive.db");
    let prefilled = { spans: 0, sessions: 0, ms: 0 };
    if (backend === "sqlite" && !flood && s.prefill > 0) {
      process.stdout.write(`prefilling ${int(s.prefill)} events ... `);
      prefilled = await forkScript("prefill.js", { dbPath, spans: s.prefill, poolFile: s.poolFile }).expect(
        "result",
      );
      process.stdout.write(`${(prefilled.ms / 1000).toFixed(0)} s, `);
    }

    const profileDir = s.cpuProf ? join(RESULTS, "profiles", `${stamp}-${mode}-${backend}`) : undefined;
    const nodeOptions = [
      ...s.serverNodeOptions,
      ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ];
    server = await startServerProcess({ dataDir: dir, databaseUrl, apiKey, nodeOptions });
    const rssIdle = procStatus(server.pid)?.rss ?? 0;
    const sampler = rssSampler(server.pid, flood ? 500 : 250);
    const load0 = loadavg()[0];
    let cpuWindow = null;
    const cpuNow = () => ({
      server: procCpuSeconds(server.pid),
      postgres: backend === "postgres" ? postgresCpuSeconds() : null,
    });
    const cpuAtWarm = new Promise((res) => setTimeout(() => res(cpuNow()), warmup * 1000));
    const cpuAtEnd = new Promise((res) => setTimeout(() => res(cpuNow()), (warmup + seconds) * 1000));
    sender.send({ type: "start", url: server.url, apiKey });
    const result = await sender.expect("result");
    const [c0, c1] = await Promise.all([cpuAtWarm, cpuAtEnd]);
    if (c0.server !== null && c1.server !== null) cpuWindow = (c1.server - c0.server) / seconds;
    const postgresCpuCores = c0.postgres !== null ? (c1.postgres - c0.postgres) / seconds : null;
    const stats = await queueStats(server.url);
    const rss = sampler.stop();
    const load1 = loadavg()[0];
    const pressure = cpuPressure();
    const exit = await server.stop();
    const where = backend === "sqlite" ? { dbPath } : { pgUrl: s.pgUrl, schema };
    const counted = await countStored(backend, where);
    const stored = {
      spans: counted.spans - prefilled.spans,
      sessions: counted.sessions - prefilled.sessions,
    };
    let profile;
    if (profileDir) {
      const file = readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
      profile = file ? join(profileDir, file) : undefined;
    }
    const acked = result.totals;
    const verified = stored.spans === acked.spans && stored.sessions === acked.sessions;
    return {
      backend,
      mode,
      concurrency: result.concurrency,
      warmupSeconds: warmup,
      seconds,
      prefilled: { spans: prefilled.spans, sessions: prefilled.sessions },
      batchBytes: ready.batchBytes,
      senderBuildMs: ready.buildMs,
      spansPerSecond: result.window.spansPerSecond,
      requestsPerSecond: result.window.requestsPerSecond,
      perSecond: result.window.perSecond,
      latencyMs: result.window.latencyMs,
      latency503Ms: result.window.latency503Ms,
      r503: result.window.r503,
      errors: result.window.errors,
      totals: acked,
      errorSamples: result.errorSamples,
      drainMs: result.drainMs,
      senderCpuCores: result.senderCpuSeconds / (warmup + seconds),
      serverCpuCores: cpuWindow,
      postgresCpuCores,
      queue: stats,
      /** Event and session rows per write transaction (group commit). */
      rowsPerCommit: stats && stats.writtenBatches > 0 ? stats.writtenSpans / stats.writtenBatches : null,
      rss: {
        idle: rssIdle,
        peak: rss.peak,
        last: rss.last,
        series: flood ? rss.samples : undefined,
      },
      serverLog: {
        ...server.logCounts,
        exit,
        tail: server.logCounts.errors > 0 ? server.tail.slice(-5) : [],
      },
      loadAverage: { start: load0, end: load1 },
      cpuPressureAvg10: pressure,
      stored,
      verified,
      profile,
    };
  } finally {
    if (pending.has(release)) await cleanup(release);
  }
}

// ---------------------------------------------------------------- report

const MB = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const int = (n) => (n === null || n === undefined ? "-" : Math.round(n).toLocaleString("en-US"));
const ms = (n) => (n === null || n === undefined ? "-" : n < 10 ? n.toFixed(1) : n.toFixed(0));
const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : "-");

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

/**
 * Flood RSS is bounded when, after the first quarter (ramp-up), the later half
 * of the samples peaks no higher than the earlier half (+10% +32 MB slack).
 */
function rssBounded(series) {
  if (!series || series.length < 8) return null;
  const end = series[series.length - 1].t;
  const ramp = end / 4;
  const mid = ramp + (end - ramp) / 2;
  const first = Math.max(...series.filter((x) => x.t > ramp && x.t <= mid).map((x) => x.rss));
  const second = Math.max(...series.filter((x) => x.t > mid).map((x) => x.rss));
  return { firstHalfPeak: first, secondHalfPeak: second, bounded: second <= first * 1.1 + 32 * 1024 * 1024 };
}

function report(s, ceiling, runs, floodRun) {
  const out = [];
  const sample = runs[0] ?? floodRun;
  out.push(
    `HoneyHive TS ingest benchmark: ${s.batch} spans per OTLP/HTTP protobuf request` +
      (sample ? ` (${(sample.batchBytes / 1024 / 1024).toFixed(2)} MB)` : "") +
      `, node ${process.version}, ${cpus().length} cores`,
  );
  if (ceiling) {
    out.push(
      "",
      `Baseline: the same batches in one process, SQLite, one transaction per batch (${ceiling.batches} batches)`,
    );
    const names = {
      decode: "decode (OTLP protobuf)",
      convert: "convert (spansToWrite)",
      storage: "storage.writeBatch  = storage ceiling",
      rowprep: "row prep (plan + JSON)",
      raw: "bare INSERT          = raw ceiling",
    };
    out.push(
      table([
        ["stage", "ms/batch", "spans/s"],
        ...Object.entries(ceiling.stages).map(([k, v]) => [
          names[k] ?? k,
          ms(v.msPerBatch),
          int(v.spansPerSecond),
        ]),
        [
          "decode+convert+writeBatch",
          ms((s.batch / ceiling.pipelineCeiling) * 1000),
          int(ceiling.pipelineCeiling),
        ],
      ]),
    );
    out.push(...cpuBudget(ceiling, s.batch));
  }
  if (runs.length > 0) {
    out.push(
      "",
      `Server ingest: separate sender process, ${runs[0].concurrency} requests in flight, ${runs[0].seconds} s after ${runs[0].warmupSeconds} s warm-up` +
        prefilledRemark(runs),
    );
    out.push(
      table([
        [
          "backend",
          "spans/s",
          "req/s",
          "p50 ms",
          "p99 ms",
          "503s",
          "errors",
          "peak RSS",
          "srv CPU",
          "pg CPU",
          "rows/commit",
          "/raw",
          "stored = acked",
        ],
        ...runs.map((r) => [
          r.backend,
          int(r.spansPerSecond),
          r.requestsPerSecond.toFixed(1),
          ms(r.latencyMs.p50),
          ms(r.latencyMs.p99),
          r.r503,
          r.errors,
          MB(r.rss.peak),
          r.serverCpuCores === null ? "-" : `${(r.serverCpuCores * 100).toFixed(0)}%`,
          r.postgresCpuCores === null ? "-" : `${(r.postgresCpuCores * 100).toFixed(0)}%`,
          int(r.rowsPerCommit),
          ratio(r.spansPerSecond, ceiling?.rawCeiling),
          `${r.verified ? "yes" : "NO"} (${int(r.stored.spans)})`,
        ]),
      ]),
    );
    const per = runs
      .map(
        (r) =>
          `${r.backend} min/max per second ${int(Math.min(...r.perSecond))}/${int(Math.max(...r.perSecond))}`,
      )
      .join("; ");
    out.push(per);
  }
  if (floodRun) {
    const b = rssBounded(floodRun.rss.series);
    out.push(
      "",
      `Flood: ${floodRun.backend}, ${floodRun.concurrency} requests in flight for ${floodRun.seconds} s, RSS sampled every 500 ms`,
      `  accepted ${int(floodRun.spansPerSecond)} spans/s, ${floodRun.r503} x 503 (p50 ${ms(floodRun.latency503Ms.p50)} ms), ` +
        `ok p50/p99 ${ms(floodRun.latencyMs.p50)}/${ms(floodRun.latencyMs.p99)} ms, errors ${floodRun.errors}`,
      `  server RSS idle ${MB(floodRun.rss.idle)}, peak ${MB(floodRun.rss.peak)}, last ${MB(floodRun.rss.last)}` +
        (b
          ? `; after ramp-up: earlier-half peak ${MB(b.firstHalfPeak)}, later-half peak ${MB(b.secondHalfPeak)} -> ${b.bounded ? "bounded" : "STILL GROWING"}`
          : ""),
      `  stored = acked: ${floodRun.verified ? "yes" : "NO"} (${int(floodRun.stored.spans)} spans)`,
    );
  }
  const sqlite = runs.find((r) => r.backend === "sqlite");
  if (sqlite && ceiling) {
    const r = sqlite.spansPerSecond / ceiling.rawCeiling;
    const met = sqlite.spansPerSecond >= TARGET_SPANS_PER_SECOND && r >= TARGET_RATIO;
    out.push(
      "",
      `Ratio sqlite server / raw ceiling = ${r.toFixed(2)}; / storage ceiling = ${ratio(sqlite.spansPerSecond, ceiling.storageCeiling)}`,
      `Target >= ${int(TARGET_SPANS_PER_SECOND)} spans/s into SQLite and >= ${TARGET_RATIO} x raw ceiling: ${met ? "MET" : "NOT MET"}`,
    );
  }
  const all = [...runs, floodRun].filter(Boolean);
  const loads = all.map((r) => r.loadAverage.end.toFixed(1)).join(", ");
  const psi = all
    .map((r) => (r.cpuPressureAvg10 === null ? "-" : `${r.cpuPressureAvg10.toFixed(0)}%`))
    .join(", ");
  const base = ceiling?.cpuPressureAvg10 != null ? `baseline ${ceiling.cpuPressureAvg10.toFixed(0)}%` : "";
  out.push(
    `Machine: CPU pressure (PSI some avg10) ${[base, all.length > 0 ? `after each run ${psi}` : ""].filter(Boolean).join(", ")}` +
      (all.length > 0 ? `; 1-min load average after each run ${loads}` : "") +
      `. Load above ${cpus().length} or pressure above ~10% means other work shared the CPUs: compare ratios, not absolutes.`,
  );
  return out.join("\n");
}

// ---------------------------------------------------------------- main

async function main() {
  const s = settings();
  const started = new Date();
  const failures = [];
  mkdirSync(s.dataDir, { recursive: true });
  console.log(
    `bench:ingest  backends ${s.backends.join(",")}  ${s.seconds} s (+${s.warmup} s warm-up) x ${s.concurrency} in flight  ` +
      `flood ${s.flood} s x ${s.floodConcurrency} on ${s.floodBackend}  baseline ${s.ceilingSeconds} s`,
  );

  const work = await mkdtemp(join(s.dataDir, "hh-bench-pool-"));
  const removeWork = async () => rmSync(work, { recursive: true, force: true });
  pending.add(removeWork);
  try {
    await measure(s, started, work, failures);
  } finally {
    await cleanup(removeWork);
  }
  if (failures.length > 0) {
    console.error(`\nFAILED:\n  ${failures.join("\n  ")}`);
    process.exitCode = 1;
  }
}

async function measure(s, started, work, failures) {
  process.stdout.write(`building ${s.pool} batches of ${s.batch} spans with the OTel SDK ... `);
  const t0 = Date.now();
  const pool = buildPool(s.pool, s.batch, 1);
  s.poolFile = join(work, "pool.bin");
  writePool(pool, s.poolFile);
  const poolInfo = {
    templates: pool.length,
    spansPerBatch: s.batch,
    bytesPerBatch: Math.round(pool.reduce((n, t) => n + t.body.length, 0) / pool.length),
    buildMs: Date.now() - t0,
  };
  console.log(
    `${(poolInfo.bytesPerBatch / 1024 / 1024).toFixed(2)} MB each, ${(poolInfo.buildMs / 1000).toFixed(1)} s`,
  );

  let ceiling = null;
  if (s.ceilingSeconds > 0) {
    process.stdout.write("baseline ... ");
    const c = forkScript("ceiling.js", {
      seconds: s.ceilingSeconds,
      poolFile: s.poolFile,
      dataDir: s.dataDir,
    });
    ceiling = await c.expect("result");
    ceiling.cpuPressureAvg10 = cpuPressure();
    console.log(`raw ${int(ceiling.rawCeiling)} spans/s, storage ${int(ceiling.storageCeiling)} spans/s`);
  }

  const runs = [];
  for (const backend of s.backends) {
    if (s.seconds <= 0) break;
    process.stdout.write(`${backend} ... `);
    const r = await runIngest(s, backend, "steady");
    runs.push(r);
    console.log(
      `${int(r.spansPerSecond)} spans/s, p50 ${ms(r.latencyMs.p50)} ms, p99 ${ms(r.latencyMs.p99)} ms, peak RSS ${MB(r.rss.peak)}`,
    );
    if (!r.verified)
      failures.push(
        `${backend}: stored ${JSON.stringify(r.stored)} != acknowledged ${JSON.stringify(r.totals)}`,
      );
    if (r.totals.rejected > 0) failures.push(`${backend}: the server rejected ${r.totals.rejected} spans`);
    if (r.totals.errors > 0)
      failures.push(`${backend}: ${r.totals.errors} failed requests: ${r.errorSamples.join(" | ")}`);
  }

  let floodRun = null;
  if (s.flood > 0) {
    process.stdout.write(`flood ${s.floodBackend} ... `);
    floodRun = await runIngest(s, s.floodBackend, "flood");
    console.log(`peak RSS ${MB(floodRun.rss.peak)}, last ${MB(floodRun.rss.last)}, ${floodRun.r503} x 503`);
    if (!floodRun.verified) {
      failures.push(
        `flood: stored ${JSON.stringify(floodRun.stored)} != acknowledged ${JSON.stringify(floodRun.totals)}`,
      );
    }
    if (floodRun.totals.errors > 0)
      failures.push(`flood: ${floodRun.totals.errors} failed requests: ${floodRun.errorSamples.join(" | ")}`);
  }

  const text = report(s, ceiling, runs, floodRun);
  console.log(`\n${text}`);

  const sqlite = runs.find((r) => r.backend === "sqlite");
  const result = {
    startedAt: started.toISOString(),
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    settings: { ...s, poolFile: undefined },
    pool: poolInfo,
    target: { spansPerSecond: TARGET_SPANS_PER_SECOND, ratioOfRawCeiling: TARGET_RATIO },
    ratios: ceiling
      ? Object.fromEntries(
          runs.map((r) => [
            r.backend,
            {
              ofRawCeiling: r.spansPerSecond / ceiling.rawCeiling,
              ofStorageCeiling: r.spansPerSecond / ceiling.storageCeiling,
            },
          ]),
        )
      : null,
    targetMet:
      sqlite && ceiling
        ? sqlite.spansPerSecond >= TARGET_SPANS_PER_SECOND &&
          sqlite.spansPerSecond / ceiling.rawCeiling >= TARGET_RATIO
        : null,
    ceiling,
    runs,
    flood: floodRun ? { ...floodRun, rssBounded: rssBounded(floodRun.rss.series) } : null,
    failures,
  };
  for (const r of [...runs, floodRun]) {
    if (r?.profile) console.log(`\nServer CPU profile, ${r.mode} ${r.backend}:\n${summarize(r.profile, 15)}`);
  }

  const file = s.out || join(RESULTS, `ingest-${stamp}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nJSON: ${file}`);
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exitCode = 1;
});

/** The events already in the SQLite file when the measured run started (any SQLite run, whichever backend ran first). */
function prefilledRemark(runs) {
  const sqlite = runs.find((r) => r.backend === "sqlite" && r.prefilled.spans > 0);
  return sqlite ? `; SQLite file holding ${int(sqlite.prefilled.spans)} events before the run` : "";
}

/**
 * What the stages of the baseline allow at best on this machine: the CPU a span
 * needs at least (decode, convert, row prep and a bare INSERT, each measured
 * on one thread) spread over every core with nothing else running, and the
 * single SQLite writer's own rate. The server also pays HTTP, thread
 * hand-offs and GC.
 */
function cpuBudget(ceiling, batch) {
  const stages = ["decode", "convert", "rowprep", "raw"].map((k) => ceiling.stages[k]?.cpuMsPerBatch);
  if (stages.some((v) => typeof v !== "number")) return [];
  const usPerSpan = (stages.reduce((a, b) => a + b, 0) * 1000) / batch;
  const cores = cpus().length;
  const spread = (cores * 1e6) / usPerSpan;
  const writer = ceiling.stages.raw.spansPerSecond;
  return [
    `CPU per span, least work (decode + convert + row prep + bare INSERT): ${usPerSpan.toFixed(1)} µs. ` +
      `At best on ${cores} cores (every stage overlapped, nothing else running): ${int(spread)} spans/s; ` +
      `the one SQLite writer alone: ${int(writer)}; so at most ${int(Math.min(spread, writer))} spans/s on this machine.`,
  ];
}

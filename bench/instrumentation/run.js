#!/usr/bin/env node
/**
 * npm run bench:instrumentation [-- --quick | --rounds 6 --calls 4000 | --transport in-process]
 *
 * Per-call overhead of the OpenAI instrumentation on `chat.completions.create`,
 * plain and streamed, against a fake provider in its own process
 * (fake-provider.js) over loopback. Three variants, each in its own process
 * (variant.js), rounds interleaved so drift on the machine hits all of them:
 *
 *   plain      the client alone
 *   plain-ctx  the client with OpenTelemetry's async context tracking on
 *   ours       the client traced by @honeyhive-ts/sdk, exporting to a sink (bench/sdk/sink.js)
 *   paired     ours and an untraced client (calls inside a context) in one
 *              process, called in turn
 *
 * Reported per mode: p50 / p99 latency and CPU time per call (µs, median over
 * rounds) and what ours adds over each baseline (the median of per-round
 * differences). `ours - plain-ctx` is the instrumentation itself;
 * `ours - plain` includes the cost of context tracking. Processes differ by
 * more than the instrumentation costs on a noisy machine, so `paired` gives the
 * same difference measured call by call inside one process. Targets: under
 * 40 µs added at p50 for a plain call, and a streamed call no dearer than a plain one.
 * Nothing but 127.0.0.1 is contacted. A JSON copy goes to bench/results/.
 */

import { fork, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const TARGET_ADDED_US = 40;
const VARIANTS = ["plain", "plain-ctx", "ours"];
const PAIRED = "paired";
const MODES = ["json", "stream"];

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rounds: { type: "string" },
    calls: { type: "string" },
    transport: { type: "string", default: "loopback" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(`node bench/instrumentation/run.js [options]

  --quick              2 rounds of 1,000 calls (a smoke run; figures are rough)
  --rounds N           rounds per variant and mode [6]
  --calls N            calls per round [4000; 10000 in-process]
  --transport T        loopback (a fake provider server on 127.0.0.1) or in-process (a fetch that answers itself) [loopback]
  --help               this text`);
  process.exit(0);
}
const inProcess = args.transport === "in-process";
const rounds = Number(args.rounds ?? (args.quick ? 2 : 6));
// Enough calls for the JIT to settle on every variant (a few thousand calls
// in, the traced client is still getting faster).
const calls = Number(args.calls ?? (args.quick ? 1000 : inProcess ? 10_000 : 4000));
const warmup = Math.min(inProcess ? 3000 : 1500, calls);

const children = new Set();
for (const signal of ["SIGINT", "SIGTERM"])
  process.once(signal, () => {
    for (const c of children) c.kill("SIGKILL");
    process.exit(130);
  });

/** Starts a script that prints {"port": N} first; resolves its URL. */
async function startServer(script) {
  const child = spawn(process.execPath, [script], { stdio: ["pipe", "pipe", "inherit"] });
  children.add(child);
  const port = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${script} did not start within 10 s`)), 10_000);
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      res(JSON.parse(line).port);
    });
    child.once("exit", (code) => rej(new Error(`${script} exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

/** One variant in its own process; resolves its result or throws its error. */
function runVariant(cfg) {
  return new Promise((res, rej) => {
    const child = fork(join(HERE, "variant.js"), [JSON.stringify(cfg)], { cwd: ROOT, stdio: "inherit" });
    children.add(child);
    let message;
    child.on("message", (m) => {
      message = m;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (message?.type === "result") res(message);
      else rej(new Error(`${cfg.variant}/${cfg.mode}: ${message?.message ?? `exited (${code})`}`));
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pressure = () => {
  try {
    return Number(/^some avg10=([\d.]+)/m.exec(readFileSync("/proc/pressure/cpu", "utf8"))?.[1]);
  } catch {
    return undefined;
  }
};

async function main() {
  const provider = await startServer(join(HERE, "fake-provider.js"));
  const sink = await startServer(join(ROOT, "bench/sdk/sink.js"));
  const started = pressure();
  console.log(
    `instrumentation benchmark: ${rounds} rounds x ${calls} calls per variant and mode, ${args.transport}; ` +
      `${cpus().length} cores, node ${process.version}, CPU pressure ${started ?? "-"}%`,
  );
  /** results[mode][variant] = [{p50, p99, cpu}, ...] per round; for `paired`, what ours adds ({p50, cpu}) */
  const runs = [...VARIANTS, PAIRED];
  const results = Object.fromEntries(MODES.map((m) => [m, Object.fromEntries(runs.map((v) => [v, []]))]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...runs].reverse() : runs;
    for (const mode of MODES)
      for (const variant of order) {
        const r = await runVariant({
          variant,
          mode,
          calls,
          warmup,
          transport: args.transport,
          providerUrl: provider.url,
          sinkUrl: sink.url,
        });
        if (!r.answer?.startsWith("word0 "))
          throw new Error(`${variant}/${mode} read a wrong answer: ${r.answer}`);
        results[mode][variant].push(
          variant === PAIRED
            ? { p50: r.addedP50, cpu: r.addedCpu, chunkFloor: r.chunkFloor }
            : { p50: r.p50, p99: r.p99, cpu: r.cpu },
        );
      }
    process.stdout.write(`  round ${round + 1}/${rounds} done\n`);
  }
  provider.stop();
  sink.stop();

  const summary = {};
  const f = (x) => x.toFixed(1).padStart(8);
  console.log(
    "\nper call, µs (median over rounds)   p50      p99      cpu  | ours adds: p50 over plain-ctx  over plain   cpu over plain-ctx  over plain",
  );
  for (const mode of MODES) {
    const row = {};
    for (const v of VARIANTS) {
      row[v] = {
        p50: median(results[mode][v].map((r) => r.p50)),
        p99: median(results[mode][v].map((r) => r.p99)),
        cpu: median(results[mode][v].map((r) => r.cpu)),
      };
    }
    // Per-round differences (variants of one round ran back to back), then their median.
    const added = (base, field) =>
      median(results[mode].ours.map((r, i) => r[field] - (results[mode][base][i]?.[field] ?? Number.NaN)));
    row.addedOverCtx = added("plain-ctx", "p50");
    row.addedOverPlain = added("plain", "p50");
    row.cpuAddedOverCtx = added("plain-ctx", "cpu");
    row.cpuAddedOverPlain = added("plain", "cpu");
    row.pairedAdded = median(results[mode][PAIRED].map((r) => r.p50));
    row.pairedCpuAdded = median(results[mode][PAIRED].map((r) => r.cpu));
    if (mode === "stream") row.chunkFloor = median(results[mode][PAIRED].map((r) => r.chunkFloor));
    summary[mode] = row;
    for (const v of VARIANTS)
      console.log(
        `  ${`${mode} ${v}`.padEnd(32)}${f(row[v].p50)} ${f(row[v].p99)} ${f(row[v].cpu)}` +
          (v === "ours"
            ? `  |              ${f(row.addedOverCtx)}   ${f(row.addedOverPlain)}            ${f(row.cpuAddedOverCtx)}   ${f(row.cpuAddedOverPlain)}`
            : ""),
      );
  }
  console.log("\nours adds, paired in one process (median over rounds)   p50      cpu");
  for (const mode of MODES)
    console.log(`  ${mode.padEnd(52)}${f(summary[mode].pairedAdded)} ${f(summary[mode].pairedCpuAdded)}`);
  console.log(
    `  streamed minus plain: ${(summary.stream.pairedAdded - summary.json.pairedAdded).toFixed(1)} µs; ` +
      `the least any observer of each chunk adds here (one \`then\` per chunk, inside a context): ${summary.stream.chunkFloor.toFixed(1)} µs`,
  );
  const ended = pressure();
  const verdicts = [
    [
      `plain call: instrumentation adds < ${TARGET_ADDED_US} µs p50`,
      summary.json.addedOverCtx < TARGET_ADDED_US,
    ],
    [
      "streamed call no dearer than a plain one (CPU added)",
      summary.stream.cpuAddedOverCtx <= summary.json.cpuAddedOverCtx * 1.25 + 5,
    ],
    [`paired: plain call adds < ${TARGET_ADDED_US} µs p50`, summary.json.pairedAdded < TARGET_ADDED_US],
    [
      "paired: streamed call no dearer than a plain one (p50 added)",
      summary.stream.pairedAdded <= summary.json.pairedAdded * 1.25 + 5,
    ],
  ];
  console.log("");
  for (const [what, ok] of verdicts) console.log(`  ${ok ? "met " : "MISS"}  ${what}`);
  console.log(
    `\nCPU pressure ${started ?? "-"}% at start, ${ended ?? "-"}% at end: above ~10% other work shared the CPUs.`,
  );
  mkdirSync(join(ROOT, "bench/results"), { recursive: true });
  const out = join(
    ROOT,
    "bench/results",
    `instrumentation-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
  );
  writeFileSync(
    out,
    `${JSON.stringify({ rounds, calls, pressure: [started, ended], results, summary }, null, 2)}\n`,
  );
  console.log(`results: ${out}`);
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  for (const c of children) c.kill("SIGKILL");
  process.exit(1);
});

#!/usr/bin/env node
/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`, e.g. the server run by
 * `npm run bench:ingest -- --cpu-prof`): self time grouped into the stages of
 * the ingest path, and the heaviest functions.
 *
 *   node bench/ingest/profile.js bench/results/profiles/CPU....cpuprofile [--top 25]
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Stages of the ingest path. Native calls (better-sqlite3 statements, JSON.stringify)
 * have no frame of their own: their time is the self time of the JS function that
 * made them, so the self frame is classified first, then its callers.
 */
const SELF_RULES = [
  [
    "sqlite: COMMIT (WAL write, fsync, checkpoint)",
    (f) => /better-sqlite3\/lib\/methods\/transaction/.test(f.url),
  ],
  ["storage: row values (JSON.stringify)", (f) => f.functionName === "rowValues"],
  ["sqlite: INSERT statements (native)", (f) => /storage\/sqlite-events\.js/.test(f.url)],
];
const STAGES = [
  [
    "storage: plan (planBatch, toEventRow)",
    (f) => /storage\/(batch-plan|event-codec|sqlite-events|postgres-events|postgres-json)\.js/.test(f.url),
  ],
  ["postgres driver", (f) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(f.url)],
  ["convert: spanToEvent", (f) => /semconv\/dist\//.test(f.url)],
  ["convert: spansToWrite (route)", (f) => /ingest\/spans\.js/.test(f.url)],
  ["decode: OTLP protobuf", (f) => /server\/dist\/otlp\//.test(f.url)],
  ["ingest queue", (f) => /ingest\/queue\.js/.test(f.url)],
  [
    "fastify / HTTP / logging",
    (f) =>
      /node_modules\/(fastify|find-my-way|avvio|@fastify|pino|fast-json|secure-json|toad-cache|thread-stream|sonic-boom)/.test(
        f.url,
      ) || /^node:(_http|http|net|stream|internal\/(http|streams|stream_base|child_process))/.test(f.url),
  ],
];

function load(path) {
  const profile = JSON.parse(readFileSync(path, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++)
    self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  const total = timeDeltas.reduce((a, b) => a + b, 0);
  return { byId, parent, self, total };
}

function stageOf(p, id) {
  const name = p.byId.get(id).callFrame.functionName;
  if (name === "(garbage collector)") return "GC";
  if (name === "(idle)" || name === "(program)") return name;
  const own = p.byId.get(id).callFrame;
  for (const [stage, test] of SELF_RULES) if (test(own)) return stage;
  for (let cur = id; cur !== undefined; cur = p.parent.get(cur)) {
    const f = p.byId.get(cur).callFrame;
    for (const [stage, test] of STAGES) if (test(f)) return stage;
  }
  return "other";
}

export function summarize(path, top = 20) {
  const p = load(path);
  const stages = new Map();
  const fns = new Map();
  for (const [id, us] of p.self) {
    const stage = stageOf(p, id);
    stages.set(stage, (stages.get(stage) ?? 0) + us);
    const f = p.byId.get(id).callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(node_modules|packages)\//, "$1/")}:${f.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const busy = p.total - (stages.get("(idle)") ?? 0);
  const pct = (us, of) => `${((100 * us) / of).toFixed(1)}%`.padStart(6);
  const lines = [`${path}`, `  profiled ${(p.total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s`];
  lines.push("  stage (share of busy time):");
  for (const [stage, us] of [...stages].filter(([s]) => s !== "(idle)").sort((a, b) => b[1] - a[1])) {
    lines.push(`    ${pct(us, busy)}  ${stage}`);
  }
  lines.push(`  top ${top} functions by self time:`);
  for (const [key, us] of [...fns]
    .filter(([k]) => !k.startsWith("(idle)"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)) {
    lines.push(`    ${pct(us, busy)}  ${key}`);
  }
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf("--top");
  const top = topAt === -1 ? 20 : Number(args.splice(topAt, 2)[1]);
  if (args.length === 0) {
    console.error("usage: node bench/ingest/profile.js FILE.cpuprofile [--top N]");
    process.exit(2);
  }
  for (const file of args) console.log(summarize(file, top));
}

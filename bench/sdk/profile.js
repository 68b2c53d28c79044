#!/usr/bin/env node
/**
 * Summarizes a V8 .cpuprofile of a variant process (`npm run bench:sdk -- --cpu-prof`):
 * self time by area (our SDK's files, each OpenTelemetry package, Node internals,
 * GC) and the heaviest functions.
 *
 *   node bench/sdk/profile.js bench/results/profiles/sdk-.../latency-ours-1/CPU....cpuprofile [--top 20]
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

function area(frame) {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  let m = /packages\/(\w+)\/dist\/(.+)\.js$/.exec(url);
  if (m) return `${m[1]}: ${m[2]}`;
  m = /node_modules\/(@opentelemetry\/[^/]+|[^@/][^/]*)\//.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return "node internals";
  if (/bench\/sdk\//.test(url)) return "bench harness";
  return url.replace(/^file:\/\//, "");
}

/** Text summary of a .cpuprofile: self time by area, then the `top` heaviest functions. */
export function summarize(file, top = 20) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const areas = new Map();
  const fns = new Map();
  for (const [id, us] of self) {
    const frame = byId.get(id).callFrame;
    const a = area(frame);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const key = `${frame.functionName || "(anonymous)"}  ${a}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const busy = total - (areas.get("(idle)") ?? 0);
  const pct = (us) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`${(busy / 1000).toFixed(0)} ms busy (idle excluded)`, "  by area:"];
  for (const [a, us] of [...areas]
    .filter(([a]) => a !== "(idle)")
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)) {
    lines.push(`    ${pct(us)}  ${a}`);
  }
  lines.push("  heaviest functions (self time):");
  for (const [k, us] of [...fns]
    .filter(([k]) => !k.startsWith("(idle)"))
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)) {
    lines.push(`    ${pct(us)}  ${k}`);
  }
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node bench/sdk/profile.js FILE.cpuprofile [--top N]");
    process.exit(2);
  }
  const i = process.argv.indexOf("--top");
  console.log(summarize(file, i > 0 ? Number(process.argv[i + 1]) : 20));
}

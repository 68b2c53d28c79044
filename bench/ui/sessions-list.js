// Sessions list over a large SQLite database: seeds N events (default 1,000,000) in
// sessions of 20 through the storage's own batch writer (so the rollup triggers run as
// in production), then times GET /v1/sessions/list pages (over HTTP) against a plain
// indexed COUNT(*) of the project's events measured in the same run. Prints ratios, asserts nothing.
// Usage: node bench/ui/sessions-list.js [events]   (build first: npm run build)
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@honeyhive-ts/server";

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const PER_SESSION = 20;
const BATCH = 8192;
const T0 = Date.UTC(2024, 0, 1);

const dataDir = await mkdtemp(join(tmpdir(), "hh-bench-ui-"));
const server = await startServer({ host: "127.0.0.1", port: 0, dataDir, logLevel: "silent" });
const key = server.createdApiKey;
const project = (await server.storage.getProjectByName("default")).id;

const seedStart = performance.now();
let items = [];
let pending = 0;
const sessions = [];
for (let i = 0; i < EVENTS; i += PER_SESSION) {
  const sessionId = randomUUID();
  sessions.push(sessionId);
  const start = T0 + i * 50;
  const events = [];
  for (let j = 0; j < PER_SESSION - 1; j++) {
    events.push({
      event_id: randomUUID(),
      session_id: sessionId,
      parent_id: sessionId,
      event_type: j % 3 === 0 ? "model" : "tool",
      event_name: `step ${j}`,
      source: i % 7 === 0 ? "prod" : "dev",
      config: {},
      inputs: {},
      outputs: {},
      error: j === 5 && i % 11 === 0 ? "failed" : null,
      start_time: start + j,
      end_time: start + j + 40,
      duration: 40,
      metadata:
        j % 3 === 0
          ? { total_tokens: 100 + j, prompt_tokens: 90, completion_tokens: 10 + j, cost: 0.001 * j }
          : {},
      feedback: {},
      metrics: {},
      user_properties: {},
    });
  }
  items.push({
    projectId: project,
    events,
    sessions: [
      { session_id: sessionId, event_name: `session ${i / PER_SESSION}`, source: "dev", start_time: start },
    ],
  });
  pending += PER_SESSION;
  if (pending >= BATCH) {
    await server.storage.writeBatch(items);
    items = [];
    pending = 0;
  }
}
if (items.length > 0) await server.storage.writeBatch(items);
const seedMs = performance.now() - seedStart;

const sql = server.storage.sql;
async function median(fn, runs = 15) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}
const baseline = await median(
  () => sql.get("SELECT COUNT(*) AS n FROM events WHERE project_id = ?", [project]),
  5,
);
const get = (q) =>
  fetch(`${server.url}/v1/sessions/list?${q}`, { headers: { authorization: `Bearer ${key}` } }).then((r) =>
    r.json(),
  );
const deepCursor = await (async () => {
  let body = await get("limit=200");
  for (let i = 0; i < 10; i++) body = await get(`limit=200&cursor=${body.next_cursor}`);
  return body.next_cursor;
})();
const cases = {
  "first page (start_time desc)": "limit=50",
  "page 12 by cursor": `limit=50&cursor=${deepCursor.replace(/=/g, "")}`,
  "sort by cost": "limit=50&sort_by=cost",
  "sort by duration asc": "limit=50&sort_by=duration&sort_order=asc",
  "has_error=true": "limit=50&has_error=true",
  "source=prod": "limit=50&source=prod",
};
console.log(`seeded ${EVENTS} events in ${sessions.length} sessions in ${(seedMs / 1000).toFixed(1)} s`);
console.log(`baseline: indexed COUNT(*) of the project's events ${baseline.toFixed(2)} ms (median)`);
for (const [name, q] of Object.entries(cases)) {
  const ms = await median(() => get(q));
  console.log(
    `${name.padEnd(32)} ${ms.toFixed(2).padStart(8)} ms  ${(ms / baseline).toFixed(3).padStart(7)}x baseline`,
  );
}
await server.close();
await rm(dataDir, { recursive: true, force: true });

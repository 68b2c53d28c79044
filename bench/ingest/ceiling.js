/**
 * The baseline, run as its own process (forked by run.js; settings as one JSON
 * argument, result over IPC): the same batches the sender posts, pushed
 * through the server's own pipeline in-process, one stage at a time, each
 * timed on its own:
 *
 *   decode   decodeTracesProtobuf (the server's OTLP protobuf decoder)
 *   convert  spansToWrite (spanToEvent per span + session seeds), as the route does
 *   storage  storage.writeBatch([item]) on a fresh SQLite file opened by
 *            openSqliteStorage: same schema, pragmas and statements as the
 *            server, one transaction per batch        -> the "storage ceiling"
 *   rowprep  planBatch + JSON.stringify of the JSON columns (the same row values)
 *   raw      a bare better-sqlite3 prepared INSERT of those values, one
 *            transaction per batch, into a second fresh file with the same
 *            schema and pragmas                        -> the "raw ceiling"
 *
 * Stamping (unique ids) happens outside every timer. Rates are spans per
 * second of that stage's own time. The first `warmupSeconds` (at least 3
 * batches) run the same code untimed, so the JIT has settled.
 */

import { rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_PRICES } from "@honeyhive-ts/semconv";
import { openSqliteStorage } from "@honeyhive-ts/server";
import Database from "better-sqlite3";
import { serverInternals } from "./internals.js";
import { buildPool, readPool, stamp } from "./spans.js";

const cfg = JSON.parse(process.argv[2] ?? "{}");
const {
  seconds = 8,
  warmupSeconds = 2,
  poolSize = 20,
  spansPerBatch = 512,
  seed = 1,
  dataDir,
  poolFile,
} = cfg;

/** This process's CPU time (all threads), ms. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main() {
  const { decodeTracesProtobuf, spansToWrite, planBatch, rowValues, INSERT_EVENT_SQL } =
    await serverInternals();
  const dir = await mkdtemp(join(dataDir ?? tmpdir(), "hh-bench-ceiling-"));
  try {
    const pool = poolFile ? readPool(poolFile) : buildPool(poolSize, spansPerBatch, seed);

    const storage = await openSqliteStorage(join(dir, "storage.db"));
    const project = await storage.createProject({ name: "bench" });
    const auth = { projectId: project.id, projectName: project.name, keyId: "bench", isAdmin: true };

    // The raw file: created (schema + migrations) by the server's own code, then driven bare.
    const rawPath = join(dir, "raw.db");
    await (await openSqliteStorage(rawPath)).close();
    const raw = new Database(rawPath);
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = FULL");
    raw.pragma("busy_timeout = 10000");
    raw.pragma("foreign_keys = ON");
    raw.pragma("cache_size = -65536");
    raw.pragma("wal_autocheckpoint = 8192");
    const insert = raw.prepare(INSERT_EVENT_SQL);
    const insertAll = raw.transaction((rows) => {
      for (const v of rows) insert.run(v);
    });

    const time = { decode: 0, convert: 0, storage: 0, rowprep: 0, raw: 0 };
    // CPU time of the stages that run on this thread alone (writeBatch also runs the writer thread).
    const cpu = { decode: 0, convert: 0, rowprep: 0, raw: 0 };
    /** Runs one synchronous stage, adding its wall and CPU time to its name. */
    const stage = (name, fn) => {
      const c = cpuMs();
      const t = performance.now();
      const out = fn();
      time[name] += performance.now() - t;
      cpu[name] += cpuMs() - c;
      return out;
    };
    let batches = 0;
    let spans = 0;
    let rows = 0;
    const heapPeak = { rss: 0 };
    let seq = 0xf0000000;
    const warmStart = performance.now();
    for (let i = 0; i < 3 || performance.now() - warmStart < warmupSeconds * 1000; i++) {
      const body = stamp(pool[i % pool.length], seq++);
      const decoded = decodeTracesProtobuf(body);
      const { item } = spansToWrite(decoded.spans, auth, DEFAULT_PRICES, undefined);
      await storage.writeBatch([item]);
      insertAll.immediate(planBatch([item]).rows.map(rowValues));
    }
    const warmedRows = raw.prepare("SELECT COUNT(*) FROM events WHERE event_type <> 'session'").pluck().get();

    const wallStart = performance.now();
    while (performance.now() - wallStart < seconds * 1000) {
      const template = pool[batches % pool.length];
      const body = stamp(template, seq++ >>> 0);
      const decoded = stage("decode", () => decodeTracesProtobuf(body));
      const { item, rejected } = stage("convert", () =>
        spansToWrite(decoded.spans, auth, DEFAULT_PRICES, undefined),
      );
      if (rejected.length > 0 || decoded.rejected.length > 0)
        throw new Error("the bench spans were rejected");
      const t = performance.now();
      await storage.writeBatch([item]);
      time.storage += performance.now() - t;
      const values = stage("rowprep", () => planBatch([item]).rows.map(rowValues));
      stage("raw", () => insertAll.immediate(values));
      batches++;
      spans += item.events.length;
      rows += values.length;
      heapPeak.rss = Math.max(heapPeak.rss, process.memoryUsage.rss());
    }
    const stored = raw.prepare("SELECT COUNT(*) FROM events WHERE event_type <> 'session'").pluck().get();
    raw.close();
    await storage.close();
    if (stored !== spans + warmedRows)
      throw new Error(`raw ceiling stored ${stored} span rows, expected ${spans + warmedRows}`);

    const rate = (ms) => (ms > 0 ? spans / (ms / 1000) : null);
    const perBatch = (ms) => ms / batches;
    return {
      type: "result",
      batches,
      spans,
      rowsPerBatch: rows / batches,
      batchBytes: pool[0].body.length,
      stages: Object.fromEntries(
        Object.entries(time).map(([k, ms]) => [
          k,
          {
            msPerBatch: perBatch(ms),
            spansPerSecond: rate(ms),
            cpuMsPerBatch: k in cpu ? perBatch(cpu[k]) : null,
          },
        ]),
      ),
      storageCeiling: rate(time.storage),
      rawCeiling: rate(time.raw),
      /** decode + convert + writeBatch: the server's CPU per span with no HTTP, one batch per commit. */
      pipelineCeiling: rate(time.decode + time.convert + time.storage),
      rssPeakBytes: heapPeak.rss,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (result) => process.send(result, () => process.disconnect()),
  (err) => process.send({ type: "error", message: String(err?.stack ?? err) }, () => process.disconnect()),
);

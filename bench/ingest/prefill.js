/**
 * Fills a server's SQLite file with `spans` events before a measured run, so
 * the run sees a store that has been in use (forked by run.js; settings as
 * one JSON argument, result over IPC). The rows are the bench's own batches
 * with fresh ids, written by the server's storage code (same indexes, same
 * session rollups) into a project of their own, one transaction per 4
 * batches. A B-tree insert costs more once its index no longer fits in the
 * pages a commit rewrites anyway, which a fresh file never shows.
 */

import { DEFAULT_PRICES } from "@honeyhive-ts/semconv";
import { openSqliteStorage } from "@honeyhive-ts/server";
import { serverInternals } from "./internals.js";
import { readPool, stamp } from "./spans.js";

const { dbPath, spans, poolFile } = JSON.parse(process.argv[2] ?? "{}");
/** Sequence numbers of the prefill's ids: far from the sender's (0...) and the baseline's (0xf0000000...). */
const SEQ_BASE = 0x80000000;

async function main() {
  const { decodeTracesProtobuf, spansToWrite } = await serverInternals();
  const pool = readPool(poolFile);
  const storage = await openSqliteStorage(dbPath);
  const started = Date.now();
  let written = { spans: 0, sessions: 0 };
  try {
    const project = await storage.createProject({ name: `bench-prefill-${process.pid}` });
    const auth = { projectId: project.id, projectName: project.name, keyId: "prefill", isAdmin: true };
    for (let seq = 0; written.spans < spans; ) {
      const items = [];
      for (let k = 0; k < 4 && written.spans < spans; k++, seq++) {
        const decoded = decodeTracesProtobuf(stamp(pool[seq % pool.length], (SEQ_BASE + seq) >>> 0));
        const { item } = spansToWrite(decoded.spans, auth, DEFAULT_PRICES, undefined);
        items.push(item);
        written = {
          spans: written.spans + item.events.length,
          sessions: written.sessions + item.sessions.length,
        };
      }
      await storage.writeBatch(items);
    }
  } finally {
    await storage.close();
  }
  return { type: "result", ...written, ms: Date.now() - started };
}

main().then(
  (result) => process.send(result, () => process.disconnect()),
  (err) => process.send({ type: "error", message: String(err?.stack ?? err) }, () => process.disconnect()),
);

/**
 * The SQLite writer thread: owns the connection that commits ingest batches,
 * so inserts and fsyncs run beside (not inside) the event loop that decodes
 * and converts the next requests.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { createBatchWriter, type WirePlan } from "./sqlite-batch-writer.js";
import { configureConnection } from "./sqlite-pragmas.js";

type Message = { id: number; plan: WirePlan } | { id: number; close: true };

const db = new Database((workerData as { path: string }).path);
configureConnection(db);
const write = createBatchWriter(db);

parentPort!.on("message", (msg: Message) => {
  if ("close" in msg) {
    db.close();
    parentPort!.postMessage({ id: msg.id, ok: true });
    parentPort!.close();
    return;
  }
  try {
    write(msg.plan);
    parentPort!.postMessage({ id: msg.id, ok: true });
  } catch (err) {
    const e = err as { message?: string; code?: string };
    parentPort!.postMessage({ id: msg.id, ok: false, message: e.message ?? String(err), code: e.code });
  }
});

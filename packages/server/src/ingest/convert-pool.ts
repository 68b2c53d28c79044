import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { PriceTable } from "@honeyhive-ts/semconv";
import type { AuthContext } from "../auth/context.js";
import { OtlpDecodeError } from "../otlp/index.js";
import type { IngestItem } from "../storage/types.js";
import { workerFile } from "../worker-file.js";
import type { Rejection } from "./spans.js";

type Reply =
  | { id: number; ok: true; item: IngestItem; rejected: Rejection[] }
  | { id: number; ok: false; decode: boolean; message: string };

interface Pending {
  resolve: (r: { item: IngestItem; rejected: Rejection[] }) => void;
  reject: (e: Error) => void;
}

/**
 * Worker threads that decode OTLP bodies and convert spans (the CPU-heavy half
 * of ingest). Requests go to the worker with the fewest in flight. A worker
 * that dies fails its requests and is replaced. With `sqliteRows`, workers
 * hand back SQLite row items (see toSqliteRowItem) instead of events.
 */
export class ConvertPool {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private next = 0;
  private closed = false;

  constructor(
    private readonly prices: PriceTable,
    size = Math.max(1, availableParallelism() - 1),
    private readonly sqliteRows = false,
  ) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  private spawn(): { worker: Worker; pending: Map<number, Pending> } {
    // Decoding and converting allocate fast and briefly: a larger young generation means fewer scavenges.
    const worker = new Worker(workerFile(import.meta.url, "convert-worker.js"), {
      workerData: { prices: this.prices, sqliteRows: this.sqliteRows },
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    const slot = { worker, pending: new Map<number, Pending>() };
    worker.on("message", (reply: Reply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      if (reply.ok) p.resolve({ item: reply.item, rejected: reply.rejected });
      else p.reject(reply.decode ? new OtlpDecodeError(reply.message) : new Error(reply.message));
    });
    const fail = (err: Error) => {
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      const i = this.workers.indexOf(slot);
      if (i >= 0 && !this.closed) this.workers[i] = this.spawn();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (code !== 0 || !this.closed) fail(new Error(`an ingest worker exited with code ${code}`));
    });
    worker.unref();
    return slot;
  }

  /** Decodes and converts one body; OtlpDecodeError when the body cannot be decoded. */
  convert(
    body: Uint8Array,
    format: "protobuf" | "json",
    auth: AuthContext,
    client: Record<string, unknown> | undefined,
  ): Promise<{ item: IngestItem; rejected: Rejection[] }> {
    let slot = this.workers[0]!;
    for (const w of this.workers) if (w.pending.size < slot.pending.size) slot = w;
    const id = this.next++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, body, format, auth, client });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

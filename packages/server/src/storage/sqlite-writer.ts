import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { WirePlan } from "./sqlite-batch-writer.js";

type Reply = { id: number; ok: true } | { id: number; ok: false; message: string; code?: string };

/** The compiled worker; from TypeScript sources (tests) the build's copy is used. */
function workerFile(): string {
  const beside = fileURLToPath(new URL("./sqlite-writer-worker.js", import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(new URL("../../dist/storage/sqlite-writer-worker.js", import.meta.url));
}

/** Main-thread handle of the writer thread: `write` resolves once the batch is committed. */
export class SqliteWriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private next = 0;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(path: string) {
    this.worker = new Worker(workerFile(), {
      workerData: { path },
      resourceLimits: { maxYoungGenerationSizeMb: 32 },
    });
    this.exited = new Promise((r) => {
      this.worker.once("exit", () => r());
    });
    this.worker.on("message", (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve();
      else p.reject(Object.assign(new Error(reply.message), { code: reply.code }));
    });
    const fail = (err: Error) => {
      this.failure = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => {
      if (code !== 0) fail(new Error(`the SQLite writer thread exited with code ${code}`));
      else this.failure ??= new Error("the SQLite writer thread is closed");
    });
  }

  private send(message: { plan: WirePlan } | { close: true }): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  write(plan: WirePlan): Promise<void> {
    return this.send({ plan });
  }

  async close(): Promise<void> {
    if (this.failure) return;
    await this.send({ close: true });
    await this.exited;
  }
}

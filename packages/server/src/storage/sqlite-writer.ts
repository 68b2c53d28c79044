import { Worker } from "node:worker_threads";
import { workerFile } from "../worker-file.js";
import type { WirePlan } from "./sqlite-batch-writer.js";

type Reply = { id: number; ok: true } | { id: number; ok: false; message: string; code?: string };

/**
 * Main-thread handle of the writer thread: `write` resolves once the batch is
 * committed. A thread that dies fails the writes it held (their senders get an
 * error and retry) and is replaced; one that dies within a second of starting
 * is not restarted, and writes then fail with the cause.
 */
export class SqliteWriterThread {
  private worker!: Worker;
  private exited!: Promise<void>;
  private startedAt = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private next = 0;
  private closing = false;
  private failure: Error | undefined;
  /** Threads replaced after dying. */
  restarts = 0;

  constructor(private readonly path: string) {
    this.start();
  }

  private start(): void {
    const worker = new Worker(workerFile(import.meta.url, "sqlite-writer-worker.js"), {
      workerData: { path: this.path },
      resourceLimits: { maxYoungGenerationSizeMb: 32 },
    });
    this.worker = worker;
    this.startedAt = Date.now();
    this.exited = new Promise((r) => {
      worker.once("exit", () => r());
    });
    worker.on("message", (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve();
      else p.reject(Object.assign(new Error(reply.message), { code: reply.code }));
    });
    worker.on("error", (err) => this.lost(worker, err));
    worker.on("exit", (code) => {
      if (!this.closing) this.lost(worker, new Error(`the SQLite writer thread exited with code ${code}`));
    });
  }

  private lost(worker: Worker, err: Error): void {
    if (worker !== this.worker) return; // "error" then "exit": already handled
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    if (this.closing) return;
    if (Date.now() - this.startedAt < 1000) {
      this.failure = err;
      return;
    }
    this.restarts++;
    this.start();
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
    if (this.closing) return Promise.reject(new Error("the SQLite writer thread is closed"));
    return this.send({ plan });
  }

  async close(): Promise<void> {
    if (this.closing) return this.exited;
    this.closing = true;
    if (this.failure) return;
    await this.send({ close: true });
    await this.exited;
  }
}

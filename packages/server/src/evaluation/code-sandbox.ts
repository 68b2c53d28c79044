import { Worker } from "node:worker_threads";
import { workerFile } from "../worker-file.js";
import { EvaluationError } from "./outcome.js";

export interface SandboxLimits {
  workers: number;
  timeoutMs: number;
  memoryMb: number;
}

type Reply = { id: number; ok: true; result: string } | { id: number; ok: false; message: string };

interface Job {
  id: number;
  code: string;
  event: string;
  resolve: (json: string) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Runs code evaluators on worker threads (code-worker.ts), one snippet per
 * worker at a time. A worker is started with an empty environment and a heap
 * limit; a run past the wall-clock limit, a worker out of memory or one that
 * exits is terminated, its snippet fails with the reason, and the next job
 * gets a fresh worker. Nothing a snippet does can block the event loop: the
 * main thread only posts messages and keeps the timer.
 */
export class CodeSandbox {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private next = 0;
  private closed = false;

  constructor(private readonly limits: SandboxLimits) {}

  /** Runs `code` on the event (JSON text); resolves to the result as JSON text. */
  run(code: string, event: string): Promise<string> {
    if (this.closed) return Promise.reject(new EvaluationError("the server is shutting down", true));
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.next++, code, event, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      let slot = this.slots.find((s) => s.job === undefined);
      if (!slot && this.slots.length < Math.max(1, this.limits.workers)) {
        slot = this.spawn();
        this.slots.push(slot);
      }
      if (!slot) return;
      const job = this.waiting.shift() as Job;
      slot.job = job;
      slot.timer = setTimeout(
        () => this.kill(slot, `timed out after ${this.limits.timeoutMs} ms (the worker was terminated)`),
        this.limits.timeoutMs,
      );
      slot.worker.postMessage({
        id: job.id,
        code: job.code,
        event: job.event,
        timeoutMs: this.limits.timeoutMs,
      });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(workerFile(import.meta.url, "code-worker.js"), {
      env: {},
      argv: [],
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.memoryMb,
        maxYoungGenerationSizeMb: Math.min(16, Math.max(1, Math.floor(this.limits.memoryMb / 4))),
        stackSizeMb: 4,
      },
    });
    const slot: Slot = { worker, job: undefined, timer: undefined };
    worker.on("message", (reply: Reply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      this.finish(slot);
      if (reply.ok) job.resolve(reply.result);
      else job.reject(new EvaluationError(reply.message));
    });
    worker.on("error", (err: NodeJS.ErrnoException) => {
      const reason =
        err.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `ran out of memory (limit ${this.limits.memoryMb} MiB; the worker was terminated)`
          : `crashed the worker: ${err.message}`;
      this.kill(slot, reason);
    });
    worker.on("exit", (code) => this.kill(slot, `stopped the worker (exit code ${code})`));
    worker.unref();
    return slot;
  }

  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    this.dispatch();
  }

  /** Fails the slot's job with `reason`, terminates its worker, and lets a new one take over. */
  private kill(slot: Slot, reason: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    clearTimeout(slot.timer);
    slot.job?.reject(new EvaluationError(`the code evaluator ${reason}`));
    slot.job = undefined;
    void slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = new EvaluationError("the server is shutting down", true);
    for (const job of this.waiting.splice(0)) job.reject(stopping);
    const slots = this.slots.splice(0);
    for (const s of slots) s.job?.reject(stopping);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import type { Writable } from "node:stream";

/**
 * Where an export goes: a file, or stdout when no file is named. A file is
 * written under `<file>.partial` and renamed when complete, so a failed
 * export never leaves a truncated file that looks finished. Nothing is
 * created until `fill` runs, so a command that fails before writing leaves
 * no file behind.
 */
export class Sink {
  private stream: Writable = process.stdout;

  /** `path` undefined or "-" means stdout. */
  constructor(path: string | undefined) {
    this.path = path && path !== "-" ? path : undefined;
  }

  readonly path: string | undefined;

  /** Runs `fn` with the sink open, then completes the file; on failure drops the partial file and rethrows. */
  async fill<T>(fn: (sink: Sink) => Promise<T>): Promise<T> {
    if (!this.path) return fn(this);
    const partial = `${this.path}.partial`;
    const file = createWriteStream(partial);
    this.stream = file;
    try {
      const result = await fn(this);
      await new Promise<void>((resolve, reject) =>
        file.end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
      await rename(partial, this.path);
      return result;
    } catch (err) {
      file.destroy();
      await rm(partial, { force: true });
      throw err;
    }
  }

  /** Writes, waiting for the destination to drain so memory stays flat. */
  async write(chunk: string | Buffer): Promise<void> {
    if (this.stream.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        this.stream.off("drain", onDrain);
        reject(err);
      };
      const onDrain = () => {
        this.stream.off("error", onError);
        resolve();
      };
      this.stream.once("drain", onDrain).once("error", onError);
    });
  }

  /** Copies a whole stream, calling `onChunk` with each chunk's size (for progress). */
  async copy(source: AsyncIterable<Buffer>, onChunk: (bytes: number) => void): Promise<void> {
    for await (const chunk of source) {
      await this.write(chunk);
      onChunk(chunk.length);
    }
  }
}

/** Scheduling for `evaluate()`: a bounded worker pool, per-call deadlines and cancellation. */

/**
 * Runs `worker` over `items`, at most `concurrency` at once, in order. No new
 * item starts once `signal` is aborted; items already started are awaited
 * (they are expected to settle promptly on abort). `worker` must not reject.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (!signal.aborted && next < items.length) await worker(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

/** The reason a bounded call gave up. */
export class DeadlineError extends Error {
  override readonly name = "DeadlineError";
}

/**
 * Calls `work` with a signal that aborts after `timeoutMs` or when `parent`
 * aborts, and settles at that moment even if `work` ignores the signal (its
 * late result is dropped). Synchronous throws reject like async ones.
 */
export function bounded<T>(
  timeoutMs: number | undefined,
  parent: AbortSignal,
  work: (signal: AbortSignal) => T | Promise<T>,
): Promise<Awaited<T>> {
  const controller = new AbortController();
  return new Promise<Awaited<T>>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      parent.removeEventListener("abort", onAbort);
    };
    const stop = (reason: Error) => {
      cleanup();
      controller.abort(reason);
      reject(reason);
    };
    const onAbort = () => stop(new DeadlineError("cancelled"));
    if (parent.aborted) return onAbort();
    parent.addEventListener("abort", onAbort, { once: true });
    if (timeoutMs !== undefined)
      timer = setTimeout(() => stop(new DeadlineError(`timed out after ${timeoutMs} ms`)), timeoutMs);
    let pending: Promise<Awaited<T>>;
    try {
      pending = Promise.resolve(work(controller.signal)) as Promise<Awaited<T>>;
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (err: unknown) => {
        cleanup();
        reject(err);
      },
    );
  });
}

/**
 * Aborts `controller` when `signal` aborts or on the first Ctrl-C (SIGINT)
 * while the evaluation runs; a second Ctrl-C gets Node's default behaviour
 * again. Returns the function that removes both listeners.
 */
export function cancelOnSigint(controller: AbortController, signal: AbortSignal | undefined): () => void {
  const onAbort = () => controller.abort(signal?.reason);
  const onSigint = () => controller.abort(new DeadlineError("interrupted (SIGINT)"));
  if (signal?.aborted) onAbort();
  signal?.addEventListener("abort", onAbort, { once: true });
  process.once("SIGINT", onSigint);
  return () => {
    signal?.removeEventListener("abort", onAbort);
    process.removeListener("SIGINT", onSigint);
  };
}

import { type Settlement, watchGarbage } from "./settlement.js";
import type { Run } from "./types.js";

/**
 * A new ReadableStream that reads the original on demand (high-water mark 0:
 * nothing is read before the consumer asks), reports chunks, completes at the
 * end, fails with the original's error, and on cancel() cancels the original.
 * Collected unread: abandoned with "garbage" and the original cancelled. A
 * stream already locked by a reader cannot be observed: it completes at once.
 */
export function observeReadableStream<T>(
  source: ReadableStream<T>,
  settlement: Settlement,
  run: Run,
): ReadableStream<T> {
  if (source.locked) {
    settlement.complete(source, "readable-stream");
    return source;
  }
  const reader = source.getReader();
  settlement.onGarbage = cancelLater(reader);
  const stream = new ReadableStream<T>(
    {
      pull: (controller) => pull(reader, controller, settlement, run),
      cancel: (reason) => {
        settlement.abandon("cancel");
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  watchGarbage(stream, settlement);
  return stream;
}

async function pull<T>(
  reader: ReadableStreamDefaultReader<T>,
  controller: ReadableStreamDefaultController<T>,
  settlement: Settlement,
  run: Run,
): Promise<void> {
  let step: Awaited<ReturnType<ReadableStreamDefaultReader<T>["read"]>>;
  try {
    step = await run(() => reader.read());
  } catch (error) {
    settlement.fail(error);
    controller.error(error);
    return;
  }
  if (step.done) {
    settlement.complete(undefined, "readable-stream");
    controller.close();
    return;
  }
  settlement.chunk(step.value);
  controller.enqueue(step.value);
}

/** In its own scope so that the closure holds the reader and never the wrapping stream. */
function cancelLater(reader: ReadableStreamDefaultReader<unknown>): () => void {
  return () => {
    reader.cancel().then(undefined, () => undefined);
  };
}

import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it, vi } from "vitest";
import { observeResult } from "./index.js";
import { direct, recorder, settle } from "./recorder.testkit.js";

function source(chunks: unknown[], hooks: { cancel?: (reason: unknown) => void; pulled?: () => void } = {}) {
  let i = 0;
  return new ReadableStream(
    {
      pull(controller) {
        hooks.pulled?.();
        if (i < chunks.length) controller.enqueue(chunks[i++]);
        else controller.close();
      },
      cancel: hooks.cancel,
    },
    { highWaterMark: 0 },
  );
}

async function readAll(stream: ReadableStream): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

describe("ReadableStream results", () => {
  it("are replaced by a stream with the same chunks that completes at the end", async () => {
    const { observer, events } = recorder();
    const original = source([{ delta: "a" }, { delta: "b" }]);
    const out = observeResult(original, observer, direct);
    expect(out === original).toBe(false);
    expect(out).toBeInstanceOf(ReadableStream);
    expect(original.locked).toBe(true);
    expect(await readAll(out)).toEqual([{ delta: "a" }, { delta: "b" }]);
    expect(events).toEqual([
      ["firstChunk"],
      ["chunk", { delta: "a" }],
      ["chunk", { delta: "b" }],
      ["complete", undefined, "readable-stream"],
    ]);
  });

  it("read nothing before the consumer asks", async () => {
    const pulled = vi.fn();
    const out = observeResult(source(["a"], { pulled }), recorder().observer, direct);
    await settle();
    expect(pulled).not.toHaveBeenCalled();
    const reader = out.getReader();
    expect(await reader.read()).toEqual({ value: "a", done: false });
    expect(pulled).toHaveBeenCalledTimes(1);
  });

  it("fail with the source's error, which the consumer receives as the same object", async () => {
    const error = new Error("connection reset");
    const broken = new ReadableStream({
      start(controller) {
        controller.enqueue(1);
      },
      pull(controller) {
        controller.error(error);
      },
    });
    const { observer, ends } = recorder();
    await expect(readAll(observeResult(broken, observer, direct))).rejects.toBe(error);
    expect(ends()).toEqual([["fail", error]]);
  });

  it("abandon on cancel() and cancel the source with the same reason", async () => {
    const cancel = vi.fn();
    const { observer, ends } = recorder();
    const out = observeResult(source(["a", "b"], { cancel }), observer, direct);
    const reader = out.getReader();
    await reader.read();
    await reader.cancel("user closed the tab");
    expect(cancel).toHaveBeenCalledWith("user closed the tab");
    expect(ends()).toEqual([["abandon", "cancel"]]);
  });

  it("abandon on break out of for-await", async () => {
    const cancel = vi.fn();
    const { observer, ends } = recorder();
    for await (const _ of observeResult(source(["a", "b"], { cancel }), observer, direct)) break;
    expect(cancel).toHaveBeenCalledOnce();
    expect(ends()).toEqual([["abandon", "cancel"]]);
  });

  it("complete at once when the stream is already locked", () => {
    const locked = source(["a"]);
    locked.getReader();
    const { observer, events } = recorder();
    expect(observeResult(locked, observer, direct)).toBe(locked);
    expect(events).toEqual([["complete", locked, "readable-stream"]]);
  });

  it("read the source inside options.run", async () => {
    const als = new AsyncLocalStorage<string>();
    const seen: unknown[] = [];
    const probe = new ReadableStream(
      {
        pull(controller) {
          seen.push(als.getStore());
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    await readAll(observeResult(probe, recorder().observer, { run: (fn) => als.run("span", fn) }));
    expect(seen).toEqual(["span"]);
  });
});

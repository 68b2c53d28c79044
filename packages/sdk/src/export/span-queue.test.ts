import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { SpanQueue } from "./span-queue.js";

const span = (i: number) => ({ name: `s${i}` }) as unknown as ReadableSpan;

function filled(n: number, bytes = 10): SpanQueue {
  const q = new SpanQueue();
  for (let i = 1; i <= n; i++) q.push({ span: span(i), bytes, seq: i });
  return q;
}

describe("SpanQueue", () => {
  it("takes the oldest entries within both limits, at least one", () => {
    const q = filled(10);
    expect(q.take(3, 1000).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(q.take(100, 25).map((e) => e.seq)).toEqual([4, 5]);
    expect(q.take(100, 1).map((e) => e.seq)).toEqual([6]);
    expect(q.length).toBe(4);
    expect(q.bytes).toBe(40);
    expect(q.headSeq()).toBe(7);
  });

  it("stays ordered and consistent across many pushes and takes", () => {
    const q = new SpanQueue();
    let next = 1;
    let expected = 1;
    for (let round = 0; round < 500; round++) {
      for (let i = 0; i < 7; i++) q.push({ span: span(next), bytes: 1, seq: next++ });
      for (const e of q.take(5, 1000)) expect(e.seq).toBe(expected++);
    }
    expect(q.length).toBe(next - expected);
    expect(q.bytes).toBe(q.length);
    expect(q.drain().map((e) => e.seq)[0]).toBe(expected);
    expect(q.length).toBe(0);
    expect(q.headSeq()).toBeUndefined();
  });

  it("finds a span's entry", () => {
    const q = filled(5);
    const target = q.take(1, 100)[0]!;
    expect(q.find(target.span)).toBeUndefined();
    const last = filled(5);
    const all = last.drain();
    for (const e of all) last.push(e);
    expect(last.find(all[2]!.span)?.seq).toBe(3);
  });
});

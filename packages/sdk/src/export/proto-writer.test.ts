import { describe, expect, it } from "vitest";
import { int64Size, ProtoWriter, utf8Length, varintSize } from "./proto-writer.js";

function written(write: (w: ProtoWriter) => void, size = 64): Buffer {
  const w = new ProtoWriter(size);
  write(w);
  return w.buf.subarray(0, w.pos);
}

/** Reference varint of a BigInt (two's complement for negatives). */
function varintRef(value: bigint): Buffer {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

describe("ProtoWriter", () => {
  const edges = [
    0,
    1,
    127,
    128,
    16_383,
    16_384,
    2 ** 21 - 1,
    2 ** 21,
    2 ** 28,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    2 ** 35,
    2 ** 42,
    2 ** 49,
    2 ** 53 - 1,
  ];

  it.each(edges)("writes varint %d like the reference, in varintSize bytes", (n) => {
    const bytes = written((w) => w.varint(n));
    expect(bytes).toEqual(varintRef(BigInt(n)));
    expect(varintSize(n)).toBe(bytes.length);
  });

  it.each([...edges, -1, -2, -(2 ** 31), -(2 ** 32) - 5, Number.MIN_SAFE_INTEGER])("writes int64 %d", (n) => {
    const bytes = written((w) => w.int64(n));
    expect(bytes).toEqual(varintRef(BigInt(n)));
    expect(int64Size(n)).toBe(bytes.length);
  });

  it.each([
    [0, 0],
    [1_700_000_000, 123_456_789],
    [4_102_444_800, 999_999_999], // year 2100
    [2 ** 33 - 1, 999_999_999],
  ])("writes HrTime [%d, %d] as exact fixed64 nanoseconds", (s, ns) => {
    const bytes = written((w) => w.hrTime(s, ns));
    expect(bytes.readBigUInt64LE(0)).toBe(BigInt(s) * 1_000_000_000n + BigInt(ns));
  });

  it("writes fixed32, double and hex ids", () => {
    expect(written((w) => w.fixed32(0x301)).readUInt32LE(0)).toBe(0x301);
    expect(written((w) => w.double(-0.1)).readDoubleLE(0)).toBe(-0.1);
    expect(written((w) => w.hex("0aF7651916cd43dd", 8)).toString("hex")).toBe("080af7651916cd43dd");
    // Not hex digits (ASCII or beyond) read as 0: "0g" → 00, "€1" → 01, "zz" → 00.
    expect(written((w) => w.hex("0g\u20ac1zz", 3)).toString("hex")).toBe("03000100");
  });
});

describe("utf8Length", () => {
  it.each([
    "",
    "ascii",
    "é",
    "日本語",
    "🚀",
    "\ud800",
    "a\udc00b",
    "🚀".repeat(40),
    "x".repeat(65),
    "é".repeat(100),
  ])("matches Buffer.byteLength and what string() writes for %j", (s) => {
    const length = utf8Length(s);
    expect(length).toBe(Buffer.byteLength(s, "utf8"));
    const bytes = written((w) => w.string(s, length), 1024);
    expect(bytes.subarray(bytes.length - length)).toEqual(Buffer.from(s, "utf8"));
  });
});

import { describe, expect, it } from "vitest";
import { lowerIfUuid, normalizeValue, parseJsonIfClear, toBase64, toNumber } from "./values.js";

describe("values", () => {
  it("base64-encodes like Buffer for every padding length", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + 11) & 255);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    }
  });

  it("normalizes nested byte arrays", () => {
    expect(normalizeValue({ a: [new Uint8Array([255])], b: 1 })).toEqual({ a: ["/w=="], b: 1 });
  });

  it("coerces int64 strings to numbers", () => {
    expect(toNumber("123")).toBe(123);
    expect(toNumber(7)).toBe(7);
    expect(toNumber("")).toBeUndefined();
    expect(toNumber("12abc")).toBeUndefined();
    expect(toNumber(Number.NaN)).toBeUndefined();
    expect(toNumber(null)).toBeUndefined();
  });

  it("parses only clear JSON objects and arrays", () => {
    expect(parseJsonIfClear('{"a":[1]}')).toEqual({ a: [1] });
    expect(parseJsonIfClear("[1, 2]")).toEqual([1, 2]);
    expect(parseJsonIfClear("123")).toBe("123");
    expect(parseJsonIfClear('"quoted"')).toBe('"quoted"');
    expect(parseJsonIfClear("{oops")).toBe("{oops");
    expect(parseJsonIfClear("[link](x) [y]")).toBe("[link](x) [y]");
  });

  it("lower-cases UUIDs only", () => {
    expect(lowerIfUuid("0AF76519-16CD-43DD-8448-EB211C80319C")).toBe("0af76519-16cd-43dd-8448-eb211c80319c");
    expect(lowerIfUuid("My-Session")).toBe("My-Session");
  });
});

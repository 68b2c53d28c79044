import { describe, expect, it } from "vitest";
import { isEmptySpanId, uuidFromSpan, uuidFromTrace } from "./ids.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("ids", () => {
  it("uuidFromSpan = span id + last 16 hex of the trace id, 8-4-4-4-12", () => {
    const id = uuidFromSpan("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");
    expect(id).toBe("b7ad6b71-6920-3331-8448-eb211c80319c");
    expect(id).toMatch(UUID);
  });

  it("is deterministic, lower-case, and distinct per span and per trace", () => {
    const a = uuidFromSpan("0AF7651916CD43DD8448EB211C80319C", "B7AD6B7169203331");
    expect(a).toBe(uuidFromSpan("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"));
    expect(uuidFromSpan("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203332")).not.toBe(a);
    expect(uuidFromSpan("0af7651916cd43dd8448eb211c80319d", "b7ad6b7169203331")).not.toBe(a);
  });

  it("pads short ids", () => {
    expect(uuidFromSpan("1", "2")).toBe("00000000-0000-0002-0000-000000000001");
  });

  it("uuidFromTrace formats the trace id", () => {
    expect(uuidFromTrace("0af7651916cd43dd8448eb211c80319c")).toBe("0af76519-16cd-43dd-8448-eb211c80319c");
  });

  it("recognises root spans", () => {
    expect(isEmptySpanId(undefined)).toBe(true);
    expect(isEmptySpanId("")).toBe(true);
    expect(isEmptySpanId("0000000000000000")).toBe(true);
    expect(isEmptySpanId("b7ad6b7169203331")).toBe(false);
  });
});

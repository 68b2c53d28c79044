import { describe, expect, it } from "vitest";
import { parseErrorMessage, parsePartialSuccess, parseRetryAfter } from "./response.js";

/** ExportTraceServiceResponse{partial_success{rejected_spans, error_message}} by hand. */
function partialBody(rejected: number, message: string): Buffer {
  const msg = Buffer.from(message);
  const inner = Buffer.concat([Buffer.from([0x08, rejected]), Buffer.from([0x12, msg.length]), msg]);
  return Buffer.concat([Buffer.from([0x0a, inner.length]), inner]);
}

describe("parsePartialSuccess", () => {
  it("reads protobuf and JSON partial successes", () => {
    expect(parsePartialSuccess(partialBody(3, "bad ids"), "application/x-protobuf")).toEqual({
      rejectedSpans: 3,
      errorMessage: "bad ids",
    });
    const json = Buffer.from(JSON.stringify({ partialSuccess: { rejectedSpans: "2", errorMessage: "x" } }));
    expect(parsePartialSuccess(json, "application/json")).toEqual({ rejectedSpans: 2, errorMessage: "x" });
  });

  it("says nothing for full success or an unreadable body", () => {
    expect(parsePartialSuccess(new Uint8Array(0))).toBeUndefined();
    expect(parsePartialSuccess(Buffer.from("{}"), "application/json")).toBeUndefined();
    expect(parsePartialSuccess(Buffer.from([0x0a, 0x50, 0x01]), "application/x-protobuf")).toBeUndefined();
    expect(parsePartialSuccess(Buffer.from("not json"), "application/json")).toBeUndefined();
  });
});

describe("parseErrorMessage", () => {
  it("reads google.rpc.Status, HoneyHive's JSON error and plain text", () => {
    const msg = Buffer.from("HH_E_AUTH: bad key");
    const status = Buffer.concat([Buffer.from([0x08, 16, 0x12, msg.length]), msg]);
    expect(parseErrorMessage(status, "application/x-protobuf")).toBe("HH_E_AUTH: bad key");
    const json = JSON.stringify({ error: { code: "X", message: "Invalid key", hint: "Check it" } });
    expect(parseErrorMessage(Buffer.from(json), "application/json")).toBe("Invalid key. Check it");
    expect(parseErrorMessage(Buffer.from("  busy\n now "), "text/plain")).toBe("busy now");
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it("reads delta-seconds and HTTP dates, capped", () => {
    expect(parseRetryAfter("3", 60_000, now)).toBe(3000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:10 GMT", 60_000, now)).toBe(10_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", 60_000, now)).toBe(0);
    expect(parseRetryAfter("3600", 60_000, now)).toBe(60_000);
  });

  it("ignores missing and invalid values", () => {
    expect(parseRetryAfter(undefined, 60_000, now)).toBeUndefined();
    expect(parseRetryAfter("", 60_000, now)).toBeUndefined();
    expect(parseRetryAfter("soon", 60_000, now)).toBeUndefined();
    expect(parseRetryAfter("-5", 60_000, now)).toBeUndefined();
  });
});

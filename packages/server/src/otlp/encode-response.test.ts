import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { describe, expect, it } from "vitest";
import { encodeResponseJson, encodeResponseProtobuf } from "./index.js";

describe("encodeResponseProtobuf", () => {
  it("is an empty body on full success", () => {
    expect(encodeResponseProtobuf()).toEqual(new Uint8Array(0));
    expect(encodeResponseProtobuf({ rejectedSpans: 0, errorMessage: "" })).toEqual(new Uint8Array(0));
    expect(ProtobufTraceSerializer.deserializeResponse(encodeResponseProtobuf()).partialSuccess).toBeFalsy();
  });

  it("encodes ExportTracePartialSuccess in field 1, byte for byte", () => {
    // 0a 07 | 08 03 | 12 03 'b' 'a' 'd'
    expect([...encodeResponseProtobuf({ rejectedSpans: 3, errorMessage: "bad" })]).toEqual([
      0x0a, 0x07, 0x08, 0x03, 0x12, 0x03, 0x62, 0x61, 0x64,
    ]);
    expect([...encodeResponseProtobuf({ rejectedSpans: 300, errorMessage: "" })]).toEqual([
      0x0a, 0x03, 0x08, 0xac, 0x02,
    ]);
  });

  it("is read back by the OpenTelemetry JS exporter's own response decoder", () => {
    const message = `${"ü".repeat(100)} rejected`;
    for (const rejectedSpans of [1, 127, 128, 2 ** 31, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER]) {
      const decoded = ProtobufTraceSerializer.deserializeResponse(
        encodeResponseProtobuf({ rejectedSpans, errorMessage: message }),
      );
      expect(String(decoded.partialSuccess?.rejectedSpans)).toBe(String(rejectedSpans));
      expect(decoded.partialSuccess?.errorMessage).toBe(message);
    }
    const warning = ProtobufTraceSerializer.deserializeResponse(
      encodeResponseProtobuf({ rejectedSpans: 0, errorMessage: "w" }),
    );
    expect(warning.partialSuccess?.errorMessage).toBe("w");
    expect(Number(warning.partialSuccess?.rejectedSpans ?? 0)).toBe(0);
  });

  it("refuses a negative or fractional count", () => {
    expect(() => encodeResponseProtobuf({ rejectedSpans: -1, errorMessage: "" })).toThrow(RangeError);
    expect(() => encodeResponseJson({ rejectedSpans: 1.5, errorMessage: "" })).toThrow(RangeError);
  });
});

describe("encodeResponseJson", () => {
  it("is {} on full success", () => {
    expect(encodeResponseJson()).toBe("{}");
    expect(encodeResponseJson({ rejectedSpans: 0, errorMessage: "" })).toBe("{}");
  });

  it("writes the rejected count as a proto3 JSON int64 string", () => {
    const text = encodeResponseJson({ rejectedSpans: 3, errorMessage: 'span 2: "bad" id' });
    expect(text).toBe('{"partialSuccess":{"rejectedSpans":"3","errorMessage":"span 2: \\"bad\\" id"}}');
    const decoded = JsonTraceSerializer.deserializeResponse(new TextEncoder().encode(text));
    expect(decoded.partialSuccess).toEqual({ rejectedSpans: "3", errorMessage: 'span 2: "bad" id' });
    expect(encodeResponseJson({ rejectedSpans: 0, errorMessage: "warn" })).toBe(
      '{"partialSuccess":{"errorMessage":"warn"}}',
    );
  });
});

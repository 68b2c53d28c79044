/** Hand-written OTLP/JSON bodies: accepted spellings, per-span rejections, whole-body errors. */
import { describe, expect, it } from "vitest";
import { decodeTracesJson, OtlpDecodeError } from "./index.js";

/** The double nearest to an exact decimal (a literal with this many digits would trip the linter). */
const nearest = (decimal: string): number => Number(decimal);

const TRACE = "0af7651916cd43dd8448eb211c80319c";
const SPAN = "b7ad6b7169203331";
const TRACE_B64 = Buffer.from(TRACE, "hex").toString("base64");
const SPAN_B64URL = Buffer.from(SPAN, "hex").toString("base64url");

type Json = Record<string, unknown>;
const span = (fields: Json = {}): Json => ({ traceId: TRACE, spanId: SPAN, name: "s", ...fields });
const body = (...spans: unknown[]) => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
const onlySpan = (fields: Json = {}) => {
  const { spans, rejected } = decodeTracesJson(body(span(fields)));
  expect(rejected).toEqual([]);
  expect(spans).toHaveLength(1);
  return spans[0]!;
};
const rejection = (fields: Json | unknown) => {
  const { spans, rejected } = decodeTracesJson(body(fields, span({ name: "kept" })));
  expect(spans.map((s) => s.name)).toEqual(["kept"]);
  expect(rejected).toHaveLength(1);
  expect(rejected[0]!.index).toBe("resourceSpans[0].scopeSpans[0].spans[0]");
  return rejected[0]!.reason;
};
const attrValue = (value: unknown) => onlySpan({ attributes: [{ key: "k", value }] }).attributes["k"];
function decodeError(text: string | Uint8Array): string {
  try {
    decodeTracesJson(text);
  } catch (err) {
    expect(err).toBeInstanceOf(OtlpDecodeError);
    return (err as OtlpDecodeError).message;
  }
  throw new Error("expected an OtlpDecodeError");
}

describe("decodeTracesJson: accepted forms", () => {
  it("decodes a full lowerCamelCase span", () => {
    const text = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
          scopeSpans: [
            {
              scope: { name: "lib", version: "2.0" },
              spans: [
                {
                  traceId: TRACE.toUpperCase(),
                  spanId: SPAN,
                  parentSpanId: "00f067aa0ba902b7",
                  name: "op",
                  kind: 2,
                  startTimeUnixNano: "1700000000123456789",
                  endTimeUnixNano: "1700000001000000000",
                  attributes: [{ key: "a", value: { intValue: "5" } }],
                  events: [{ timeUnixNano: "1700000000500000000", name: "e", attributes: [] }],
                  status: { code: 2, message: "bad" },
                  links: [{ traceId: TRACE, spanId: SPAN }],
                  flags: 769,
                },
              ],
            },
          ],
        },
      ],
    });
    expect(decodeTracesJson(text)).toEqual({
      spans: [
        {
          traceId: TRACE,
          spanId: SPAN,
          parentSpanId: "00f067aa0ba902b7",
          name: "op",
          kind: 2,
          startTimeMs: nearest("1700000000123.456789"),
          endTimeMs: 1_700_000_001_000,
          attributes: { a: 5 },
          status: { code: 2, message: "bad" },
          events: [{ name: "e", timeMs: 1_700_000_000_500, attributes: {} }],
          resource: { "service.name": "svc" },
          scope: { name: "lib", version: "2.0" },
        },
      ],
      rejected: [],
    });
  });

  it("accepts snake_case names, base64 ids, numeric times and enum names", () => {
    const text = JSON.stringify({
      resource_spans: [
        {
          resource: { attributes: [{ key: "r", value: { string_value: "x" } }] },
          scope_spans: [
            {
              scope: { name: "lib" },
              spans: [
                {
                  trace_id: TRACE_B64,
                  span_id: SPAN_B64URL,
                  parent_span_id: "",
                  name: "op",
                  kind: "SPAN_KIND_CONSUMER",
                  start_time_unix_nano: 1_500_000,
                  end_time_unix_nano: 2_500_000,
                  attributes: [
                    {
                      key: "kv",
                      value: { kvlist_value: { values: [{ key: "i", value: { int_value: 3 } }] } },
                    },
                  ],
                  status: { code: "STATUS_CODE_OK" },
                },
              ],
            },
          ],
        },
      ],
    });
    const [s] = decodeTracesJson(text).spans;
    expect(s).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      name: "op",
      kind: 5,
      startTimeMs: 1.5,
      endTimeMs: 2.5,
      attributes: { kv: { i: 3 } },
      status: { code: 1 },
      events: [],
      resource: { r: "x" },
      scope: { name: "lib" },
    });
  });

  it("reads the pre-1.0 instrumentationLibrarySpans / instrumentationLibrary names", () => {
    const text = JSON.stringify({
      resourceSpans: [
        { instrumentationLibrarySpans: [{ instrumentationLibrary: { name: "old" }, spans: [span()] }] },
      ],
    });
    expect(decodeTracesJson(text).spans[0]!.scope).toEqual({ name: "old" });
  });

  it("prefers hex over base64 when an id is both, and treats an all-zero parent as a root", () => {
    expect(onlySpan({ spanId: "0123456789abcdef" }).spanId).toBe("0123456789abcdef");
    expect("parentSpanId" in onlySpan({ parentSpanId: "0000000000000000" })).toBe(false);
    expect("parentSpanId" in onlySpan({ parentSpanId: null })).toBe(false);
  });

  it("decodes every AnyValue form", () => {
    expect(attrValue({ stringValue: "héllo" })).toBe("héllo");
    expect(attrValue({ boolValue: false })).toBe(false);
    expect(attrValue({ intValue: 42 })).toBe(42);
    expect(attrValue({ intValue: "-42" })).toBe(-42);
    expect(attrValue({ intValue: "9007199254740993" })).toBe("9007199254740993");
    expect(attrValue({ intValue: "-9223372036854775808" })).toBe("-9223372036854775808");
    expect(attrValue({ intValue: "0009007199254740991" })).toBe(9007199254740991);
    expect(attrValue({ doubleValue: 1.25 })).toBe(1.25);
    expect(attrValue({ doubleValue: "NaN" })).toBeNaN();
    expect(attrValue({ doubleValue: "-Infinity" })).toBe(Number.NEGATIVE_INFINITY);
    expect(attrValue({ doubleValue: "2.5" })).toBe(2.5);
    expect(attrValue({ bytesValue: "AAH/" })).toEqual(new Uint8Array([0, 1, 255]));
    expect(attrValue({ bytesValue: { "0": 7, "1": 8 } })).toEqual(new Uint8Array([7, 8]));
    expect(attrValue({ bytesValue: [9] })).toEqual(new Uint8Array([9]));
    expect(attrValue({ arrayValue: { values: [{ intValue: 1 }, {}, { arrayValue: {} }] } })).toEqual([
      1,
      null,
      [],
    ]);
    expect(attrValue({ kvlistValue: {} })).toEqual({});
    expect(attrValue({})).toBeNull();
    expect(attrValue(undefined)).toBeNull();
  });

  it("skips attributes without a key, lets the last duplicate win, and keeps __proto__ as plain data", () => {
    const attrs = onlySpan({
      attributes: [
        { value: { stringValue: "no key" } },
        { key: "", value: { stringValue: "empty key" } },
        { key: null, value: {} },
        { key: "dup", value: { intValue: 1 } },
        { key: "dup", value: { intValue: 2 } },
        {
          key: "__proto__",
          value: { kvlistValue: { values: [{ key: "polluted", value: { boolValue: true } }] } },
        },
      ],
    }).attributes;
    expect(Object.keys(attrs)).toEqual(["dup", "__proto__"]);
    expect(attrs["dup"]).toBe(2);
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect((attrs as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("clamps an end before the start to the start, and reads absent times as 0", () => {
    expect(onlySpan({ startTimeUnixNano: "5000000", endTimeUnixNano: "1000000" }).endTimeMs).toBe(5);
    expect(onlySpan()).toMatchObject({ startTimeMs: 0, endTimeMs: 0, kind: 0, status: { code: 0 } });
  });

  it("takes UTF-8 bytes, with or without a byte-order mark, and treats a missing resourceSpans as empty", () => {
    const bytes = new TextEncoder().encode(`\uFEFF${body(span({ name: "ü" }))}`);
    expect(decodeTracesJson(bytes).spans[0]!.name).toBe("ü");
    expect(decodeTracesJson(`\uFEFF${body(span())}`).spans).toHaveLength(1);
    expect(decodeTracesJson("{}")).toEqual({ spans: [], rejected: [] });
    expect(decodeTracesJson('{"resourceSpans":null}')).toEqual({ spans: [], rejected: [] });
  });
});

describe("decodeTracesJson: per-span rejections", () => {
  it.each([
    [42, "expected a span object, got 42"],
    [{ spanId: SPAN }, "traceId is missing"],
    [{ traceId: "xyz", spanId: SPAN }, 'traceId must be 32 hex characters (16 bytes), got "xyz"'],
    [{ traceId: 7, spanId: SPAN }, "traceId: expected a hex string, got 7"],
    [{ traceId: "0".repeat(32), spanId: SPAN }, "traceId must not be all zeros"],
    [
      { traceId: TRACE, spanId: `${SPAN}00` },
      'spanId must be 16 hex characters (8 bytes), got "b7ad6b716920333100"',
    ],
    [{ traceId: TRACE, spanId: "0".repeat(16) }, "spanId must not be all zeros"],
    [
      { traceId: TRACE, spanId: SPAN_B64URL.slice(1) },
      `spanId must be 16 hex characters (8 bytes), got "${SPAN_B64URL.slice(1)}"`,
    ],
    [span({ parentSpanId: "abc" }), 'parentSpanId must be 16 hex characters (8 bytes), got "abc"'],
    [span({ name: 3 }), "name: expected a string, got 3"],
    [
      span({ kind: "SPAN_KIND_BOGUS" }),
      'kind: expected an integer or one of SPAN_KIND_UNSPECIFIED, SPAN_KIND_INTERNAL, SPAN_KIND_SERVER, SPAN_KIND_CLIENT, SPAN_KIND_PRODUCER, SPAN_KIND_CONSUMER, got "SPAN_KIND_BOGUS"',
    ],
    [span({ kind: 1.5 }), "kind: expected an integer or one of"],
    [
      span({ startTimeUnixNano: "-1" }),
      'startTimeUnixNano: expected unsigned integer nanoseconds (a decimal string or number), got "-1"',
    ],
    [span({ endTimeUnixNano: "1.5e9" }), "endTimeUnixNano: expected unsigned integer nanoseconds"],
    [span({ attributes: {} }), "attributes: expected an array of {key, value}, got an object"],
    [span({ attributes: ["x"] }), 'attributes[0]: expected {key, value}, got "x"'],
    [span({ attributes: [{ key: 1, value: {} }] }), "attributes[0].key: expected a string, got 1"],
    [
      span({ attributes: [{ key: "k", value: "v" }] }),
      'attributes[0].value: expected an AnyValue object, got "v"',
    ],
    [
      span({ attributes: [{ key: "k", value: { stringValue: 1 } }] }),
      "attributes[0].value.stringValue: expected a string, got 1",
    ],
    [
      span({ attributes: [{ key: "k", value: { boolValue: "true" } }] }),
      'attributes[0].value.boolValue: expected a boolean, got "true"',
    ],
    [
      span({ attributes: [{ key: "k", value: { intValue: 1.5 } }] }),
      "attributes[0].value.intValue: expected a 64-bit integer (number or decimal string), got 1.5",
    ],
    [
      span({ attributes: [{ key: "k", value: { intValue: "9223372036854775808" } }] }),
      "attributes[0].value.intValue: expected a 64-bit integer",
    ],
    [
      span({ attributes: [{ key: "k", value: { doubleValue: "fast" } }] }),
      'attributes[0].value.doubleValue: expected a number, got "fast"',
    ],
    [
      span({ attributes: [{ key: "k", value: { bytesValue: "***" } }] }),
      'attributes[0].value.bytesValue: expected base64, got "***"',
    ],
    [
      span({ attributes: [{ key: "k", value: { arrayValue: { values: [{ intValue: "x" }] } } }] }),
      'attributes[0].value.arrayValue.values[0].intValue: expected a 64-bit integer (number or decimal string), got "x"',
    ],
    [
      span({ attributes: [{ key: "k", value: { kvlistValue: { values: 1 } } }] }),
      "attributes[0].value.kvlistValue.values: expected an array, got 1",
    ],
    [
      span({
        attributes: [
          { key: "k", value: { kvlistValue: { values: [{ key: "z", value: { intValue: true } }] } } },
        ],
      }),
      "attributes[0].value.kvlistValue.values[0].value.intValue: expected a 64-bit integer (number or decimal string), got true",
    ],
    [span({ events: {} }), "events: expected an array, got an object"],
    [span({ events: [{ name: "ok" }, 5] }), "events[1]: expected an event object, got 5"],
    [span({ events: [{ name: 5 }] }), "events[0].name: expected a string, got 5"],
    [
      span({ events: [{ attributes: [{ key: "k", value: { intValue: "?" } }] }] }),
      'events[0].attributes[0].value.intValue: expected a 64-bit integer (number or decimal string), got "?"',
    ],
    [span({ status: "ERROR" }), 'status: expected an object, got "ERROR"'],
    [
      span({ status: { code: "STATUS_CODE_BROKEN" } }),
      "status.code: expected an integer or one of STATUS_CODE_UNSET, STATUS_CODE_OK, STATUS_CODE_ERROR",
    ],
    [span({ status: { message: false } }), "status.message: expected a string, got false"],
  ])("rejects %j: %s", (input, reason) => {
    expect(rejection(input)).toContain(reason);
  });

  it("rejects values nested deeper than 64 levels", () => {
    let value: Json = { intValue: 1 };
    for (let i = 0; i < 64; i++) value = { arrayValue: { values: [value] } };
    expect(attrValue(value)).toBeDefined();
    expect(
      rejection(span({ attributes: [{ key: "k", value: { arrayValue: { values: [value] } } }] })),
    ).toMatch(/nested deeper than 64 levels$/);
  });

  it("rejects every span of a resource or scope that is malformed, and keeps the others", () => {
    const text = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "r", value: { intValue: "nope" } }] },
          scopeSpans: [{ spans: [span(), span()] }],
        },
        {
          scopeSpans: [
            { scope: { name: 5 }, spans: [span()] },
            { scope: { name: "fine" }, spans: [span({ name: "kept" })] },
          ],
        },
        { resource: [], scopeSpans: [{ spans: [span()] }] },
      ],
    });
    const { spans, rejected } = decodeTracesJson(text);
    expect(spans.map((s) => s.name)).toEqual(["kept"]);
    const resourceReason =
      'resource.attributes[0].value.intValue: expected a 64-bit integer (number or decimal string), got "nope"';
    expect(rejected).toEqual([
      { index: "resourceSpans[0].scopeSpans[0].spans[0]", reason: resourceReason },
      { index: "resourceSpans[0].scopeSpans[0].spans[1]", reason: resourceReason },
      { index: "resourceSpans[1].scopeSpans[0].spans[0]", reason: "scope.name: expected a string, got 5" },
      {
        index: "resourceSpans[2].scopeSpans[0].spans[0]",
        reason: "resource: expected an object, got an array",
      },
    ]);
  });
});

describe("decodeTracesJson: whole-body errors", () => {
  it("reports invalid JSON with the parser's message", () => {
    expect(decodeError('{"resourceSpans": [')).toMatch(/^invalid JSON: .+/);
    expect(decodeError('{"resourceSpans": x}')).toMatch(/^invalid JSON: Unexpected token 'x'/);
    expect(decodeError(new Uint8Array([0xff, 0xfe]))).toMatch(/^invalid JSON: /);
  });

  it.each([
    ["[]", "OTLP JSON body must be an ExportTraceServiceRequest object, got an array"],
    ["null", "OTLP JSON body must be an ExportTraceServiceRequest object, got null"],
    ['"text"', 'OTLP JSON body must be an ExportTraceServiceRequest object, got "text"'],
    ['{"resourceSpans":{}}', "resourceSpans: expected an array, got an object"],
    ['{"resourceSpans":[1]}', "resourceSpans[0]: expected an object, got 1"],
    ['{"resourceSpans":[{"scopeSpans":"x"}]}', 'resourceSpans[0].scopeSpans: expected an array, got "x"'],
    [
      '{"resourceSpans":[{"scopeSpans":[[]]}]}',
      "resourceSpans[0].scopeSpans[0]: expected an object, got an array",
    ],
    [
      '{"resourceSpans":[{"scopeSpans":[{"spans":{}}]}]}',
      "resourceSpans[0].scopeSpans[0].spans: expected an array, got an object",
    ],
  ])("%s", (text, message) => {
    expect(decodeError(text)).toBe(message);
  });
});

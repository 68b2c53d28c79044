/** Hand-built protobuf bodies: edge values, unknown fields, rejections, malformed framing. */
import { describe, expect, it } from "vitest";
import { decodeTracesProtobuf, OtlpDecodeError } from "./index.js";

/** The double nearest to an exact decimal (a literal with this many digits would trip the linter). */
const nearest = (decimal: string): number => Number(decimal);

type Bytes = number[];

function varint(value: number | bigint): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: Bytes = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const key = (field: number, wire: number): Bytes => varint(field * 8 + wire);
const vfield = (field: number, value: number | bigint): Bytes => [...key(field, 0), ...varint(value)];
const lfield = (field: number, bytes: Bytes): Bytes => [...key(field, 2), ...varint(bytes.length), ...bytes];
const sfield = (field: number, s: string): Bytes => lfield(field, [...Buffer.from(s, "utf8")]);
function fixed64(field: number, value: bigint): Bytes {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt.asUintN(64, value));
  return [...key(field, 1), ...b];
}
function float64(field: number, value: number): Bytes {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return [...key(field, 1), ...b];
}
const fixed32 = (field: number, value: number): Bytes => [
  ...key(field, 5),
  value & 255,
  (value >>> 8) & 255,
  0,
  0,
];
const hex = (h: string): Bytes => [...Buffer.from(h, "hex")];

const av = {
  str: (s: string) => sfield(1, s),
  bool: (b: boolean) => vfield(2, b ? 1 : 0),
  int: (n: number | bigint) => vfield(3, n),
  double: (x: number) => float64(4, x),
  array: (...values: Bytes[]) =>
    lfield(
      5,
      values.flatMap((v) => lfield(1, v)),
    ),
  kvlist: (...kvs: Bytes[]) =>
    lfield(
      6,
      kvs.flatMap((k) => lfield(1, k)),
    ),
  bytes: (b: Bytes) => lfield(7, b),
};
const kv = (k: string, value: Bytes): Bytes => [...sfield(1, k), ...lfield(2, value)];
const attr = (field: number, k: string, value: Bytes): Bytes => lfield(field, kv(k, value));

const TRACE = "0af7651916cd43dd8448eb211c80319c";
const SPAN = "b7ad6b7169203331";

interface SpanParts {
  traceId?: Bytes;
  spanId?: Bytes;
  parent?: Bytes;
  name?: string;
  extra?: Bytes;
}
function span({
  traceId = hex(TRACE),
  spanId = hex(SPAN),
  parent,
  name = "s",
  extra = [],
}: SpanParts = {}): Bytes {
  return [
    ...lfield(1, traceId),
    ...lfield(2, spanId),
    ...(parent ? lfield(4, parent) : []),
    ...sfield(5, name),
    ...extra,
  ];
}
const scopeSpans = (scope: Bytes, ...spans: Bytes[]): Bytes => [
  ...(scope.length ? lfield(1, scope) : []),
  ...spans.flatMap((s) => lfield(2, s)),
];
const resourceSpans = (resourceAttrs: Bytes[], ...scopes: Bytes[]): Bytes => [
  ...lfield(1, resourceAttrs.flat()),
  ...scopes.flatMap((s) => lfield(2, s)),
];
const request = (...rs: Bytes[]): Uint8Array => new Uint8Array(rs.flatMap((r) => lfield(1, r)));
/** A request with one resource, one scope and the given spans. */
const oneScope = (...spans: Bytes[]): Uint8Array => request(resourceSpans([], scopeSpans([], ...spans)));
const onlySpan = (parts: SpanParts = {}) => {
  const { spans, rejected } = decodeTracesProtobuf(oneScope(span(parts)));
  expect(rejected).toEqual([]);
  expect(spans).toHaveLength(1);
  return spans[0]!;
};
const attrValue = (value: Bytes) => onlySpan({ extra: attr(9, "k", value) }).attributes["k"];

function decodeError(body: Uint8Array): string {
  try {
    decodeTracesProtobuf(body);
  } catch (err) {
    expect(err).toBeInstanceOf(OtlpDecodeError);
    return (err as OtlpDecodeError).message;
  }
  throw new Error("expected an OtlpDecodeError");
}

describe("decodeTracesProtobuf: values", () => {
  it("fills defaults for a minimal span", () => {
    expect(onlySpan()).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      name: "s",
      kind: 0,
      startTimeMs: 0,
      endTimeMs: 0,
      attributes: {},
      status: { code: 0 },
      events: [],
      resource: {},
      scope: { name: "" },
    });
  });

  it("an empty body is a request with no spans", () => {
    expect(decodeTracesProtobuf(new Uint8Array(0))).toEqual({ spans: [], rejected: [] });
  });

  it.each([
    [0, 0],
    [1, 1],
    [300, 300],
    [-1, -1],
    [2 ** 31, 2 ** 31],
    [-(2 ** 31), -(2 ** 31)],
    [2 ** 32, 2 ** 32],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [-Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
    [2n ** 53n, "9007199254740992"],
    [-(2n ** 53n), "-9007199254740992"],
    [2n ** 63n - 1n, "9223372036854775807"],
    [-(2n ** 63n), "-9223372036854775808"],
    [1234567890123456789n, "1234567890123456789"],
  ])("int64 %s decodes to %j", (input, expected) => {
    expect(attrValue(av.int(input))).toBe(expected);
  });

  it("decodes strings, bools, doubles, bytes, arrays, kvlists and empty values", () => {
    const attrs = onlySpan({
      extra: [
        ...attr(9, "s", av.str("héllo ✓ 🚀")),
        ...attr(9, "long", av.str("x".repeat(5000))),
        ...attr(9, "t", av.bool(true)),
        ...attr(9, "f", av.bool(false)),
        ...attr(9, "d", av.double(-2.5e-300)),
        ...attr(9, "nan", av.double(Number.NaN)),
        ...attr(9, "b", av.bytes([0, 255, 7])),
        ...attr(9, "emptyBytes", av.bytes([])),
        ...attr(9, "arr", av.array(av.int(1), av.str("two"), [], av.array(av.bool(false)))),
        ...attr(9, "kv", av.kvlist(kv("a", av.int(1)), kv("b", av.kvlist(kv("c", av.str("deep")))))),
        ...attr(9, "none", []),
      ],
    }).attributes;
    expect(attrs).toEqual({
      s: "héllo ✓ 🚀",
      long: "x".repeat(5000),
      t: true,
      f: false,
      d: -2.5e-300,
      nan: Number.NaN,
      b: new Uint8Array([0, 255, 7]),
      emptyBytes: new Uint8Array([]),
      arr: [1, "two", null, [false]],
      kv: { a: 1, b: { c: "deep" } },
      none: null,
    });
  });

  it("copies bytes values out of the request body", () => {
    const body = oneScope(span({ extra: attr(9, "b", av.bytes([1, 2, 3])) }));
    const value = decodeTracesProtobuf(body).spans[0]!.attributes["b"] as Uint8Array;
    body.fill(0);
    expect([...value]).toEqual([1, 2, 3]);
  });

  it("skips attributes without a key, lets the last duplicate win, and keeps __proto__ as plain data", () => {
    const attrs = onlySpan({
      extra: [
        ...lfield(9, lfield(2, av.str("no key"))),
        ...attr(9, "", av.str("empty key")),
        ...attr(9, "dup", av.int(1)),
        ...attr(9, "dup", av.int(2)),
        ...attr(9, "__proto__", av.kvlist(kv("polluted", av.bool(true)))),
      ],
    }).attributes;
    expect(Object.keys(attrs)).toEqual(["dup", "__proto__"]);
    expect(attrs["dup"]).toBe(2);
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect((attrs as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(attrs, "__proto__")?.value).toEqual({ polluted: true });
  });

  it("converts fixed64 nanoseconds to fractional milliseconds", () => {
    const s = onlySpan({ extra: [...fixed64(7, 1_500n), ...fixed64(8, 1_700_000_000_123_456_789n)] });
    expect(s.startTimeMs).toBe(0.0015);
    expect(s.endTimeMs).toBe(nearest("1700000000123.456789"));
    const max = onlySpan({ extra: [...fixed64(7, 2n ** 64n - 1n), ...fixed64(8, 2n ** 64n - 1n)] });
    expect(max.startTimeMs).toBe(nearest("18446744073709.551615"));
  });

  it("clamps an end before the start (or a missing end) to the start", () => {
    expect(onlySpan({ extra: [...fixed64(7, 5_000_000n), ...fixed64(8, 1_000_000n)] }).endTimeMs).toBe(5);
    expect(onlySpan({ extra: fixed64(7, 5_000_000n) }).endTimeMs).toBe(5);
  });

  it("decodes kind, status and events", () => {
    const s = onlySpan({
      extra: [
        ...vfield(6, 3),
        ...lfield(15, [...sfield(2, "it failed"), ...vfield(3, 2)]),
        ...lfield(11, [...fixed64(1, 2_000_000n), ...sfield(2, "evt"), ...attr(3, "n", av.int(5))]),
        ...lfield(11, []),
      ],
    });
    expect(s.kind).toBe(3);
    expect(s.status).toEqual({ code: 2, message: "it failed" });
    expect(s.events).toEqual([
      { name: "evt", timeMs: 2, attributes: { n: 5 } },
      { name: "", timeMs: 0, attributes: {} },
    ]);
    expect(onlySpan({ extra: vfield(6, -1) }).kind).toBe(-1);
  });

  it("treats an empty or all-zero parent span id as a root", () => {
    expect("parentSpanId" in onlySpan({ parent: [] })).toBe(false);
    expect("parentSpanId" in onlySpan({ parent: hex("0000000000000000") })).toBe(false);
    expect(onlySpan({ parent: hex("00F067AA0BA902B7") }).parentSpanId).toBe("00f067aa0ba902b7");
  });

  it("puts resource attributes and scope on every span, even when the resource comes last", () => {
    const scope = [
      ...sfield(1, "lib"),
      ...sfield(2, "1.0"),
      ...attr(3, "ignored", av.int(1)),
      ...vfield(4, 0),
    ];
    const rs = [
      ...lfield(2, scopeSpans(scope, span({ name: "a" }), span({ name: "b" }))),
      ...lfield(1, [...attr(1, "service.name", av.str("svc")), ...vfield(2, 3)]),
    ];
    const { spans } = decodeTracesProtobuf(request(rs));
    expect(spans.map((s) => s.name)).toEqual(["a", "b"]);
    expect(spans[0]!.resource).toEqual({ "service.name": "svc" });
    expect(spans[0]!.resource).toBe(spans[1]!.resource);
    expect(spans[0]!.scope).toEqual({ name: "lib", version: "1.0" });
    expect(spans[0]!.scope).toBe(spans[1]!.scope);
  });

  it("reads the pre-1.0 instrumentation_library_spans (field 1000) like scope_spans", () => {
    const rs = lfield(1000, scopeSpans(sfield(1, "old-lib"), span({ name: "legacy" })));
    const { spans } = decodeTracesProtobuf(request(rs));
    expect(spans.map((s) => [s.name, s.scope.name])).toEqual([["legacy", "old-lib"]]);
  });
});

describe("decodeTracesProtobuf: unknown fields", () => {
  const unknown: Bytes = [
    ...vfield(90, 2n ** 64n - 1n), // 10-byte varint
    ...fixed64(91, 123n),
    ...lfield(92, [1, 2, 3, 4]),
    ...fixed32(93, 7),
    ...key(94, 3), // group holding a varint, a nested group and a length-delimited field
    ...vfield(1, 5),
    ...key(95, 3),
    ...fixed32(2, 1),
    ...key(95, 4),
    ...lfield(3, [9, 9]),
    ...key(94, 4),
  ];

  it("are skipped at every level, whatever their wire type", () => {
    const body = request([
      ...unknown,
      ...lfield(1, [...unknown, ...attr(1, "r", [...unknown, ...av.str("rv"), ...unknown]), ...unknown]),
      ...lfield(2, [
        ...unknown,
        ...lfield(1, [...unknown, ...sfield(1, "lib"), ...unknown]),
        ...lfield(
          2,
          span({
            extra: [
              ...unknown,
              ...lfield(9, [
                ...unknown,
                ...sfield(1, "k"),
                ...unknown,
                ...lfield(2, [...unknown, ...av.int(7)]),
              ]),
              ...lfield(11, [...unknown, ...sfield(2, "e"), ...unknown]),
              ...lfield(15, [...unknown, ...vfield(1, 9), ...vfield(3, 1), ...unknown]),
              ...lfield(13, [...lfield(1, hex(TRACE)), ...unknown]),
              ...fixed32(16, 0x301),
              ...sfield(3, "vendor=1"),
              ...vfield(10, 1),
              ...vfield(12, 1),
              ...vfield(14, 1),
            ],
          }),
        ),
        ...unknown,
      ]),
      ...unknown,
    ]);
    const { spans, rejected } = decodeTracesProtobuf(new Uint8Array([...unknown, ...body, ...unknown]));
    expect(rejected).toEqual([]);
    expect(spans).toHaveLength(1);
    const s = spans[0]!;
    expect(s.resource).toEqual({ r: "rv" });
    expect(s.scope).toEqual({ name: "lib" });
    expect(s.attributes).toEqual({ k: 7 });
    expect(s.events).toEqual([{ name: "e", timeMs: 0, attributes: {} }]);
    expect(s.status).toEqual({ code: 1 });
  });
});

describe("decodeTracesProtobuf: per-span rejections", () => {
  it("rejects spans with invalid ids one by one and keeps the rest", () => {
    const body = request(
      resourceSpans(
        [],
        scopeSpans([], span({ name: "ok-1" }), span({ traceId: hex("abcdef") })),
        scopeSpans(
          [],
          span({ traceId: hex("00000000000000000000000000000000") }),
          span({ spanId: [] }),
          span({ spanId: hex("0000000000000000") }),
          span({ parent: hex("0102030405") }),
          span({ name: "ok-2" }),
        ),
      ),
      resourceSpans([], scopeSpans([], span({ traceId: hex(`${TRACE}00`) }), span({ name: "ok-3" }))),
    );
    const { spans, rejected } = decodeTracesProtobuf(body);
    expect(spans.map((s) => s.name)).toEqual(["ok-1", "ok-2", "ok-3"]);
    expect(rejected).toEqual([
      { index: "resourceSpans[0].scopeSpans[0].spans[1]", reason: "traceId must be 16 bytes, got 3" },
      { index: "resourceSpans[0].scopeSpans[1].spans[0]", reason: "traceId must not be all zeros" },
      { index: "resourceSpans[0].scopeSpans[1].spans[1]", reason: "spanId must be 8 bytes, got 0" },
      { index: "resourceSpans[0].scopeSpans[1].spans[2]", reason: "spanId must not be all zeros" },
      {
        index: "resourceSpans[0].scopeSpans[1].spans[3]",
        reason: "parentSpanId must be empty or 8 bytes, got 5",
      },
      { index: "resourceSpans[1].scopeSpans[0].spans[0]", reason: "traceId must be 16 bytes, got 17" },
    ]);
  });
});

describe("decodeTracesProtobuf: malformed bodies", () => {
  it("names the field, offset and sizes of a length that overruns its message", () => {
    const body = new Uint8Array([0x0a, 0x0a, 1, 2, 3]);
    expect(decodeError(body)).toBe(
      "protobuf truncated: ExportTraceServiceRequest.resource_spans (field 1) at byte 0 declares 10 bytes but only 3 remain",
    );
  });

  it("gives the path of a nested problem", () => {
    const bad = [...key(5, 2), 50, ...Buffer.from("short")]; // Span.name declares 50 bytes
    const body = request(
      resourceSpans([], scopeSpans([]), scopeSpans([], span(), [...lfield(1, hex(TRACE)), ...bad])),
    );
    expect(decodeError(body)).toMatch(
      /^protobuf truncated: Span\.name \(field 5\) at byte \d+ declares 50 bytes but only 5 remain \(in resourceSpans\[0\]\.scopeSpans\[1\]\.spans\[1\]\)$/,
    );
  });

  it("reports wire-type mismatches", () => {
    const body = oneScope(span({ extra: vfield(9, 1) }));
    expect(decodeError(body)).toMatch(
      /^protobuf wire type mismatch: Span\.attributes \(field 9\) at byte \d+ has wire type 0 \(varint\), expected 2 \(length-delimited\) \(in resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\)$/,
    );
    const nested = oneScope(span({ extra: attr(9, "k", vfield(4, 1)) }));
    expect(decodeError(nested)).toMatch(
      /AnyValue\.double_value \(field 4\) at byte \d+ has wire type 0 .*\(in resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.attributes\[0\]\.value\)$/,
    );
  });

  it("reports truncated fixed64 fields and varints", () => {
    expect(decodeError(oneScope(span({ extra: [...key(7, 1), 1, 2, 3] })))).toMatch(
      /Span\.start_time_unix_nano \(field 7\) at byte \d+ needs 8 bytes but only 3 remain/,
    );
    expect(decodeError(oneScope(span({ extra: [...key(6, 0), 0x80, 0x80] })))).toMatch(
      /^protobuf truncated: Span\.kind \(field 6\) at byte \d+: varint runs past byte \d+/,
    );
  });

  it("rejects varints over 10 bytes, invalid wire types, field 0 and stray end-group tags", () => {
    expect(decodeError(new Uint8Array([0x10, ...Array(10).fill(0xff), 0x01]))).toMatch(
      /varint longer than 10 bytes/,
    );
    expect(decodeError(new Uint8Array([0x0e, 0x00]))).toMatch(
      /invalid field tag 1\/6 in ExportTraceServiceRequest at byte 0/,
    );
    expect(decodeError(new Uint8Array([0x0f]))).toMatch(/invalid field tag 1\/7/);
    expect(decodeError(new Uint8Array([0x02, 0x00]))).toMatch(/invalid field tag 0\/2/);
    expect(decodeError(new Uint8Array([0x0c]))).toMatch(/end-group tag without a start/);
    expect(decodeError(new Uint8Array([...key(7, 3), ...vfield(1, 1)]))).toMatch(
      /group \(field 7\) .* has no end/,
    );
    expect(decodeError(new Uint8Array([...key(7, 3), ...key(8, 4)]))).toMatch(
      /group \(field 7\) .* ends with field 8/,
    );
  });

  it("limits AnyValue nesting to 64 levels", () => {
    let value = av.int(1);
    for (let i = 0; i < 64; i++) value = av.array(value);
    let unwrapped: unknown = attrValue(value);
    for (let i = 0; i < 64; i++) unwrapped = (unwrapped as unknown[])[0];
    expect(unwrapped).toBe(1);
    expect(decodeError(oneScope(span({ extra: attr(9, "k", av.array(value)) })))).toMatch(
      /AnyValue nested deeper than 64 levels/,
    );
  });
});

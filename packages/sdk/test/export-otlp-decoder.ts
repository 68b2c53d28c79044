/**
 * A test-only OTLP trace protobuf decoder, written from trace.proto and
 * independent of the encoder under test: every field is decoded (unknown
 * fields are an error), so a wrong number, wire type or length shows.
 */

type Raw = { field: number; wire: number; varint?: bigint; bytes?: Uint8Array; fixed?: Uint8Array };

function parse(buf: Uint8Array): Raw[] {
  const out: Raw[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let value = 0n;
    let shift = 0n;
    for (;;) {
      const b = buf[pos++];
      if (b === undefined) throw new Error(`truncated varint at ${pos}`);
      value |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return value;
      shift += 7n;
      if (shift > 63n) throw new Error("varint too long");
    }
  };
  while (pos < buf.length) {
    const tag = Number(varint());
    const field = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) out.push({ field, wire, varint: varint() });
    else if (wire === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new Error(`field ${field}: length ${len} past the end`);
      out.push({ field, wire, bytes: buf.subarray(pos, pos + len) });
      pos += len;
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (pos + n > buf.length) throw new Error("truncated fixed");
      out.push({ field, wire, fixed: buf.subarray(pos, pos + n) });
      pos += n;
    } else throw new Error(`wire type ${wire}`);
  }
  return out;
}

const text = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString("utf8");
const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString("hex");
const u64 = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array(8)).readBigUInt64LE(0);
const u32 = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array(4)).readUInt32LE(0);
const int = (v: bigint | undefined) => {
  const n = BigInt.asIntN(64, v ?? 0n);
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
};

function fields(buf: Uint8Array, message: string, known: Record<number, number>): Raw[] {
  const raw = parse(buf);
  for (const f of raw) {
    if (known[f.field] !== f.wire) throw new Error(`${message}: unexpected field ${f.field} wire ${f.wire}`);
  }
  return raw;
}

export function anyValue(buf: Uint8Array): unknown {
  const raw = fields(buf, "AnyValue", { 1: 2, 2: 0, 3: 0, 4: 1, 5: 2, 6: 2, 7: 2 });
  if (raw.length > 1) throw new Error("AnyValue with more than one value");
  const f = raw[0];
  if (!f) return null;
  switch (f.field) {
    case 1:
      return text(f.bytes);
    case 2:
      return f.varint === 1n;
    case 3:
      return int(f.varint);
    case 4:
      return Buffer.from(f.fixed!).readDoubleLE(0);
    case 5:
      return fields(f.bytes!, "ArrayValue", { 1: 2 }).map((v) => anyValue(v.bytes!));
    case 6:
      return keyValues(fields(f.bytes!, "KeyValueList", { 1: 2 }));
    default:
      return new Uint8Array(f.bytes!);
  }
}

export function keyValues(entries: Raw[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of entries) {
    const kv = fields(e.bytes!, "KeyValue", { 1: 2, 2: 2 });
    const key = text(kv.find((f) => f.field === 1)?.bytes);
    if (key in out) throw new Error(`duplicate attribute ${key}`);
    const value = kv.find((f) => f.field === 2);
    out[key] = value ? anyValue(value.bytes!) : undefined;
  }
  return out;
}

const attrsOf = (raw: Raw[], field: number) => keyValues(raw.filter((f) => f.field === field));
const one = (raw: Raw[], field: number) => raw.find((f) => f.field === field);

export interface DecodedSpan {
  resource: Record<string, unknown>;
  resourceSchemaUrl: string;
  scope: { name: string; version: string; schemaUrl: string };
  traceId: string;
  spanId: string;
  traceState: string;
  parentSpanId: string;
  name: string;
  kind: number;
  start: bigint;
  end: bigint;
  attributes: Record<string, unknown>;
  droppedAttributesCount: number;
  events: {
    time: bigint;
    name: string;
    attributes: Record<string, unknown>;
    droppedAttributesCount: number;
  }[];
  droppedEventsCount: number;
  links: {
    traceId: string;
    spanId: string;
    traceState: string;
    attributes: Record<string, unknown>;
    droppedAttributesCount: number;
    flags: number;
  }[];
  droppedLinksCount: number;
  status: { code: number; message: string };
  flags: number;
}

function span(buf: Uint8Array): Omit<DecodedSpan, "resource" | "resourceSchemaUrl" | "scope"> {
  const LEN = 2;
  const raw = fields(buf, "Span", {
    1: LEN,
    2: LEN,
    3: LEN,
    4: LEN,
    5: LEN,
    6: 0,
    7: 1,
    8: 1,
    9: LEN,
    10: 0,
    11: LEN,
    12: 0,
    13: LEN,
    14: 0,
    15: LEN,
    16: 5,
  });
  const status = fields(one(raw, 15)?.bytes ?? new Uint8Array(), "Status", { 2: 2, 3: 0 });
  return {
    traceId: hex(one(raw, 1)?.bytes),
    spanId: hex(one(raw, 2)?.bytes),
    traceState: text(one(raw, 3)?.bytes),
    parentSpanId: hex(one(raw, 4)?.bytes),
    name: text(one(raw, 5)?.bytes),
    kind: Number(one(raw, 6)?.varint ?? 0n),
    start: u64(one(raw, 7)?.fixed),
    end: u64(one(raw, 8)?.fixed),
    attributes: attrsOf(raw, 9),
    droppedAttributesCount: Number(one(raw, 10)?.varint ?? 0n),
    events: raw
      .filter((f) => f.field === 11)
      .map((e) => {
        const ev = fields(e.bytes!, "Event", { 1: 1, 2: 2, 3: 2, 4: 0 });
        return {
          time: u64(one(ev, 1)?.fixed),
          name: text(one(ev, 2)?.bytes),
          attributes: attrsOf(ev, 3),
          droppedAttributesCount: Number(one(ev, 4)?.varint ?? 0n),
        };
      }),
    droppedEventsCount: Number(one(raw, 12)?.varint ?? 0n),
    links: raw
      .filter((f) => f.field === 13)
      .map((l) => {
        const lk = fields(l.bytes!, "Link", { 1: 2, 2: 2, 3: 2, 4: 2, 5: 0, 6: 5 });
        return {
          traceId: hex(one(lk, 1)?.bytes),
          spanId: hex(one(lk, 2)?.bytes),
          traceState: text(one(lk, 3)?.bytes),
          attributes: attrsOf(lk, 4),
          droppedAttributesCount: Number(one(lk, 5)?.varint ?? 0n),
          flags: u32(one(lk, 6)?.fixed),
        };
      }),
    droppedLinksCount: Number(one(raw, 14)?.varint ?? 0n),
    status: { code: Number(one(status, 3)?.varint ?? 0n), message: text(one(status, 2)?.bytes) },
    flags: u32(one(raw, 16)?.fixed),
  };
}

/** Every span of an ExportTraceServiceRequest, with its resource and scope. */
export function decodeSpans(buf: Uint8Array): DecodedSpan[] {
  const out: DecodedSpan[] = [];
  for (const rs of fields(buf, "ExportTraceServiceRequest", { 1: 2 })) {
    const rsf = fields(rs.bytes!, "ResourceSpans", { 1: 2, 2: 2, 3: 2 });
    const resourceRaw = fields(one(rsf, 1)?.bytes ?? new Uint8Array(), "Resource", { 1: 2, 2: 0 });
    const resource = attrsOf(resourceRaw, 1);
    const resourceSchemaUrl = text(one(rsf, 3)?.bytes);
    for (const ss of rsf.filter((f) => f.field === 2)) {
      const ssf = fields(ss.bytes!, "ScopeSpans", { 1: 2, 2: 2, 3: 2 });
      const sc = fields(one(ssf, 1)?.bytes ?? new Uint8Array(), "InstrumentationScope", {
        1: 2,
        2: 2,
        3: 2,
        4: 0,
      });
      const scope = {
        name: text(one(sc, 1)?.bytes),
        version: text(one(sc, 2)?.bytes),
        schemaUrl: text(one(ssf, 3)?.bytes),
      };
      for (const s of ssf.filter((f) => f.field === 2)) {
        out.push({ resource, resourceSchemaUrl, scope, ...span(s.bytes!) });
      }
    }
  }
  return out;
}

/** How many ResourceSpans and ScopeSpans a request holds (grouping checks). */
export function groupCounts(buf: Uint8Array): { resources: number; scopes: number } {
  let scopes = 0;
  const rss = fields(buf, "ExportTraceServiceRequest", { 1: 2 });
  for (const rs of rss) scopes += parse(rs.bytes!).filter((f) => f.field === 2).length;
  return { resources: rss.length, scopes };
}

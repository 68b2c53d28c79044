/**
 * A minimal protobuf wire-format reader over one request body. Every read is
 * bounded by the end of the enclosing message, so a length that overruns its
 * parent, a varint cut short or a wire type that does not match the schema
 * raises a WireError naming the message, field and byte offset.
 */
import { int64FromHalves, splitNanosToMs } from "./common.js";

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const WIRE_TYPE_NAMES = ["varint", "fixed64", "length-delimited", "start-group", "end-group", "fixed32"];

/** Deepest group nesting skipped inside unknown fields. */
const MAX_GROUP_DEPTH = 32;

/** A message of the schema, for error messages: its proto name and its fields' names by number. */
export interface MessageInfo {
  readonly name: string;
  readonly fields: Readonly<Record<number, string>>;
}

/** A wire-level problem; `path` is filled in while the error unwinds through repeated fields. */
export class WireError extends Error {
  readonly path: string[] = [];
  constructor(readonly detail: string) {
    super(detail);
    this.name = "WireError";
  }
}

/** Prefixes a path segment to a WireError passing through; other errors are returned untouched. */
export function within(err: unknown, segment: string): unknown {
  if (err instanceof WireError) err.path.unshift(segment);
  return err;
}

export class ProtoReader {
  protected readonly bytes: Uint8Array;
  private readonly text: Buffer;
  private readonly view: DataView;
  pos = 0;
  /** High 32 bits of the last varint read. */
  private hi = 0;
  /** Context of the field being read, for error messages. */
  private msg: MessageInfo = { name: "?", fields: {} };
  private field = 0;
  private tagPos = 0;

  constructor(body: Uint8Array) {
    this.bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    this.text = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    this.view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Reads a field tag of a `msg` ending at `end`; returns `fieldNumber << 3 | wireType`. */
  tag(end: number, msg: MessageInfo): number {
    this.msg = msg;
    this.field = 0;
    this.tagPos = this.pos;
    const tag = this.varint(end);
    const wireType = tag & 7;
    if (this.hi !== 0 || tag >>> 3 === 0 || wireType > WIRE_FIXED32) {
      throw new WireError(
        `malformed: invalid field tag ${this.hi !== 0 ? "(over 32 bits)" : `${tag >>> 3}/${wireType}`} in ${msg.name} at byte ${this.tagPos}`,
      );
    }
    if (wireType === WIRE_END_GROUP) {
      throw new WireError(`malformed: end-group tag without a start in ${msg.name} at byte ${this.tagPos}`);
    }
    this.field = tag >>> 3;
    return tag;
  }

  /** Throws unless the wire type of `tag` is `expected`. */
  expect(tag: number, expected: number): void {
    if ((tag & 7) !== expected) {
      throw new WireError(
        `wire type mismatch: ${this.where()} has wire type ${tag & 7} (${WIRE_TYPE_NAMES[tag & 7]}), expected ${expected} (${WIRE_TYPE_NAMES[expected]})`,
      );
    }
  }

  /** Reads the length prefix of a length-delimited field; returns the end offset of its content. */
  lengthEnd(end: number): number {
    const len = this.varint(end);
    if (this.hi !== 0) throw new WireError(`malformed: ${this.where()} declares a length over 32 bits`);
    const remain = end - this.pos;
    if (len > remain) {
      throw new WireError(`truncated: ${this.where()} declares ${len} bytes but only ${remain} remain`);
    }
    return this.pos + len;
  }

  /** Reads a varint of up to 10 bytes; returns its low 32 bits (unsigned), keeping the high 32 bits aside. */
  varint(end: number): number {
    const p = this.pos;
    if (p < end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        this.hi = 0;
        return b;
      }
    }
    return this.varintSlow(end);
  }

  private varintSlow(end: number): number {
    const bytes = this.bytes;
    let p = this.pos;
    let lo = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (p >= end) throw this.varintTruncated(end);
      b = bytes[p++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = p;
        this.hi = 0;
        return lo;
      }
    }
    if (p >= end) throw this.varintTruncated(end);
    b = bytes[p++]!;
    lo |= (b & 0x7f) << 28;
    let hi = (b & 0x7f) >>> 4;
    if (b >= 0x80) {
      for (let shift = 3; shift < 32; shift += 7) {
        if (p >= end) throw this.varintTruncated(end);
        b = bytes[p++]!;
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      if (b >= 0x80) throw new WireError(`malformed: ${this.where()}: varint longer than 10 bytes`);
    }
    this.pos = p;
    this.hi = hi >>> 0;
    return lo >>> 0;
  }

  private varintTruncated(end: number): WireError {
    return new WireError(`truncated: ${this.where()}: varint runs past byte ${end}`);
  }

  /** int32 / enum: the low 32 bits of the varint, signed. */
  int32(end: number): number {
    return this.varint(end) | 0;
  }

  bool(end: number): boolean {
    return (this.varint(end) | this.hi) !== 0;
  }

  /** int64 as a number, or as a decimal string when beyond ±(2^53 - 1). */
  int64(end: number): number | string {
    const lo = this.varint(end);
    return int64FromHalves(lo, this.hi);
  }

  private need(end: number, n: number): number {
    const p = this.pos;
    if (end - p < n) {
      throw new WireError(`truncated: ${this.where()} needs ${n} bytes but only ${end - p} remain`);
    }
    this.pos = p + n;
    return p;
  }

  /** A fixed64 count of Unix nanoseconds, as fractional milliseconds. */
  nanosAsMs(end: number): number {
    const p = this.need(end, 8);
    const b = this.bytes;
    const lo = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    const hi = (b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24)) >>> 0;
    // nanos = hi * 2^32 + lo = hi * 4294 * 1e6 + (hi * 967296 + lo); the bracket stays below 2^53.
    const rest = hi * 967296 + lo;
    let carry = Math.floor(rest / 1e6);
    let sub = rest - carry * 1e6;
    if (sub < 0) {
      carry -= 1;
      sub += 1e6;
    } else if (sub >= 1e6) {
      carry += 1;
      sub -= 1e6;
    }
    return splitNanosToMs(hi * 4294 + carry, sub);
  }

  double(end: number): number {
    return this.view.getFloat64(this.need(end, 8), true);
  }

  /** A length-delimited UTF-8 string (invalid sequences become U+FFFD). */
  string(end: number): string {
    const stop = this.lengthEnd(end);
    const start = this.pos;
    this.pos = stop;
    const n = stop - start;
    if (n === 0) return "";
    if (n <= 24) {
      const b = this.bytes;
      let s = "";
      for (let i = start; i < stop; i++) {
        const c = b[i]!;
        if (c >= 0x80) return this.text.toString("utf8", start, stop);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return this.text.toString("utf8", start, stop);
  }

  /** A length-delimited bytes field, copied out of the body. */
  bytesCopy(end: number): Uint8Array {
    const stop = this.lengthEnd(end);
    const start = this.pos;
    this.pos = stop;
    return this.bytes.slice(start, stop);
  }

  /** Skips a field of any wire type (unknown fields, fields we do not keep). */
  skip(tag: number, end: number, groupDepth = 0): void {
    switch (tag & 7) {
      case WIRE_VARINT:
        this.varint(end);
        return;
      case WIRE_FIXED64:
        this.need(end, 8);
        return;
      case WIRE_LEN:
        this.pos = this.lengthEnd(end);
        return;
      case WIRE_FIXED32:
        this.need(end, 4);
        return;
      case WIRE_START_GROUP:
        this.skipGroup(tag >>> 3, end, groupDepth);
        return;
      default:
        throw new WireError(`malformed: ${this.where()}: unexpected wire type ${tag & 7}`);
    }
  }

  private skipGroup(fieldNumber: number, end: number, groupDepth: number): void {
    if (groupDepth >= MAX_GROUP_DEPTH) {
      throw new WireError(`malformed: ${this.where()}: groups nested deeper than ${MAX_GROUP_DEPTH}`);
    }
    const msg = this.msg;
    const start = this.tagPos;
    for (;;) {
      if (this.pos >= end) {
        throw new WireError(
          `truncated: group (field ${fieldNumber}) in ${msg.name} at byte ${start} has no end`,
        );
      }
      const tagPos = this.pos;
      const tag = this.varint(end);
      if (this.hi !== 0 || tag >>> 3 === 0 || (tag & 7) > WIRE_FIXED32) {
        throw new WireError(`malformed: invalid field tag in a group in ${msg.name} at byte ${tagPos}`);
      }
      if ((tag & 7) === WIRE_END_GROUP) {
        if (tag >>> 3 !== fieldNumber) {
          throw new WireError(
            `malformed: group (field ${fieldNumber}) in ${msg.name} at byte ${start} ends with field ${tag >>> 3} at byte ${tagPos}`,
          );
        }
        return;
      }
      this.skip(tag, end, groupDepth + 1);
    }
  }

  /** "Span.attributes (field 9) at byte 1834" for the field being read. */
  private where(): string {
    if (this.field === 0) return `${this.msg.name} field tag at byte ${this.tagPos}`;
    const name = this.msg.fields[this.field] ?? "unknown field";
    return `${this.msg.name}.${name} (field ${this.field}) at byte ${this.tagPos}`;
  }
}

/**
 * Protobuf wire-format primitives: sizes for the planning pass and a writer
 * over one preallocated Buffer for the writing pass.
 */

const TWO_32 = 4294967296;

/** Bytes of a varint holding a non-negative integer below 2^53. */
export function varintSize(n: number): number {
  if (n < 0x80) return 1;
  if (n < 0x4000) return 2;
  if (n < 0x200000) return 3;
  if (n < 0x10000000) return 4;
  if (n < 0x800000000) return 5;
  if (n < 0x40000000000) return 6;
  if (n < 0x2000000000000) return 7;
  return 8;
}

/** Bytes of an int64 varint: negative values always take ten. */
export function int64Size(n: number): number {
  return n < 0 ? 10 : varintSize(n);
}

/** A length-delimited field with a one-byte tag, whose payload is `size` bytes. */
export function lenFieldSize(size: number): number {
  return 1 + varintSize(size) + size;
}

/** UTF-8 byte length, as Buffer.write will produce it (lone surrogates become U+FFFD). */
export function utf8Length(s: string): number {
  const n = s.length;
  if (n > 64) return Buffer.byteLength(s, "utf8");
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) len += 1;
    else if ((c & 0xfc00) === 0xd800 && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      len += 2; // 4 bytes for 2 code units
    } else len += 2;
  }
  return len;
}

/** Hex digit values by character code; every other code reads as 0 (out of range: undefined | 0). */
const HEX_VALUE = new Uint8Array(128);
for (let i = 0; i < 10; i++) HEX_VALUE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUE[65 + i] = 10 + i;
  HEX_VALUE[97 + i] = 10 + i;
}

export class ProtoWriter {
  readonly buf: Buffer;
  pos = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  /** A non-negative integer below 2^53. */
  varint(value: number): void {
    const buf = this.buf;
    let pos = this.pos;
    let n = value;
    if (n < 0x80000000) {
      while (n > 0x7f) {
        buf[pos++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
    } else {
      while (n > 0x7f) {
        buf[pos++] = (n % 0x80) | 0x80;
        n = Math.floor(n / 0x80);
      }
    }
    buf[pos++] = n;
    this.pos = pos;
  }

  /** A safe integer as int64 (two's complement for negatives). */
  int64(value: number): void {
    if (value >= 0) {
      this.varint(value);
      return;
    }
    let lo = value >>> 0;
    let hi = Math.floor(value / TWO_32) >>> 0;
    const buf = this.buf;
    let pos = this.pos;
    while (hi !== 0) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    while (lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  fixed32(value: number): void {
    const buf = this.buf;
    const pos = this.pos;
    buf[pos] = value & 0xff;
    buf[pos + 1] = (value >>> 8) & 0xff;
    buf[pos + 2] = (value >>> 16) & 0xff;
    buf[pos + 3] = (value >>> 24) & 0xff;
    this.pos = pos + 4;
  }

  /** An OTel HrTime [seconds, nanos] as fixed64 nanoseconds, exactly (no double rounding). */
  hrTime(seconds: number, nanos: number): void {
    const s = Math.max(0, Math.trunc(seconds));
    const ns = Math.max(0, Math.trunc(nanos));
    const sHi = Math.floor(s / 65536);
    const sLo = s % 65536;
    const a = sHi * 1e9; // contributes a * 2^16
    const b = sLo * 1e9 + ns;
    const loSum = (a % 65536) * 65536 + (b % TWO_32);
    const lo = loSum % TWO_32;
    const hi = Math.floor(a / 65536) + Math.floor(b / TWO_32) + Math.floor(loSum / TWO_32);
    this.fixed32(lo);
    this.fixed32(hi % TWO_32);
  }

  double(value: number): void {
    this.buf.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  /** A string whose UTF-8 length was computed by utf8Length. */
  string(s: string, byteLength: number): void {
    this.varint(byteLength);
    if (byteLength === s.length && byteLength <= 64) {
      const buf = this.buf;
      let pos = this.pos;
      for (let i = 0; i < byteLength; i++) buf[pos++] = s.charCodeAt(i);
      this.pos = pos;
    } else {
      this.pos += this.buf.write(s, this.pos, byteLength, "utf8");
    }
  }

  /** `byteLength` bytes from a hex string; bad digits become zero. */
  hex(hex: string, byteLength: number): void {
    this.varint(byteLength);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < byteLength; i++) {
      buf[pos++] =
        ((HEX_VALUE[hex.charCodeAt(2 * i)]! | 0) << 4) | (HEX_VALUE[hex.charCodeAt(2 * i + 1)]! | 0);
    }
    this.pos = pos;
  }

  bytes(data: Uint8Array): void {
    this.varint(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }
}

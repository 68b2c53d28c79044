/**
 * An encoder for AWS's `application/vnd.amazon.eventstream` framing, written
 * for the fake Bedrock server (the client's own codec decodes what this
 * writes, so the two are independent): each message is a 12-byte prelude
 * (total length, headers length, CRC32 of those 8 bytes), the headers, the
 * payload, and a CRC32 of everything before it. Header values here are all
 * strings (type 7): name length (1 byte), name, type, value length (2
 * bytes), value.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, the one event streams use). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const STRING_TYPE = 7;

function encodeHeaders(headers: Readonly<Record<string, string>>): Buffer {
  const pieces: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name, "utf8");
    const v = Buffer.from(value, "utf8");
    const head = Buffer.alloc(1 + n.length + 1 + 2);
    head.writeUInt8(n.length, 0);
    n.copy(head, 1);
    head.writeUInt8(STRING_TYPE, 1 + n.length);
    head.writeUInt16BE(v.length, 2 + n.length);
    pieces.push(head, v);
  }
  return Buffer.concat(pieces);
}

/** One framed message. */
export function encodeMessage(headers: Readonly<Record<string, string>>, payload: Uint8Array): Buffer {
  const head = encodeHeaders(headers);
  const total = 12 + head.length + payload.length + 4;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(head.length, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  head.copy(out, 12);
  Buffer.from(payload).copy(out, 12 + head.length);
  out.writeUInt32BE(crc32(out.subarray(0, total - 4)), total - 4);
  return out;
}

/** An event of type `eventType` with a JSON payload. */
export function encodeEvent(eventType: string, body: unknown): Buffer {
  return encodeMessage(
    { ":event-type": eventType, ":content-type": "application/json", ":message-type": "event" },
    Buffer.from(JSON.stringify(body), "utf8"),
  );
}

/** A modelled exception (`throttlingException`, ...) in the stream. */
export function encodeException(exceptionType: string, message: string): Buffer {
  return encodeMessage(
    { ":exception-type": exceptionType, ":content-type": "application/json", ":message-type": "exception" },
    Buffer.from(JSON.stringify({ message }), "utf8"),
  );
}

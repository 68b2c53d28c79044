/**
 * What an OTLP/HTTP response says: partial success on 200
 * (ExportTraceServiceResponse), the error message of a failure
 * (google.rpc.Status for protobuf, HoneyHive's JSON error shape), and
 * Retry-After. Parsers never throw: a body that cannot be read says nothing.
 */

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

interface Field {
  field: number;
  varint?: number;
  bytes?: Uint8Array;
}

/** Top-level fields of a protobuf message; stops at the first malformed byte. */
function readFields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = buf[pos++];
      if (b === undefined) throw new RangeError("truncated");
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    throw new RangeError("varint too long");
  };
  try {
    while (pos < buf.length) {
      const tag = varint();
      const field = Math.floor(tag / 8);
      const wire = tag % 8;
      if (wire === 0) out.push({ field, varint: varint() });
      else if (wire === 2) {
        const length = varint();
        if (pos + length > buf.length) break;
        out.push({ field, bytes: buf.subarray(pos, pos + length) });
        pos += length;
      } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else break;
    }
  } catch {
    // malformed: keep what was read
  }
  return out;
}

const utf8 = new TextDecoder();

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? "").toLowerCase().includes("json");
}

/** The partial success of a 200 response, if the server reported one. */
export function parsePartialSuccess(body: Uint8Array, contentType?: string): PartialSuccess | undefined {
  if (body.length === 0) return undefined;
  if (isJson(contentType)) {
    try {
      const parsed = JSON.parse(utf8.decode(body)) as {
        partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string };
      };
      const p = parsed.partialSuccess;
      if (!p) return undefined;
      const rejected = Number(p.rejectedSpans ?? 0);
      return {
        rejectedSpans: Number.isFinite(rejected) && rejected > 0 ? rejected : 0,
        errorMessage: String(p.errorMessage ?? ""),
      };
    } catch {
      return undefined;
    }
  }
  const partial = readFields(body).find((f) => f.field === 1 && f.bytes);
  if (!partial?.bytes) return undefined;
  let rejectedSpans = 0;
  let errorMessage = "";
  for (const f of readFields(partial.bytes)) {
    if (f.field === 1 && f.varint !== undefined) rejectedSpans = f.varint;
    if (f.field === 2 && f.bytes) errorMessage = utf8.decode(f.bytes);
  }
  return { rejectedSpans, errorMessage };
}

/** A short human message from an error response body (protobuf Status or JSON), or "". */
export function parseErrorMessage(body: Uint8Array, contentType?: string): string {
  if (body.length === 0) return "";
  let message = "";
  if (isJson(contentType)) {
    try {
      const parsed = JSON.parse(utf8.decode(body)) as {
        error?: { message?: string; hint?: string } | string;
        message?: string;
      };
      const e = parsed.error;
      if (typeof e === "string") message = e;
      else if (e) message = [e.message, e.hint].filter(Boolean).join(". ");
      else message = String(parsed.message ?? "");
    } catch {
      message = utf8.decode(body);
    }
  } else if ((contentType ?? "").toLowerCase().includes("protobuf")) {
    const field = readFields(body).find((f) => f.field === 2 && f.bytes);
    if (field?.bytes) message = utf8.decode(field.bytes);
  } else {
    message = utf8.decode(body);
  }
  return message.replace(/\s+/g, " ").trim().slice(0, 300);
}

/** Retry-After (delta-seconds or an HTTP date) in milliseconds, capped; undefined when absent or invalid. */
export function parseRetryAfter(
  header: string | undefined,
  maxMs: number,
  now = Date.now(),
): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === "") return undefined;
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    // An HTTP date names its day and month; Date.parse alone would take "-5" for a year.
    const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.min(Math.max(ms, 0), maxMs);
}

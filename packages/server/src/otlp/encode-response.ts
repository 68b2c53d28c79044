/**
 * ExportTraceServiceResponse bodies. Full success is the empty message (0 bytes in
 * protobuf, `{}` in JSON); a partial success carries
 * ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
 * in field 1, with proto3's zero values left out.
 */

/** Spans the server did not accept, and why; `rejectedSpans: 0` with a message is a warning. */
export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

function isPartial(partial: PartialSuccess | undefined): partial is PartialSuccess {
  if (partial === undefined) return false;
  const n = partial.rejectedSpans;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`rejectedSpans must be a non-negative integer, got ${n}`);
  }
  return n > 0 || partial.errorMessage !== "";
}

function pushVarint(out: number[], value: number): void {
  let n = value;
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** The protobuf ExportTraceServiceResponse: empty without a partial success. */
export function encodeResponseProtobuf(partial?: PartialSuccess): Uint8Array {
  if (!isPartial(partial)) return new Uint8Array(0);
  const inner: number[] = [];
  if (partial.rejectedSpans > 0) {
    inner.push(0x08); // field 1, varint
    pushVarint(inner, partial.rejectedSpans);
  }
  const message = Buffer.from(partial.errorMessage, "utf8");
  const head: number[] = [];
  if (message.length > 0) {
    inner.push(0x12); // field 2, length-delimited
    pushVarint(inner, message.length);
  }
  head.push(0x0a); // ExportTraceServiceResponse.partial_success, field 1, length-delimited
  pushVarint(head, inner.length + message.length);
  const out = new Uint8Array(head.length + inner.length + message.length);
  out.set(head, 0);
  out.set(inner, head.length);
  out.set(message, head.length + inner.length);
  return out;
}

/** The OTLP/JSON ExportTraceServiceResponse: `{}`, or `{"partialSuccess":{...}}` with int64 as a string. */
export function encodeResponseJson(partial?: PartialSuccess): string {
  if (!isPartial(partial)) return "{}";
  const body: { rejectedSpans?: string; errorMessage?: string } = {};
  if (partial.rejectedSpans > 0) body.rejectedSpans = String(partial.rejectedSpans);
  if (partial.errorMessage !== "") body.errorMessage = partial.errorMessage;
  return JSON.stringify({ partialSuccess: body });
}

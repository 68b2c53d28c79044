/**
 * Thrown when an OTLP trace request body cannot be decoded as a whole: malformed
 * protobuf framing, invalid JSON, or a JSON body that is not an
 * ExportTraceServiceRequest. Problems confined to one span never throw; that span
 * is reported in `DecodedTraces.rejected` and the rest are kept.
 */
export class OtlpDecodeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "OtlpDecodeError";
  }
}

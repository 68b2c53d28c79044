import type { SpanRecord } from "@honeyhive-ts/semconv";

/** One span that was left out of a decoded request, and why. */
export interface RejectedSpan {
  /** Where the span sat in the request, e.g. "resourceSpans[0].scopeSpans[0].spans[3]". */
  index: string;
  reason: string;
}

/** The spans of one ExportTraceServiceRequest: the valid ones, and the ones rejected one by one. */
export interface DecodedTraces {
  spans: SpanRecord[];
  rejected: RejectedSpan[];
}

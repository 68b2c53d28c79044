/** A decoded OTLP span, independent of the wire format it arrived in. */

/** An OTLP AnyValue decoded to plain JavaScript. int64 values beyond 2^53 stay strings. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | AttributeValue[]
  | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

export const SPAN_STATUS_UNSET = 0;
export const SPAN_STATUS_OK = 1;
export const SPAN_STATUS_ERROR = 2;

export interface SpanEventRecord {
  name: string;
  timeMs: number;
  attributes: Attributes;
}

export interface SpanRecord {
  /** 32 lower-case hex characters. */
  traceId: string;
  /** 16 lower-case hex characters. */
  spanId: string;
  /** 16 lower-case hex characters, or undefined for a root span. */
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind number (0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer). */
  kind: number;
  /** Unix epoch milliseconds, fractional (nanosecond input divided by 1e6). */
  startTimeMs: number;
  endTimeMs: number;
  attributes: Attributes;
  status: { code: number; message?: string };
  events: SpanEventRecord[];
  resource: Attributes;
  scope: { name: string; version?: string };
}

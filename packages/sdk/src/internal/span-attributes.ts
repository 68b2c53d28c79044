import type { Attributes, AttributeValue, Span } from "@opentelemetry/api";

/** What the SDK's span (`@opentelemetry/sdk-trace-base`) holds that these writes use. */
interface SdkSpanFields {
  attributes?: Record<string, unknown>;
  ended?: boolean;
  /** The span's `attributeValueLengthLimit`: `Infinity` unless one is configured. */
  _attributeValueLengthLimit?: number;
  _spanLimits?: { attributeCountLimit?: number };
}

/** Far above the attributes the SDK writes on one span, far below the provider's own limit (1024). */
const OWN_ATTRIBUTES_MAX = 256;

/**
 * The attribute map of a recording SDK span that takes the SDK's own writes
 * as they are: no value length limit is configured (one is set by
 * `OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT` or `OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT`,
 * and then every write goes through `setAttribute`, which truncates), and the
 * count limit is far above what the SDK writes. Otherwise undefined.
 */
function ownMap(span: Span): Record<string, unknown> | undefined {
  const s = span as SdkSpanFields;
  const map = s.attributes;
  if (s.ended !== false || typeof map !== "object" || map === null) return undefined;
  const length = s._attributeValueLengthLimit;
  if (typeof length === "number" && length > 0 && length < Number.POSITIVE_INFINITY) return undefined;
  const count = s._spanLimits?.attributeCountLimit;
  if (typeof count === "number" && count < OWN_ATTRIBUTES_MAX) return undefined;
  return map;
}

/**
 * Writes an attribute the SDK made itself (a short key, a value known to be
 * valid: a string, a finite number, a boolean or a homogeneous array of them)
 * straight into a recording SDK span's attribute map.
 * `Span.setAttribute` validates the value and counts the keys it holds (an
 * array allocation per call): on the hot path that costs more than the write.
 * Anything else (an ended span, a span of another implementation, configured
 * limits that could cut the value) goes through `setAttribute`.
 */
export function writeOwnAttribute(span: Span, key: string, value: AttributeValue): void {
  const map = ownMap(span);
  if (map !== undefined) map[key] = value;
  else span.setAttribute(key, value);
}

/**
 * A just-started span's first attributes, made by the SDK (as for
 * writeOwnAttribute): `head`, then `attributes` (missing values skipped), then
 * what the span processor stamped at start. The same keys in the same order
 * as passing them to `startSpan`, without its copies and checks. They go into
 * an object with room for a model call's 20-odd attributes: V8 turns an
 * object literal such as the span's own map into a hash table when a 20th
 * property is added by a computed key, which is slower to write and to
 * encode and holds about 0.7 KB more per span waiting for export.
 */
export function writeOwnStartAttributes(span: Span, head: Attributes, attributes: Attributes): void {
  const stamped = ownMap(span);
  if (stamped === undefined) {
    span.setAttributes({ ...head, ...attributes });
    return;
  }
  const roomy = new RoomyAttributes();
  for (const key in head) roomy[key] = head[key];
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined && value !== null) roomy[key] = value;
  }
  for (const key in stamped) roomy[key] = stamped[key];
  (span as SdkSpanFields).attributes = roomy;
}

/**
 * A plain object (its prototype is `Object.prototype`) made by a constructor:
 * V8 gives such objects in-object room, so they stay fast with more properties
 * than an object literal does.
 */
const RoomyAttributes = function (this: object) {} as unknown as new () => Record<string, unknown>;
RoomyAttributes.prototype = Object.prototype;

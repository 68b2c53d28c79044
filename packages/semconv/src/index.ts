export {
  GEN_AI,
  GEN_AI_OPERATIONS,
  HH_ASSOC,
  HH_ATTR,
  HH_BAGGAGE,
  OPENINFERENCE,
  OTEL_GENERAL,
  RESOURCE_ATTR,
  TRACELOOP,
  VERCEL_AI,
} from "./attributes.js";
export type { ConvertedSpan, ConvertOptions, UnflattenOptions } from "./convert/index.js";
export { spanToEvent, unflatten, uuidFromSpan, uuidFromTrace } from "./convert/index.js";
export type { EventType, HoneyHiveEvent, JsonObject, StoredEvent } from "./event.js";
export { EVENT_TYPES } from "./event.js";
export type { ModelPrice, PriceTable, TokenUsage } from "./prices/index.js";
export { computeCost, DEFAULT_PRICES, findPrice, mergePrices, normalizeModelName } from "./prices/index.js";
export type { Attributes, AttributeValue, SpanEventRecord, SpanRecord } from "./span.js";
export { SPAN_STATUS_ERROR, SPAN_STATUS_OK, SPAN_STATUS_UNSET } from "./span.js";

import type { HoneyHiveEvent, JsonObject } from "../event.js";
import type { PriceTable } from "../prices/types.js";

export interface ConvertOptions {
  /** Prices merged over `DEFAULT_PRICES` (same keys replace the defaults). */
  prices?: PriceTable;
  /** Source when no attribute or resource names one. Default "dev". */
  defaultSource?: string;
}

export interface ConvertedSpan {
  /** The event. `parent_id` is only set from an explicit attribute; otherwise storage resolves `parentRef`. */
  event: HoneyHiveEvent;
  /** `uuidFromSpan(traceId, spanId)`; the event id unless `honeyhive_event_id` gives one. */
  spanRef: string;
  /** `uuidFromSpan(traceId, parentSpanId)`, null for a root span. */
  parentRef: string | null;
  /** Project named by the span or its resource, else null. */
  project: string | null;
  /** True when the session id came from an attribute; else it is `uuidFromTrace(traceId)`. */
  sessionIdExplicit: boolean;
  /** What to create the session with if it does not exist yet. */
  session: { name: string; source: string; userProperties: JsonObject | null; metadata: JsonObject | null };
}

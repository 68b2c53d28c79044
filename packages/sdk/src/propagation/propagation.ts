import { HH_BAGGAGE } from "@honeyhive-ts/semconv";
import {
  type Context,
  defaultTextMapSetter,
  propagation,
  type TextMapGetter,
  type TextMapSetter,
} from "@opentelemetry/api";
import { W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import type { SessionInfo } from "../session/session.js";

const traceContext = new W3CTraceContextPropagator();
const baggagePropagator = new W3CBaggagePropagator();

/** Headers as a plain object or a `Headers`-like object. */
export type Carrier = Record<string, string | string[] | undefined> | HeadersLike;

export interface HeadersLike {
  get(name: string): string | null;
  set(name: string, value: string): void;
}

/** Writes `traceparent` (the current span) and `baggage` (the session and evaluation context). */
export function injectInto<C extends Carrier>(
  carrier: C,
  ctx: Context,
  session: SessionInfo,
  tracerId: string,
): C {
  let baggage = propagation.getBaggage(ctx) ?? propagation.createBaggage();
  const entries: Array<[string, string | undefined]> = [
    [HH_BAGGAGE.sessionId, session.sessionId],
    [HH_BAGGAGE.sessionName, session.sessionName],
    [HH_BAGGAGE.source, session.source],
    [HH_BAGGAGE.project, session.project],
    [HH_BAGGAGE.runId, session.runId],
    [HH_BAGGAGE.datasetId, session.datasetId],
    [HH_BAGGAGE.datapointId, session.datapointId],
    [HH_BAGGAGE.tracerId, tracerId],
  ];
  for (const [key, value] of entries) if (value !== undefined) baggage = baggage.setEntry(key, { value });
  const withBaggage = propagation.setBaggage(ctx, baggage);
  const setter = setterFor(carrier);
  traceContext.inject(withBaggage, carrier, setter);
  baggagePropagator.inject(withBaggage, carrier, setter);
  return carrier;
}

/** Reads `traceparent` and `baggage` into a context. */
export function extractFrom(carrier: Carrier, ctx: Context): Context {
  const getter = getterFor(carrier);
  return baggagePropagator.extract(traceContext.extract(ctx, carrier, getter), carrier, getter);
}

function isHeadersLike(carrier: Carrier): carrier is HeadersLike {
  return (
    typeof (carrier as HeadersLike).get === "function" && typeof (carrier as HeadersLike).set === "function"
  );
}

function setterFor(carrier: Carrier): TextMapSetter<Carrier> {
  if (!isHeadersLike(carrier)) return defaultTextMapSetter as TextMapSetter<Carrier>;
  return { set: (c, key, value) => (c as HeadersLike).set(key, value) };
}

function getterFor(carrier: Carrier): TextMapGetter<Carrier> {
  if (!isHeadersLike(carrier)) {
    // Node's IncomingHttpHeaders are lower-case; accept any case from plain objects too.
    return {
      keys: (c) => Object.keys(c),
      get: (c, key) => {
        const record = c as Record<string, string | string[] | undefined>;
        const direct = record[key] ?? record[key.toLowerCase()];
        if (direct !== undefined) return direct;
        const found = Object.keys(record).find((k) => k.toLowerCase() === key.toLowerCase());
        return found === undefined ? undefined : record[found];
      },
    };
  }
  return {
    keys: () => ["traceparent", "tracestate", "baggage"],
    get: (c, key) => (c as HeadersLike).get(key) ?? undefined,
  };
}

import { HH_BAGGAGE } from "@honeyhive-ts/semconv";
import { type Context, createContextKey, propagation } from "@opentelemetry/api";

/** The session a span belongs to, carried in the OpenTelemetry context. */
export interface SessionInfo {
  readonly sessionId: string;
  readonly sessionName: string;
  readonly source: string;
  readonly project: string | undefined;
  /** Evaluation context, when the session belongs to a run. */
  readonly runId?: string | undefined;
  readonly datasetId?: string | undefined;
  readonly datapointId?: string | undefined;
}

const SESSION_KEY = createContextKey("honeyhive.session");
const TRACER_KEY = createContextKey("honeyhive.tracer_id");

export function withSessionInContext(ctx: Context, session: SessionInfo, tracerId: string): Context {
  return ctx.setValue(SESSION_KEY, session).setValue(TRACER_KEY, tracerId);
}

/** The session set in this context by `withSession` or `extract`, if any. */
export function sessionFromContext(ctx: Context): SessionInfo | undefined {
  return ctx.getValue(SESSION_KEY) as SessionInfo | undefined;
}

/** The tracer that owns this context: set by our tracers, or carried in baggage. */
export function tracerIdFromContext(ctx: Context): string | undefined {
  const id = ctx.getValue(TRACER_KEY) as string | undefined;
  return id ?? propagation.getBaggage(ctx)?.getEntry(HH_BAGGAGE.tracerId)?.value;
}

/** A session described by W3C baggage (another service's `inject`). */
export function sessionFromBaggage(ctx: Context, fallbackSource: string): SessionInfo | undefined {
  const baggage = propagation.getBaggage(ctx);
  const sessionId = baggage?.getEntry(HH_BAGGAGE.sessionId)?.value;
  if (!baggage || !sessionId || !UUID.test(sessionId)) return undefined;
  const entry = (key: string) => baggage.getEntry(key)?.value;
  return {
    sessionId: sessionId.toLowerCase(),
    sessionName: entry(HH_BAGGAGE.sessionName) ?? "session",
    source: entry(HH_BAGGAGE.source) ?? fallbackSource,
    project: entry(HH_BAGGAGE.project),
    runId: entry(HH_BAGGAGE.runId),
    datasetId: entry(HH_BAGGAGE.datasetId),
    datapointId: entry(HH_BAGGAGE.datapointId),
  };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

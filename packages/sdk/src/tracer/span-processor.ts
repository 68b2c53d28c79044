import { HH_ASSOC, HH_ATTR } from "@honeyhive-ts/semconv";
import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { SpanNameFilter } from "../config/settings.js";
import type { ExportPipeline } from "../export/index.js";
import type { Logger } from "../internal/logger.js";
import { type SessionInfo, sessionFromBaggage, sessionFromContext } from "../session/session.js";

export interface SessionSpanProcessorOptions {
  pipeline: ExportPipeline;
  defaultSession: () => SessionInfo;
  fallbackSource: string;
  includeSpans: readonly SpanNameFilter[] | undefined;
  excludeSpans: readonly SpanNameFilter[] | undefined;
  logger: Logger;
}

/**
 * Stamps every span with its session (from the context, else baggage, else the
 * tracer's own session), applies the span-name filters and hands finished spans
 * to the export pipeline.
 */
export class SessionSpanProcessor implements SpanProcessor {
  private filtered = 0;

  constructor(private readonly options: SessionSpanProcessorOptions) {}

  onStart(span: Span, parentContext: Context): void {
    try {
      const own = this.options.defaultSession();
      const session =
        sessionFromContext(parentContext) ??
        sessionFromBaggage(parentContext, this.options.fallbackSource) ??
        own;
      stamp(span, session, own);
    } catch (err) {
      this.options.logger.error("could not attach the session to a span", err);
    }
  }

  onEnd(span: ReadableSpan): void {
    if (!this.keep(span.name)) {
      this.filtered++;
      return;
    }
    this.options.pipeline.onEnd(span);
  }

  filteredCount(): number {
    return this.filtered;
  }

  forceFlush(): Promise<void> {
    return this.options.pipeline.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.options.pipeline.shutdown();
  }

  private keep(name: string): boolean {
    const { includeSpans, excludeSpans } = this.options;
    if (includeSpans && includeSpans.length > 0 && !includeSpans.some((f) => matches(f, name))) return false;
    return !excludeSpans?.some((f) => matches(f, name));
  }
}

function matches(filter: SpanNameFilter, name: string): boolean {
  return typeof filter === "string" ? filter === name : filter.test(name);
}

/**
 * Session attributes are written straight into the span's attribute map: they
 * are known-good strings, and `setAttribute`'s checks cost more than the write.
 * The tracer's own session name, source and project are on the resource (sent
 * once per batch); a span carries them only when its session differs.
 */
function stamp(span: Span, session: SessionInfo, own: SessionInfo): void {
  const attrs = span.attributes as Record<string, unknown>;
  attrs[HH_ASSOC.sessionId] = session.sessionId;
  if (session.sessionName !== own.sessionName) attrs[HH_ASSOC.sessionName] = session.sessionName;
  if (session.source !== own.source) attrs[HH_ASSOC.source] = session.source;
  if (session.project !== own.project && session.project !== undefined)
    attrs[HH_ASSOC.project] = session.project;
  if (session.runId !== undefined) attrs[`${HH_ATTR.metadata}.run_id`] = session.runId;
  if (session.datasetId !== undefined) attrs[`${HH_ATTR.metadata}.dataset_id`] = session.datasetId;
  if (session.datapointId !== undefined) attrs[`${HH_ATTR.metadata}.datapoint_id`] = session.datapointId;
}

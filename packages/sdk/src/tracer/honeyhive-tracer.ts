import { randomUUID } from "node:crypto";
import {
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  trace as otelTrace,
  type Span,
  type Tracer,
} from "@opentelemetry/api";
import type { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { capture } from "../capture/index.js";
import { type ResolvedOptions, resolveOptions, type TracerOptions } from "../config/settings.js";
import { type EnrichFields, enrichAttributes, enrichBody } from "../enrich/fields.js";
import { ExportPipeline, type ExportStats } from "../export/index.js";
import { enableInstrumentations } from "../instrumentation/enable.js";
import { createLogger, type Logger } from "../internal/logger.js";
import { type Carrier, extractFrom, injectInto } from "../propagation/propagation.js";
import {
  type SessionInfo,
  sessionFromBaggage,
  sessionFromContext,
  UUID,
  withSessionInContext,
} from "../session/session.js";
import { SessionClient, type SessionClientStats } from "../session/session-client.js";
import { type CallSpec, type EventKind, runTraced } from "../trace/traced-call.js";
import { SDK_NAME, SDK_VERSION } from "../version.js";
import { ensureContextManager } from "./context-manager.js";
import { coreOf, setCore, type TracerCore } from "./core.js";
import { installExitHook } from "./exit-hook.js";
import { HealthReporter } from "./health-report.js";
import { HoneyHiveSpan } from "./manual-span.js";
import { PendingResults } from "./pending.js";
import { createProvider } from "./provider.js";
import { register, unregister } from "./registry.js";
import { SessionSpanProcessor } from "./span-processor.js";

export interface SessionOptions {
  sessionName?: string;
  /** Use this id (a UUID) instead of a new one. */
  sessionId?: string;
  source?: string;
  inputs?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  userProperties?: Record<string, unknown>;
  config?: Record<string, unknown>;
  /** Evaluation context (set by `evaluate`). */
  runId?: string;
  datasetId?: string;
  datapointId?: string;
}

export interface SpanOptions {
  eventType?: EventKind;
  inputs?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

export interface TracerStats extends ExportStats {
  enabled: boolean;
  /** Spans not exported because of `includeSpans` / `excludeSpans`. */
  filtered: number;
  /** Traced results (promises, streams) not finished yet. */
  pendingResults: number;
  sessions: SessionClientStats;
}

const NOOP_TRACER = otelTrace.getTracer("honeyhive-noop");

/**
 * The SDK's entry point: `HoneyHiveTracer.init(options)` returns a working
 * tracer at once (no network on the way) or, without an API key, a no-op one.
 * Each tracer has its own provider, session and export pipeline.
 */
export class HoneyHiveTracer {
  readonly id = randomUUID();
  readonly enabled: boolean;
  private readonly options: ResolvedOptions;
  private readonly logger: Logger;
  private readonly defaultSession: SessionInfo;
  private readonly pending = new PendingResults();
  private readonly provider: BasicTracerProvider | undefined;
  private readonly pipeline: ExportPipeline | undefined;
  private readonly processor: SessionSpanProcessor | undefined;
  private readonly sessions: SessionClient | undefined;
  private readonly health: HealthReporter | undefined;
  private readonly otel: Tracer;
  private shutdownPromise: Promise<void> | undefined;

  /** Never throws: problems are warned about once and the tracer degrades to a no-op. */
  static init(options: TracerOptions = {}): HoneyHiveTracer {
    try {
      return new HoneyHiveTracer(options);
    } catch (err) {
      createLogger(false).warnOnce("init-failed", `tracer set-up failed, tracing is off: ${String(err)}`);
      return new HoneyHiveTracer({ ...options, apiKey: undefined, verbose: false });
    }
  }

  /** Prefer `HoneyHiveTracer.init`, which never throws. */
  constructor(given: TracerOptions = {}) {
    const { options, problems } = resolveOptions(given);
    this.options = options;
    this.logger = createLogger(options.verbose);
    for (const p of problems) this.logger.warnOnce(`option:${p}`, p);
    this.defaultSession = this.sessionInfo({
      sessionId: options.sessionId,
      sessionName: options.sessionName,
    });
    this.enabled = options.apiKey !== undefined && options.apiKey !== "";
    if (!this.enabled) {
      this.logger.warnOnce(
        "no-api-key",
        "no API key: tracing is off. Pass HoneyHiveTracer.init({ apiKey }) or set HH_API_KEY.",
      );
      this.otel = NOOP_TRACER;
      this.setCore();
      register(this, false);
      return;
    }
    ensureContextManager();
    const headers = this.headers();
    this.pipeline = new ExportPipeline({
      endpoint: `${options.serverUrl}/opentelemetry/v1/traces`,
      headers,
      maxBufferBytes: options.maxBufferBytes,
      compression: options.compression,
      disableBatch: options.disableBatch,
      ...(options.mask ? { mask: options.mask } : {}),
      logger: this.logger,
    });
    this.processor = new SessionSpanProcessor({
      pipeline: this.pipeline,
      defaultSession: () => this.defaultSession,
      fallbackSource: options.source,
      includeSpans: options.includeSpans,
      excludeSpans: options.excludeSpans,
      logger: this.logger,
    });
    this.provider = createProvider(
      this.processor,
      options.sessionName,
      options.project,
      options.source,
      options.sampling,
    );
    if (options.setGlobalProvider) otelTrace.setGlobalTracerProvider(this.provider);
    this.otel = this.provider.getTracer(SDK_NAME, SDK_VERSION);
    this.sessions = new SessionClient({ serverUrl: options.serverUrl, headers, logger: this.logger });
    const pipeline = this.pipeline;
    this.health = new HealthReporter(
      this.sessions,
      { source: options.source, serviceName: options.sessionName },
      () => pipeline.stats(),
    );
    this.setCore();
    register(this, false);
    enableInstrumentations(this, options, this.logger);
    if (options.flushOnExit) installExitHook();
    if (options.startSession)
      this.startSession(this.defaultSession, {
        inputs: options.inputs,
        metadata: options.metadata,
        userProperties: options.userProperties,
        config: options.config,
      });
  }

  /** The tracer's own session id (spans outside `withSession` belong to it). */
  get sessionId(): string {
    return this.defaultSession.sessionId;
  }

  get project(): string | undefined {
    return this.options.project;
  }

  get source(): string {
    return this.options.source;
  }

  get flushTimeoutMs(): number {
    return this.options.flushTimeoutMs;
  }

  get flushOnExit(): boolean {
    return this.enabled && this.options.flushOnExit;
  }

  /** The session of the current context: `withSession`'s, an extracted one, else the tracer's own. */
  currentSession(ctx: Context = context.active()): SessionInfo {
    return sessionFromContext(ctx) ?? sessionFromBaggage(ctx, this.options.source) ?? this.defaultSession;
  }

  /** The OpenTelemetry tracer behind this HoneyHive tracer (for instrumentations and manual OTel code). */
  getOtelTracer(): Tracer {
    return this.otel;
  }

  /** Start a new session (sent in the background) and return it; use it with `withSession`. */
  createSession(options: SessionOptions = {}): SessionInfo {
    const session = this.sessionInfo(options);
    knownSessions.add(session);
    this.startSession(session, options);
    return session;
  }

  /**
   * Run `fn` in a session of its own (a new one from options, or a session
   * from `createSession`): every span started inside, across awaits, lands in it.
   */
  withSession<R>(session: SessionOptions | SessionInfo, fn: () => R): R {
    let info: SessionInfo;
    try {
      info = isSessionInfo(session) ? session : this.createSession(session);
    } catch (err) {
      this.logger.error("could not create a session", err);
      return fn();
    }
    return context.with(withSessionInContext(context.active(), info, this.id), fn);
  }

  /** Run `fn` in a span named `name`; the span ends when the result is finished (returned, settled, read). */
  startSpan<R>(name: string, fn: (span: HoneyHiveSpan) => R, options: SpanOptions = {}): R {
    const core = this.core();
    if (!this.enabled)
      return fn(new HoneyHiveSpan(otelTrace.wrapSpanContext(INVALID_SPAN_CONTEXT), undefined));
    const spec: CallSpec = {
      name,
      eventType: options.eventType,
      inputs: options.inputs ? () => JSON.stringify(capture(options.inputs, core.limits)) : undefined,
      captureInputs: true,
      captureOutputs: false,
      metadata: options.metadata,
      config: options.config,
      attributes: undefined,
    };
    return runTraced(core, spec, [], (span) => fn(new HoneyHiveSpan(span, core)));
  }

  /** A span you end yourself (`span.end()` or `using`); a child of the current span. */
  span(name: string, options: SpanOptions = {}): HoneyHiveSpan {
    if (!this.enabled) return new HoneyHiveSpan(otelTrace.wrapSpanContext(INVALID_SPAN_CONTEXT), undefined);
    const core = this.core();
    try {
      const span = this.otel.startSpan(name, {}, context.active());
      const handle = new HoneyHiveSpan(span, core);
      if (options.eventType) span.setAttribute("honeyhive_event_type", options.eventType);
      if (options.inputs) handle.setInputs(options.inputs);
      if (options.metadata || options.config)
        handle.enrich({
          ...(options.metadata ? { metadata: options.metadata } : {}),
          ...(options.config ? { config: options.config } : {}),
        });
      return handle;
    } catch (err) {
      this.logger.error("could not start a span", err);
      return new HoneyHiveSpan(otelTrace.wrapSpanContext(INVALID_SPAN_CONTEXT), undefined);
    }
  }

  /** Add to the current span (the innermost traced call). Does nothing outside a span. */
  enrichSpan(fields: EnrichFields, span: Span | undefined = otelTrace.getActiveSpan()): void {
    if (!this.enabled || !span?.isRecording()) return;
    try {
      enrichAttributes(span, fields, this.core().limits);
    } catch (err) {
      this.logger.error("enrichSpan failed", err);
    }
  }

  /** Add to the current session (or the one named); sent with PUT /events in the background. */
  enrichSession(fields: EnrichFields & { sessionId?: string }): void {
    if (!this.enabled || !this.sessions) return;
    try {
      const sessionId = fields.sessionId ?? this.currentSession().sessionId;
      this.sessions.update(sessionId, enrichBody(fields, this.core().limits));
    } catch (err) {
      this.logger.error("enrichSession failed", err);
    }
  }

  /** Write W3C `traceparent` and `baggage` (with the session) into outgoing headers. */
  inject<C extends Carrier>(carrier: C, ctx: Context = context.active()): C {
    try {
      return injectInto(carrier, ctx, this.currentSession(ctx), this.id);
    } catch (err) {
      this.logger.error("inject failed", err);
      return carrier;
    }
  }

  /** Read incoming `traceparent` / `baggage` into a context whose spans continue the caller's trace and session. */
  extract(carrier: Carrier, ctx: Context = context.active()): Context {
    try {
      const extracted = extractFrom(carrier, ctx);
      const session = sessionFromBaggage(extracted, this.options.source);
      return session ? withSessionInContext(extracted, session, this.id) : extracted;
    } catch (err) {
      this.logger.error("extract failed", err);
      return ctx;
    }
  }

  /** `extract` and run `fn` in the result: the handler's spans join the caller's trace and session. */
  withExtracted<R>(carrier: Carrier, fn: () => R): R {
    return context.with(this.extract(carrier), fn);
  }

  /** True when something is still buffered, in flight or running. */
  hasPendingWork(): boolean {
    if (!this.enabled) return false;
    const s = this.pipeline!.stats();
    return s.bufferedSpans > 0 || this.pending.size > 0 || this.sessions!.stats().pending > 0;
  }

  /**
   * Wait for traced results still running (streams being read), then for every
   * span and session call to be sent. Resolves false if `timeoutMs` passed first. Never rejects.
   */
  async flush(timeoutMs: number = this.options.flushTimeoutMs): Promise<boolean> {
    if (!this.enabled) return true;
    try {
      const deadline = Date.now() + timeoutMs;
      const active = otelTrace.getActiveSpan()?.spanContext().spanId;
      const settled = await this.pending.settle(active, deadline);
      const exported = await this.pipeline!.flush(Math.max(1, deadline - Date.now()));
      const sessions = await this.sessions!.flush(Math.max(1, deadline - Date.now()));
      return settled && exported && sessions;
    } catch (err) {
      this.logger.error("flush failed", err);
      return false;
    }
  }

  /** Flush, then stop exporting. Idempotent: a second call returns the same promise. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.doShutdown();
    return this.shutdownPromise;
  }

  stats(): TracerStats {
    const exportStats: ExportStats = this.pipeline?.stats() ?? {
      exported: 0,
      dropped: 0,
      droppedByReason: {},
      retried: 0,
      bufferedSpans: 0,
      bufferedBytes: 0,
      inFlightRequests: 0,
      breaker: "closed",
    };
    return {
      ...exportStats,
      enabled: this.enabled,
      filtered: this.processor?.filteredCount() ?? 0,
      pendingResults: this.pending.size,
      sessions: this.sessions?.stats() ?? { sent: 0, failed: 0, retried: 0, pending: 0 },
    };
  }

  private async doShutdown(): Promise<void> {
    try {
      await this.flush();
      if (this.health && this.sessions) {
        this.health.stop();
        this.health.report();
        await this.sessions.flush(this.options.flushTimeoutMs);
      }
      this.sessions?.close();
      await this.provider?.shutdown();
    } catch (err) {
      this.logger.error("shutdown failed", err);
    } finally {
      unregister(this);
    }
  }

  private startSession(session: SessionInfo, options: SessionOptions): void {
    if (!this.sessions) return;
    const limits = this.core().limits;
    const obj = (v: Record<string, unknown> | undefined) => (v ? capture(v, limits) : undefined);
    const metadata = {
      ...(options.metadata ?? {}),
      ...(session.runId ? { run_id: session.runId } : {}),
      ...(session.datasetId ? { dataset_id: session.datasetId } : {}),
      ...(session.datapointId ? { datapoint_id: session.datapointId } : {}),
    };
    this.sessions.start(session.sessionId, {
      ...(session.project ? { project: session.project } : {}),
      session_name: session.sessionName,
      source: session.source,
      start_time: Date.now(),
      inputs: obj(options.inputs),
      metadata: obj(metadata),
      user_properties: obj(options.userProperties),
      config: obj(options.config),
    });
  }

  private sessionInfo(options: SessionOptions): SessionInfo {
    let sessionId = options.sessionId;
    if (sessionId !== undefined && !UUID.test(sessionId)) {
      this.logger.warnOnce(
        `session-id:${sessionId}`,
        `sessionId ${sessionId} is not a UUID; a new id is used`,
      );
      sessionId = undefined;
    }
    return {
      sessionId: (sessionId ?? randomUUID()).toLowerCase(),
      sessionName: options.sessionName ?? this.options.sessionName,
      source: options.source ?? this.options.source,
      project: this.options.project,
      runId: options.runId ?? this.options.runId,
      datasetId: options.datasetId ?? this.options.datasetId,
      datapointId: options.datapointId ?? this.options.datapointId,
    };
  }

  private headers(): Record<string, string> {
    return {
      authorization: `Bearer ${this.options.apiKey}`,
      "hh-sdk-version": SDK_VERSION,
      "hh-sdk-language": "typescript",
      "hh-sdk-package": SDK_NAME,
      "user-agent": `${SDK_NAME}/${SDK_VERSION} node/${process.versions.node}`,
    };
  }

  private setCore(): void {
    setCore(this, {
      enabled: this.enabled,
      otel: this.otel,
      captureInputs: this.options.captureInputs,
      captureOutputs: this.options.captureOutputs,
      limits: { maxStringLength: this.options.maxStringLength, maxTotalChars: this.options.maxCaptureChars },
      disableBatch: this.options.disableBatch,
      flushTimeoutMs: this.options.flushTimeoutMs,
      pipeline: this.pipeline,
      pending: this.pending,
      logger: this.logger,
    });
  }

  private core(): TracerCore {
    return coreOrThrow(this);
  }
}

/** Sessions this process created or joined; anything else passed to `withSession` is options for a new one. */
const knownSessions = new WeakSet<SessionInfo>();

function isSessionInfo(value: SessionOptions | SessionInfo): value is SessionInfo {
  return knownSessions.has(value as SessionInfo);
}

function coreOrThrow(tracer: HoneyHiveTracer): TracerCore {
  const core = coreOf(tracer);
  if (!core) throw new Error("tracer core missing");
  return core;
}

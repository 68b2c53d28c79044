import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { captureJson } from "../capture/index.js";
import { backoffDelay } from "../export/circuit-breaker.js";
import { parseRetryAfter } from "../export/response.js";
import type { Logger } from "../internal/logger.js";

/**
 * Session starts and session enrichment (REST), sent in the background. Calls
 * for one session run in order (the start before any update); retryable
 * failures back off and try again for a while; nothing here ever throws into
 * the application or delays it.
 */
export interface SessionClientOptions {
  serverUrl: string;
  headers: Record<string, string>;
  logger: Logger;
  /** Give up on one call after this long (default 10 minutes). */
  giveUpAfterMs?: number;
  /** Most calls waiting at once; later ones are dropped and counted. */
  maxQueued?: number;
}

export interface SessionClientStats {
  sent: number;
  failed: number;
  retried: number;
  pending: number;
}

const RETRYABLE = new Set([404, 408, 409, 425, 429, 500, 502, 503, 504]);

export class SessionClient {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly counts = { sent: 0, failed: 0, retried: 0 };
  private closed = false;

  constructor(private readonly options: SessionClientOptions) {}

  /** POST /session/start. */
  start(sessionId: string, session: Record<string, unknown>): void {
    this.enqueue(
      sessionId,
      "POST",
      "/session/start",
      { session: { ...session, session_id: sessionId } },
      false,
    );
  }

  /** PUT /events on the session event (objects merge on the server). */
  update(sessionId: string, patch: Record<string, unknown>): void {
    this.enqueue(sessionId, "PUT", "/events", { event_id: sessionId, ...patch }, true);
  }

  /** POST /v1/sdk/health: the tracer's export counters (see tracer/health-report.ts); 404 is not retried. */
  reportHealth(report: Record<string, unknown>): void {
    this.enqueue("\u0000sdk-health", "POST", "/v1/sdk/health", report, false);
  }

  stats(): SessionClientStats {
    return { ...this.counts, pending: this.inFlight.size };
  }

  /** Resolves when every queued call finished or `timeoutMs` passed; true if all finished. */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }

  close(): void {
    this.closed = true;
  }

  private enqueue(
    sessionId: string,
    method: string,
    path: string,
    body: unknown,
    notFoundRetry: boolean,
  ): void {
    if ((this.options.maxQueued ?? 10_000) <= this.inFlight.size) {
      this.counts.failed++;
      this.options.logger.warnOnce("session-queue-full", "too many session calls waiting; some were dropped");
      return;
    }
    const previous = this.chains.get(sessionId) ?? Promise.resolve();
    const call: Promise<void> = previous
      .then(() => this.send(method, path, body, notFoundRetry))
      .catch((err: unknown) => this.options.logger.error("session call failed", err))
      .finally(() => {
        this.inFlight.delete(call);
        if (this.chains.get(sessionId) === call) this.chains.delete(sessionId);
      });
    this.chains.set(sessionId, call);
    this.inFlight.add(call);
  }

  private async send(method: string, path: string, body: unknown, notFoundRetry: boolean): Promise<void> {
    const started = Date.now();
    const giveUp = this.options.giveUpAfterMs ?? 600_000;
    const payload = captureJson(body);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(method, path, payload);
      if (outcome.status >= 200 && outcome.status < 300) {
        this.counts.sent++;
        return;
      }
      const retryable =
        outcome.status === 0 || (RETRYABLE.has(outcome.status) && (outcome.status !== 404 || notFoundRetry));
      if (!retryable || this.closed || Date.now() - started > giveUp) {
        this.counts.failed++;
        this.options.logger.warnOnce(
          `session-${method}-${outcome.status}`,
          `${method} ${path} failed (${outcome.status || outcome.error}): ${outcome.detail}`,
        );
        return;
      }
      this.counts.retried++;
      await sleep(outcome.retryAfterMs ?? backoffDelay(attempt + 1, 250, 30_000));
    }
  }

  private attempt(method: string, path: string, payload: string): Promise<Outcome> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(this.options.serverUrl + path);
      } catch (err) {
        resolve({ status: 0, error: "bad url", detail: String(err), retryAfterMs: undefined });
        return;
      }
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      const req = send(
        url,
        {
          method,
          headers: {
            ...this.options.headers,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(payload),
          },
          timeout: 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", () =>
            resolve({ status: 0, error: "response", detail: "", retryAfterMs: undefined }),
          );
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              detail: Buffer.concat(chunks).toString("utf8").slice(0, 300),
              retryAfterMs: parseRetryAfter(res.headers["retry-after"], 60_000),
            }),
          );
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (err) =>
        resolve({
          status: 0,
          error: (err as NodeJS.ErrnoException).code ?? "error",
          detail: err.message,
          retryAfterMs: undefined,
        }),
      );
      req.end(payload);
    });
  }
}

interface Outcome {
  status: number;
  error?: string;
  detail: string;
  retryAfterMs: number | undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

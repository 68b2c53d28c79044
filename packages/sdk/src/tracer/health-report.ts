import { randomUUID } from "node:crypto";
import type { ExportStats } from "../export/index.js";
import type { SessionClient } from "../session/session-client.js";
import { SDK_NAME, SDK_VERSION } from "../version.js";

/**
 * Reports the tracer's export counters to the server (POST /v1/sdk/health)
 * so spans lost on the client are visible there. Reports ride the session
 * client (background, retried, never thrown into the application): one a
 * minute on an unreferenced timer, and a last one at shutdown once the final
 * export is done. The server keeps the latest report per instance.
 */

export const HEALTH_REPORT_INTERVAL_MS = 60_000;

export interface HealthIdentity {
  source: string;
  serviceName: string;
}

export class HealthReporter {
  private readonly instanceId = randomUUID();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly sessions: SessionClient,
    private readonly identity: HealthIdentity,
    private readonly stats: () => ExportStats,
  ) {
    this.timer = setInterval(() => this.report(), HEALTH_REPORT_INTERVAL_MS);
    this.timer.unref();
  }

  /** Queues one report of the counters as they are now. */
  report(): void {
    const s = this.stats();
    this.sessions.reportHealth({
      instance_id: this.instanceId,
      source: this.identity.source,
      sdk_name: SDK_NAME,
      sdk_version: SDK_VERSION,
      service_name: this.identity.serviceName,
      spans_exported: s.exported,
      spans_dropped: s.dropped,
      dropped_by_reason: { ...s.droppedByReason },
      buffer_bytes: s.bufferedBytes,
    });
  }

  /** Stops the periodic reports (the last one is sent with `report`). */
  stop(): void {
    clearInterval(this.timer);
  }
}

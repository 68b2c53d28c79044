/**
 * The typed API client: `new HoneyHive({ apiKey, serverUrl })`, one namespace
 * per resource, `health()`. Its types are generated from the server's
 * /openapi.json (see api-types.ts); its transport retries what is safe to
 * retry and fails fast behind a circuit breaker.
 */
import { inspect } from "node:util";
import { keyPrefix } from "./errors.js";
import { type HoneyHiveOptions, type ResolvedClientOptions, resolveClientOptions } from "./options.js";
import { ConfigurationsResource } from "./resources/configurations.js";
import { DatapointsResource } from "./resources/datapoints.js";
import { DatasetsResource } from "./resources/datasets.js";
import { EventsResource } from "./resources/events.js";
import { KeysResource } from "./resources/keys.js";
import { MetricsResource } from "./resources/metrics.js";
import { ProjectsResource } from "./resources/projects.js";
import { RunsResource } from "./resources/runs.js";
import { SessionsResource } from "./resources/sessions.js";
import { ToolsResource } from "./resources/tools.js";
import { ApiTransport } from "./transport.js";

export interface HealthStatus {
  /** "ok" when /healthz answered. */
  status: string;
  version: string;
  /** /readyz: "ready", "busy" (ingest queue full) or "unavailable" (storage down). */
  ready: string;
  /** "sqlite" or "postgres", when /readyz said. */
  storage: string | undefined;
  /** The x-request-id of the /readyz call. */
  requestId: string | undefined;
}

const HEALTHZ = { method: "GET", path: "/healthz", auth: false } as const;
const READYZ = { method: "GET", path: "/readyz", auth: false } as const;

export class HoneyHive {
  readonly events: EventsResource;
  readonly sessions: SessionsResource;
  readonly projects: ProjectsResource;
  readonly configurations: ConfigurationsResource;
  readonly datasets: DatasetsResource;
  readonly datapoints: DatapointsResource;
  readonly metrics: MetricsResource;
  readonly tools: ToolsResource;
  readonly runs: RunsResource;
  readonly keys: KeysResource;
  readonly serverUrl: string;
  readonly #options: ResolvedClientOptions;
  readonly #transport: ApiTransport;

  constructor(options: HoneyHiveOptions = {}) {
    this.#options = resolveClientOptions(options);
    this.serverUrl = this.#options.serverUrl;
    const transport = new ApiTransport(this.#options.apiKey, this.#options);
    this.#transport = transport;
    this.events = new EventsResource(transport);
    this.sessions = new SessionsResource(transport);
    this.projects = new ProjectsResource(transport);
    this.configurations = new ConfigurationsResource(transport);
    this.datasets = new DatasetsResource(transport);
    this.datapoints = new DatapointsResource(transport);
    this.metrics = new MetricsResource(transport);
    this.tools = new ToolsResource(transport);
    this.runs = new RunsResource(transport);
    this.keys = new KeysResource(transport);
  }

  /** "closed", "open" (calls fail fast) or "half-open" (the next call probes /healthz first). */
  get circuitState(): "closed" | "open" | "half-open" {
    return this.#transport.breakerState;
  }

  /**
   * GET /healthz and /readyz (no key needed). Resolves with the server's
   * status even when it is not ready; rejects when it cannot be reached.
   */
  async health(): Promise<HealthStatus> {
    const healthz = await this.#transport.once<{ status?: string; version?: string }>(HEALTHZ);
    const readyz = await this.#transport.once<{ status?: string; storage?: string }>(READYZ);
    return {
      status: healthz.body?.status ?? `HTTP ${healthz.status}`,
      version: healthz.body?.version ?? "unknown",
      ready: readyz.body?.status ?? `HTTP ${readyz.status}`,
      storage: readyz.body?.storage,
      requestId: readyz.requestId,
    };
  }

  /** Closes idle keep-alive connections (calls in progress finish). */
  close(): void {
    this.#transport.close();
  }

  /** What JSON.stringify shows: the server and the key's prefix, never the key. */
  toJSON(): Record<string, unknown> {
    return { serverUrl: this.serverUrl, apiKey: keyPrefix(this.#options.apiKey) };
  }

  toString(): string {
    return `HoneyHive(${this.serverUrl}, key ${keyPrefix(this.#options.apiKey)})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
